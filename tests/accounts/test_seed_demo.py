"""The demo company loader: sizes, demo logins, idempotency, determinism and the org chart.

Only "small" runs here; "large" is the same code with more people and is timed by hand.
"""

import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts import services
from accounts.demo import data
from accounts.demo.company import EMAIL_DOMAIN, SKILLS, company_generate, department_sequence
from accounts.demo.seed import DEMO_PASSWORD, seed_demo
from accounts.models import Department, Interest, Skill, SkillCategory, User, UserSkill
from accounts.roles import group_name

SMALL = {
    "departments": 16,
    "skill_categories": 10,
    "skills": 63,
    "people": 200,
    "skills_held": 787,
    "interests": 427,
}


SMALL_MANAGERS = sum(p.role == "manager" for p in company_generate(size="small").people)

# Natural fields of every row the seed writes.
TABLES = {
    "categories": (SkillCategory, ("slug", "name")),
    "skills": (Skill, ("slug", "name", "category__slug", "description")),
    "departments": (Department, ("slug", "name", "parent__slug", "description")),
    "people": (
        User,
        (
            "username",
            "first_name",
            "last_name",
            "email",
            "job_title",
            "department__slug",
            "manager__username",
            "bio",
            "weekly_availability",
            "role",
            "is_staff",
            "is_superuser",
            "is_active",
            "password",
            "date_joined",
        ),
    ),
    "groups": (User.groups.through, ("user__username", "group__name")),
    "skills_held": (UserSkill, ("user__username", "skill__slug", "level")),
    "interests": (Interest, ("user__username", "skill__slug", "topic")),
}


def snapshot(*, ids: bool = True) -> dict[str, list[tuple]]:
    """Every row the seed writes, sorted; with ids (and creation times) to tell a rewritten row."""
    result = {}
    for name, (model, fields) in TABLES.items():
        if ids:
            fields = ("id", *fields, *(("created_at",) if model is Interest else ()))
        result[name] = sorted(model.objects.values_list(*fields), key=repr)
    return result


@pytest.fixture
def small(db):
    return seed_demo(size="small")


# --- The generator, without the database ---------------------------------------------------


def test_same_seed_gives_the_same_company_and_another_seed_another():
    assert company_generate(size="small", seed=7) == company_generate(size="small", seed=7)
    assert company_generate(size="small", seed=7).people != company_generate(size="small", seed=8).people


def test_small_is_the_first_two_hundred_people_of_large():
    assert company_generate(size="large").people[:200] == company_generate(size="small").people


def test_large_has_five_thousand_unique_people_and_about_eight_percent_managers():
    people = company_generate(size="large").people
    assert len(people) == 5_000
    assert len({p.username for p in people}) == 5_000
    assert len({p.email for p in people}) == 5_000
    managers = sum(p.role == "manager" for p in people)
    assert 0.07 < managers / len(people) < 0.10


def test_departments_get_people_in_proportion_to_their_weight():
    counts = Counter(department_sequence(5_000))
    total = sum(spec.weight for spec in data.DEPARTMENTS)
    for spec in data.DEPARTMENTS:
        assert abs(counts[spec.slug] - 5_000 * spec.weight / total) <= 2


def test_static_lists_are_consistent():
    skill_names = {name for _, name, _ in SKILLS}
    assert len(skill_names) == len(SKILLS)
    assert len({slug for slug, _, _ in SKILLS}) == len(SKILLS)
    assert len(set(data.FIRST_NAMES)) >= 150
    assert len(set(data.LAST_NAMES)) >= 150
    assert 12 <= len(data.DEPARTMENTS) <= 16
    slugs = [spec.slug for spec in data.DEPARTMENTS]
    for spec in data.DEPARTMENTS:
        assert spec.parent is None or slugs.index(spec.parent) < slugs.index(spec.slug)
        assert set(spec.core_skills) <= skill_names
        assert set(spec.adjacent_skills) <= skill_names
        assert {level for _, level in spec.titles} <= {0, 1, 2, 3}
    # A free topic that names a skill would be turned into that skill by `interest_add`.
    assert not {t.lower() for t in data.FREE_TOPICS} & {n.lower() for n in skill_names}


# --- The loader ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_company_counts(small):
    assert {key: small[key] for key in SMALL} == SMALL
    assert small["people_created"] == 200
    assert Department.objects.count() == 16
    assert SkillCategory.objects.count() == 10
    assert Skill.objects.count() == 63
    assert User.objects.count() == 200
    assert UserSkill.objects.count() == SMALL["skills_held"]
    assert Interest.objects.count() == SMALL["interests"]


@pytest.mark.django_db
def test_every_person_has_a_plausible_profile(small):
    people = User.objects.all()
    for person in people:
        assert re.fullmatch(r"[a-z0-9.-]+", person.username)
        assert person.email == f"{person.username}@{EMAIL_DOMAIN}"
        assert person.first_name and person.last_name and person.job_title and person.bio
        assert person.department_id is not None
        assert 0 <= person.weekly_availability <= 12
    skills_per_person = Counter(UserSkill.objects.values_list("user_id", flat=True))
    interests_per_person = Counter(Interest.objects.values_list("user_id", flat=True))
    assert all(2 <= skills_per_person[p.pk] <= 6 for p in people)
    assert all(1 <= interests_per_person[p.pk] <= 4 for p in people)
    topics = Interest.objects.filter(skill__isnull=True).count()
    assert 0.1 < topics / Interest.objects.count() < 0.4  # mostly skills, some free topics


