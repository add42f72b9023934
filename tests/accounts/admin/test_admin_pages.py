import pytest
from django.contrib import admin

from accounts import services
from accounts.models import ApiToken, Department, Skill, SkillCategory, User
from tests.accounts.factories import SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [User, Department, SkillCategory, Skill, ApiToken]


def _url(model, view, *args):
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def objects(employee):
    skill = SkillFactory()
    services.user_skill_set(user=employee, skill=skill, level=3)
    services.interest_add(user=employee, topic="climate")
    token, _key = services.api_token_create(user=employee, name="t")
    return {
        User: employee,
        Department: employee.department,
        SkillCategory: skill.category,
        Skill: skill,
        ApiToken: token,
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads(client, admin_user, objects, model):
    client.force_login(admin_user)
    assert model in admin.site._registry
    obj = objects[model]
    urls = [_url(model, "changelist"), _url(model, "changelist") + "?q=a", _url(model, "change", obj.pk)]
    if model is not ApiToken:
        urls.append(_url(model, "add"))
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_people_changelist_filters(client, admin_user, objects):
    client.force_login(admin_user)
    response = client.get(_url(User, "changelist") + "?role__exact=employee&is_active__exact=1")
    assert response.status_code == 200
    assert b"erin" in response.content


def test_role_change_in_admin_goes_through_the_service(client, admin_user, employee):
    client.force_login(admin_user)
    response = client.post(
        _url(User, "changelist"),
        {"action": "make_moderator", "_selected_action": [employee.pk]},
        follow=True,
    )
    assert response.status_code == 200
    employee.refresh_from_db()
    assert (employee.role, employee.is_staff) == ("moderator", True)
    assert list(employee.groups.values_list("name", flat=True)) == ["Moderator"]


def test_deactivate_action_revokes_tokens(client, admin_user, employee):
    _token, key = services.api_token_create(user=employee, name="t")
    client.force_login(admin_user)
    client.post(_url(User, "changelist"), {"action": "deactivate", "_selected_action": [employee.pk]})
    employee.refresh_from_db()
    assert not employee.is_active
    assert services.api_token_authenticate(key=key) is None


def test_admin_add_person_sets_role(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        _url(User, "add"),
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "first_name": "New",
            "last_name": "Bie",
            "usable_password": "true",
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
            "job_title": "Tester",
            "role": "manager",
            **{
                f"{prefix}-{field}": 0
                for prefix in ("user_skills", "interests")
                for field in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newbie")
    assert user.role == "manager"
    assert user.has_perm("accounts.manage_projects")


def test_moderator_can_view_people_but_not_change_them(client, moderator, employee):
    client.force_login(moderator)
    assert client.get(_url(User, "changelist")).status_code == 200
    assert client.post(_url(User, "change", employee.pk), {"username": "hacked"}).status_code == 403
    assert client.get(_url(Department, "add")).status_code == 403


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_non_staff_cannot_open_admin(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
