import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services
from accounts.models import ApiToken, Interest, UserSkill
from tests.accounts.factories import DepartmentFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


def _profile_post(employee, **overrides):
    data = {
        "profile-first_name": employee.first_name,
        "profile-last_name": employee.last_name,
        "profile-job_title": "Engineer",
        "profile-department": "",
        "profile-weekly_availability": "5",
        "profile-bio": "I like trains.",
    }
    data.update(overrides)
    return data


def test_profile_edit_saves(client, employee):
    department = DepartmentFactory(name="Platform")
    client.force_login(employee)
    response = client.post("/profile/", _profile_post(employee, **{"profile-department": department.pk}), follow=True)
    assert b"Your profile is saved." in response.content
    employee.refresh_from_db()
    assert (employee.job_title, employee.department_id, employee.weekly_availability) == ("Engineer", department.pk, 5)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("profile-weekly_availability", "61", b"less than or equal to 60"),
        ("profile-weekly_availability", "lots", b"Enter a whole number"),
        ("profile-department", "999999", b"Select a valid choice"),
        ("profile-job_title", "x" * 121, b"at most 120 characters"),
    ],
)
def test_profile_edit_invalid_values_show_form_errors(client, employee, field, value, message):
    client.force_login(employee)
    response = client.post("/profile/", _profile_post(employee, **{field: value}))
    assert response.status_code == 200
    assert message in response.content
    assert b'aria-invalid="true"' in response.content
    employee.refresh_from_db()
    assert employee.job_title == ""


def test_add_change_and_remove_skill(client, employee):
    skill = SkillFactory(name="Go")
    client.force_login(employee)
    client.post("/profile/skills/", {"skill-skill": skill.pk, "skill-level": 2})
    client.post("/profile/skills/", {"skill-skill": skill.pk, "skill-level": 5})
    assert list(UserSkill.objects.filter(user=employee).values_list("level", flat=True)) == [5]
    page = client.get("/profile/")
    assert b"Go <strong>5/5</strong>" in page.content
    client.post(f"/profile/skills/{skill.pk}/remove/")
    assert not UserSkill.objects.filter(user=employee).exists()


def test_skill_form_errors(client, employee):
    client.force_login(employee)
    response = client.post("/profile/skills/", {"skill-skill": "", "skill-level": 9})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert b"Select a valid choice" in response.content


def test_add_and_remove_interest(client, employee):
    client.force_login(employee)
    client.post("/profile/interests/", {"interest-topic": "urban gardening"})
    interest = Interest.objects.get(user=employee)
    assert b"urban gardening" in client.get("/profile/").content
    client.post(f"/profile/interests/{interest.pk}/remove/")
    assert not Interest.objects.filter(user=employee).exists()


def test_interest_form_needs_one_of_skill_or_topic(client, employee):
    client.force_login(employee)
    response = client.post("/profile/interests/", {"interest-topic": ""})
    assert response.status_code == 400
    assert b"Choose a skill or type a topic" in response.content


def test_cannot_remove_someone_elses_interest(client, employee, other_employee):
    interest = services.interest_add(user=other_employee, topic="chess")
    client.force_login(employee)
    client.post(f"/profile/interests/{interest.pk}/remove/")
    assert Interest.objects.filter(pk=interest.pk).exists()


def test_profile_writes_are_rate_limited(client, employee, settings):
    settings.PAGE_WRITE_RATE = "5/h"  # an hour-long window: the test cannot straddle two
    client.force_login(employee)
    codes = {client.post("/profile/interests/", {"interest-topic": f"t{n}"}).status_code for n in range(5)}
    response = client.post("/profile/interests/", {"interest-topic": "one more"})
    assert codes == {302}
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert not Interest.objects.filter(user=employee, topic="one more").exists()


def test_token_page_creates_shows_once_and_revokes(client, employee):
    client.force_login(employee)
    response = client.post("/profile/tokens/", {"name": "laptop"})
    assert b"It will not be shown again" in response.content
    token = ApiToken.objects.get(user=employee)
    assert b"It will not be shown again" not in client.get("/profile/tokens/").content
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_page_blank_name_is_an_error(client, employee):
    client.force_login(employee)
    response = client.post("/profile/tokens/", {"name": ""})
    assert response.status_code == 400
    assert b"This field is required." in response.content


def test_person_detail_and_missing_person(client, employee, other_employee):
    client.force_login(employee)
    assert other_employee.display_name.encode() in client.get(f"/people/{other_employee.pk}/").content
    response = client.get("/people/999999/")
    assert response.status_code == 404
    assert b"Not found" in response.content


def _directory_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/people/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_people_page_query_count_is_constant(client, employee):
    skill = SkillFactory()
    client.force_login(employee)

    def add(n):
        for _ in range(n):
            person = UserFactory()
            services.user_skill_set(user=person, skill=skill, level=3)
            services.interest_add(user=person, topic="x")

    add(2)
    small = _directory_queries(client)
    add(18)
    assert _directory_queries(client) == small
