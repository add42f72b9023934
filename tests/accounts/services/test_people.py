import pytest
from django.contrib.auth import authenticate

from accounts import services
from accounts.models import Interest, Role, UserSkill
from collab.exceptions import NotFound
from tests.accounts.factories import PASSWORD, DepartmentFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_sets_role_group_and_password():
    user = services.user_create(username="zoe", email="Zoe@Example.com", password=PASSWORD, role=Role.MANAGER)
    assert user.email == "zoe@example.com"
    assert user.role == Role.MANAGER
    assert list(user.groups.values_list("name", flat=True)) == ["Manager"]
    assert user.has_perm("accounts.manage_projects")
    assert not user.is_staff
    assert authenticate(username="zoe", password=PASSWORD) == user


def test_user_create_without_password_cannot_sign_in():
    user = services.user_create(username="sso-only")
    assert not user.has_usable_password()


def test_user_create_rejects_taken_username_and_email():
    UserFactory(username="taken", email="taken@example.com")
    with pytest.raises(services.InvalidProfile) as exc:
        services.user_create(username="taken", email="new@example.com")
    assert exc.value.field == "username"
    with pytest.raises(services.InvalidProfile):
        services.user_create(username="fresh", email="TAKEN@example.com")


def test_user_role_set_moves_between_groups_and_flags():
    user = UserFactory()
    services.user_role_set(user=user, role=Role.MODERATOR)
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == (Role.MODERATOR, True, False)
    assert list(user.groups.values_list("name", flat=True)) == ["Moderator"]
    services.user_role_set(user=user, role=Role.ADMIN)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)
    services.user_role_set(user=user, role=Role.EMPLOYEE)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert list(user.groups.values_list("name", flat=True)) == ["Employee"]


def test_user_role_set_rejects_unknown_role():
    with pytest.raises(services.InvalidProfile):
        services.user_role_set(user=UserFactory(), role="overlord")


def test_profile_update_changes_only_given_fields():
    user = UserFactory(job_title="Analyst")
    department = DepartmentFactory(name="Data")
    services.profile_update(user=user, bio="Hello", weekly_availability=8, department_id=department.pk)
    user.refresh_from_db()
    assert (user.bio, user.weekly_availability, user.department_id, user.job_title) == (
        "Hello",
        8,
        department.pk,
        "Analyst",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekly_availability": 61}, "weekly_availability"),
        ({"weekly_availability": -1}, "weekly_availability"),
        ({"department_id": 999_999}, "department"),
        ({"job_title": "x" * 200}, "job_title"),
    ],
)
def test_profile_update_rejects_invalid_values_with_the_field(changes, field):
    user = UserFactory()
    with pytest.raises(services.InvalidProfile) as exc:
        services.profile_update(user=user, **changes)
    assert exc.value.field == field


def test_profile_update_refuses_fields_outside_the_profile():
    user = UserFactory()
    with pytest.raises(services.InvalidProfile):
        services.profile_update(user=user, role="admin")
    user.refresh_from_db()
    assert user.role == "employee"


def test_user_skill_set_adds_then_changes_level_keeping_one_row():
    user, skill = UserFactory(), SkillFactory()
    services.user_skill_set(user=user, skill=skill, level=2)
    services.user_skill_set(user=user, skill=skill, level=4)
    assert list(UserSkill.objects.filter(user=user).values_list("skill_id", "level")) == [(skill.pk, 4)]


@pytest.mark.parametrize("level", [0, 6])
def test_user_skill_set_rejects_levels_outside_1_to_5(level):
    with pytest.raises(services.InvalidProfile):
        services.user_skill_set(user=UserFactory(), skill=SkillFactory(), level=level)


def test_user_skill_remove():
    user, skill = UserFactory(), SkillFactory()
    services.user_skill_set(user=user, skill=skill, level=3)
    services.user_skill_remove(user=user, skill=skill)
    assert not UserSkill.objects.filter(user=user).exists()


def test_interest_add_skill_or_topic_and_twice_keeps_one():
    user, skill = UserFactory(), SkillFactory(name="Data visualisation")
    services.interest_add(user=user, skill=skill)
    services.interest_add(user=user, skill=skill)
    services.interest_add(user=user, topic="  Sustainability  ")
    services.interest_add(user=user, topic="sustainability")
    assert sorted(i.label for i in Interest.objects.filter(user=user)) == ["Data visualisation", "Sustainability"]


def test_interest_topic_naming_a_skill_becomes_that_skill():
    user, skill = UserFactory(), SkillFactory(name="Python")
    interest = services.interest_add(user=user, topic="python")
    assert (interest.skill_id, interest.topic) == (skill.pk, "")


@pytest.mark.parametrize("kwargs", [{}, {"topic": "   "}, {"topic": "x" * 81}])
def test_interest_add_rejects_empty_or_long(kwargs):
    with pytest.raises(services.InvalidProfile):
        services.interest_add(user=UserFactory(), **kwargs)


def test_interest_add_rejects_both_skill_and_topic():
    with pytest.raises(services.InvalidProfile):
        services.interest_add(user=UserFactory(), skill=SkillFactory(), topic="also this")


def test_interest_remove_only_own():
    owner, other = UserFactory(), UserFactory()
    interest = services.interest_add(user=owner, topic="accessibility")
    with pytest.raises(NotFound):
        services.interest_remove(user=other, interest_id=interest.pk)
    services.interest_remove(user=owner, interest_id=interest.pk)
    assert not Interest.objects.filter(pk=interest.pk).exists()


def test_user_deactivate_blocks_sign_in_and_revokes_tokens():
    user = UserFactory()
    _token, key = services.api_token_create(user=user, name="script")
    services.user_deactivate(user=user)
    assert authenticate(username=user.username, password=PASSWORD) is None
    assert services.api_token_authenticate(key=key) is None


def test_user_password_set_validates():
    user = UserFactory()
    with pytest.raises(services.InvalidProfile) as exc:
        services.user_password_set(user=user, password="123")
    assert exc.value.field == "password"
    services.user_password_set(user=user, password="a much better passphrase")
    assert authenticate(username=user.username, password="a much better passphrase") == user