@pytest.mark.django_db
def test_constraints_hold(small):
    assert set(UserSkill.objects.values_list("level", flat=True)) <= {1, 2, 3, 4, 5}
    assert max(User.objects.values_list("weekly_availability", flat=True)) <= 60
    assert not Interest.objects.filter(skill__isnull=True, topic="").exists()
    assert not Interest.objects.filter(skill__isnull=False).exclude(topic="").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "role", "is_staff", "is_superuser"),
    [
        ("employee", "employee", False, False),
        ("manager", "manager", False, False),
        ("moderator", "moderator", True, False),
        ("admin", "admin", True, True),
    ],
)
def test_demo_logins_have_their_role_and_sign_in(small, username, role, is_staff, is_superuser):
    user = authenticate(username=username, password=DEMO_PASSWORD)
    assert user is not None
    assert user.username == username
    assert (user.role, user.is_staff, user.is_superuser) == (role, is_staff, is_superuser)
    assert list(user.groups.values_list("name", flat=True)) == [group_name(role)]
    assert authenticate(username=username, password="wrong") is None


@pytest.mark.django_db
def test_generated_people_sign_in_with_the_demo_password(small):
    person = User.objects.exclude(username__in=[p["username"] for p in data.PERSONAS]).first()
    assert authenticate(username=person.username, password=DEMO_PASSWORD) == person


@pytest.mark.django_db
def test_bulk_roles_are_what_user_role_set_gives(small):
    """Generated people get roles in bulk; calling the service on them must change nothing."""
    people = [User.objects.filter(role=role, email__endswith=EMAIL_DOMAIN).last() for role in ("manager", "employee")]
    for person in people:
        before = (person.role, person.is_staff, person.is_superuser, set(person.groups.values_list("name")))
        services.user_role_set(user=person, role=person.role)
        person.refresh_from_db()
        assert (person.role, person.is_staff, person.is_superuser, set(person.groups.values_list("name"))) == before
    assert User.objects.filter(groups__name="Manager").count() == SMALL_MANAGERS


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(small):
    before = snapshot()
    again = seed_demo(size="small")
    assert again["rows_written"] == 0
    assert (again["people_created"], again["people_updated"]) == (0, 0)
    assert {key: again[key] for key in SMALL} == SMALL
    assert snapshot() == before


@pytest.mark.django_db
def test_seeding_again_restores_edited_demo_people(small):
    before = snapshot(ids=False)
    employee = User.objects.get(username="employee")
    services.profile_update(user=employee, bio="Changed", weekly_availability=40)
    services.user_password_set(user=employee, password="another-long-password")
    services.user_role_set(user=User.objects.get(username="moderator"), role="employee")
    someone = User.objects.filter(role="employee").exclude(username="employee").first()
    services.user_role_set(user=someone, role="admin")
    held = UserSkill.objects.filter(user=employee).first()
    services.user_skill_remove(user=employee, skill=held.skill)
    services.user_skill_set(user=employee, skill=Skill.objects.exclude(user_skills__user=employee)[0], level=5)
    services.interest_add(user=employee, topic="Quantum gardening")

    result = seed_demo(size="small")

    assert result["rows_written"] > 0
    assert snapshot(ids=False) == before


@pytest.mark.django_db
def test_database_holds_the_generated_company(db):
    seed_demo(size="small", seed=7)
    company = company_generate(size="small", seed=7)
    rows = {u.username: u for u in User.objects.select_related("department", "manager").prefetch_related("user_skills")}
    for spec in company.people:
        user = rows[spec.username]
        assert (user.first_name, user.last_name, user.job_title, user.role) == (
            spec.first_name,
            spec.last_name,
            spec.job_title,
            spec.role,
        )
        assert user.department.slug == spec.department
        assert (user.manager.username if user.manager else None) == spec.manager
        assert {(us.skill.slug, us.level) for us in user.user_skills.select_related("skill")} == set(spec.skills)


@pytest.mark.django_db
def test_managers_are_in_the_same_department_or_head_the_parent(small):
    heads = {}
    for person in User.objects.select_related("department", "manager__department"):
        if person.manager is None:
            assert person.job_title == "Chief Executive Officer"
            assert person.department.slug == data.DEPARTMENTS[0].slug
            ceo = person
            continue
        if person.manager.department_id != person.department_id:
            assert person.department.slug not in heads, "one head per department"
            heads[person.department.slug] = person
    assert set(heads) | {ceo.department.slug} == {spec.slug for spec in data.DEPARTMENTS}
    for slug, head in heads.items():
        parent = head.department.parent
        expected = heads.get(parent.slug) if parent else ceo
        assert head.manager == expected, slug
        assert head.role == "manager"
    # The demo manager heads Platform Engineering; the demo employee reports to them.
    assert heads["platform"].username == "manager"
    assert User.objects.get(username="employee").manager == heads["platform"]


@pytest.mark.django_db
def test_command_prints_a_summary_line(db):
    out = StringIO()
    call_command("seed_demo", "--size", "small", "--seed", "42", stdout=out)
    assert out.getvalue() == (
        "Demo company (small, seed 42): 16 departments, 63 skills, 200 people, 787 skills held, 427 interests; "
        "13 spaces, 60 threads, 577 posts.\n"
        "Idea boards: 7 boards (2 campaigns), 85 ideas (6 merged), 880 votes, 29 customer votes from 8 customers, "
        "1 guest.\n"
        "Projects: 8 (6 open, 1 draft, 1 closed), 22 roles, 25 volunteers, 1 with a confirmed team (4 members, "
        "1 invited), 4 people in past teams.\n"
    )


@pytest.mark.django_db
def test_command_refuses_production_unless_told(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", "--size", "small", stdout=StringIO())
    assert not User.objects.exists()
