import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services
from tests.accounts.factories import DepartmentFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


def _people(n, department=None):
    skills = [SkillFactory(), SkillFactory()]
    people = []
    for _ in range(n):
        person = UserFactory(department=department) if department else UserFactory()
        for level, skill in enumerate(skills, start=2):
            services.user_skill_set(user=person, skill=skill, level=level)
        services.interest_add(user=person, topic="open source")
        people.append(person)
    return people


def _queries_for_list(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


def test_people_list_query_count_is_constant(api_client, employee):
    api_client.force_authenticate(employee)
    _people(2)
    small, body_small = _queries_for_list(api_client, "/api/v1/people/")
    _people(18)
    large, body_large = _queries_for_list(api_client, "/api/v1/people/")
    assert body_small["count"] == 3
    assert body_large["count"] == 21
    assert small == large


def test_people_list_queries(api_client, employee, django_assert_num_queries):
    api_client.force_authenticate(employee)
    _people(5)
    # 1 count for the page, 1 people (+department, manager joined), 1 skills (+skill, category), 1 interests (+skill)
    with django_assert_num_queries(4):
        api_client.get("/api/v1/people/")


def test_people_list_filters(api_client, employee):
    data = DepartmentFactory(name="Data")
    python = SkillFactory(name="Python")
    ana = UserFactory(first_name="Ana", last_name="Lytic", department=data, job_title="Analyst")
    bo = UserFactory(first_name="Bo", last_name="Builder")
    services.user_skill_set(user=ana, skill=python, level=4)
    services.user_skill_set(user=bo, skill=python, level=2)
    api_client.force_authenticate(employee)

    def names(query):
        return [p["display_name"] for p in api_client.get(f"/api/v1/people/?{query}").json()["results"]]

    assert names(f"department={data.pk}") == ["Ana Lytic"]
    assert names("q=analyst") == ["Ana Lytic"]
    assert sorted(names(f"skill={python.pk}")) == ["Ana Lytic", "Bo Builder"]
    assert names(f"skill={python.pk}&min_level=3") == ["Ana Lytic"]
    assert names("role=employee&q=bo") == ["Bo Builder"]


def test_people_list_bad_filter_is_400_with_field(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.get("/api/v1/people/?department=999999&role=king")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"department", "role"}


def test_people_list_hides_deactivated(api_client, employee):
    gone = UserFactory(first_name="Gone")
    services.user_deactivate(user=gone)
    api_client.force_authenticate(employee)
    ids = [p["id"] for p in api_client.get("/api/v1/people/?page_size=200").json()["results"]]
    assert gone.pk not in ids
    assert api_client.get(f"/api/v1/people/{gone.pk}/").status_code == 404


def test_person_detail_does_not_leak_email(api_client, employee, other_employee):
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/people/{other_employee.pk}/").json()
    assert body["username"] == other_employee.username
    assert "email" not in body


def test_departments_and_skills(api_client, employee):
    SkillFactory(name="Kotlin")
    api_client.force_authenticate(employee)
    departments = api_client.get("/api/v1/departments/").json()
    assert {"id", "name", "member_count"} <= set(departments[0])
    assert [s["name"] for s in api_client.get("/api/v1/skills/?q=kot").json()] == ["Kotlin"]


def test_directory_needs_authentication(api_client, employee):
    for url in ("/api/v1/people/", f"/api/v1/people/{employee.pk}/", "/api/v1/departments/", "/api/v1/skills/"):
        assert api_client.get(url).status_code == 401, url


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/v1/me/", "/api/v1/people/", "/api/v1/me/tokens/"):
        assert path in text
    assert "apiToken" in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn.jsdelivr" not in docs.content
