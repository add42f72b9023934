import pytest

from accounts import services
from accounts.models import Interest, UserSkill
from tests.accounts.factories import PASSWORD, DepartmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_refused(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_auth(api_client, employee):
    assert api_client.login(username=employee.username, password=PASSWORD)
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == employee.username


def test_session_writes_need_csrf(employee):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.login(username=employee.username, password=PASSWORD)
    response = client.patch("/api/v1/me/", {"bio": "x"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_token_auth_with_bearer_and_token_keywords(api_client, employee):
    _token, key = services.api_token_create(user=employee, name="script")
    for keyword in ("Bearer", "Token"):
        response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"{keyword} {key}")
        assert response.status_code == 200, keyword
        assert response.json()["id"] == employee.pk


def test_token_writes_need_no_csrf(employee):
    from rest_framework.test import APIClient

    _token, key = services.api_token_create(user=employee, name="script")
    client = APIClient(enforce_csrf_checks=True)
    response = client.patch("/api/v1/me/", {"bio": "from a script"}, format="json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["bio"] == "from a script"


@pytest.mark.parametrize("header", ["Bearer nope", "Bearer", "Bearer a b", "Token clb_wrong"])
def test_bad_tokens_are_refused(api_client, employee, header):
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_revoked_token_is_refused(api_client, employee):
    token, key = services.api_token_create(user=employee, name="script")
    services.api_token_revoke(user=employee, token_id=token.pk)
    assert api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_patch_me(api_client, employee):
    department = DepartmentFactory(name="Research")
    api_client.force_authenticate(employee)
    response = api_client.patch(
        "/api/v1/me/", {"job_title": "Researcher", "weekly_availability": 6, "department_id": department.pk}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["job_title"], body["weekly_availability"], body["department"]["name"]) == ("Researcher", 6, "Research")


def test_patch_me_bad_input_gets_field_messages(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.patch("/api/v1/me/", {"weekly_availability": 99, "department_id": 123456})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"weekly_availability", "department_id"}


def test_patch_me_ignores_role(api_client, employee):
    api_client.force_authenticate(employee)
    api_client.patch("/api/v1/me/", {"role": "admin", "bio": "hi"})
    employee.refresh_from_db()
    assert (employee.role, employee.bio) == ("employee", "hi")


def test_skill_set_and_remove(api_client, employee):
    skill = SkillFactory(name="Rust")
    api_client.force_authenticate(employee)
    response = api_client.put(f"/api/v1/me/skills/{skill.pk}/", {"level": 4})
    assert response.status_code == 200
    assert response.json() == {"skill_id": skill.pk, "name": "Rust", "category": skill.category.name, "level": 4}
    assert api_client.put(f"/api/v1/me/skills/{skill.pk}/", {"level": 9}).status_code == 400
    assert api_client.put("/api/v1/me/skills/999999/", {"level": 3}).status_code == 404
    assert api_client.delete(f"/api/v1/me/skills/{skill.pk}/").status_code == 204
    assert not UserSkill.objects.filter(user=employee).exists()


def test_interest_add_and_remove(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.post("/api/v1/me/interests/", {"topic": "green computing"})
    assert response.status_code == 201
    interest_id = response.json()["id"]
    assert response.json()["label"] == "green computing"
    assert api_client.post("/api/v1/me/interests/", {}).json()["fields"] == {
        "topic": ["Give either skill_id or topic."]
    }
    assert api_client.delete(f"/api/v1/me/interests/{interest_id}/").status_code == 204
    assert api_client.delete(f"/api/v1/me/interests/{interest_id}/").status_code == 404
    assert not Interest.objects.filter(user=employee).exists()


def test_tokens_api_shows_secret_once(api_client, employee):
    api_client.force_authenticate(employee)
    created = api_client.post("/api/v1/me/tokens/", {"name": "ci"})
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = api_client.get("/api/v1/me/tokens/").json()
    assert [t["name"] for t in listed] == ["ci"]
    assert "token" not in listed[0]
    assert secret not in str(listed)
    api_client.force_authenticate(None)
    assert api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_cannot_revoke_someone_elses_token(api_client, employee, other_employee):
    token, _key = services.api_token_create(user=other_employee, name="theirs")
    api_client.force_authenticate(employee)
    assert api_client.delete(f"/api/v1/me/tokens/{token.pk}/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_writes_are_rate_limited(api_client, employee, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_client.force_authenticate(employee)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "writes": "3/min"}
    try:
        codes = [api_client.patch("/api/v1/me/", {"bio": str(n)}).status_code for n in range(4)]
        assert codes == [200, 200, 200, 429]
        assert api_client.get("/api/v1/me/").status_code == 200  # reads are not throttled
        limited = api_client.patch("/api/v1/me/", {"bio": "again"})
        assert limited.json()["code"] == "throttled"
        assert int(limited["Retry-After"]) > 0
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
