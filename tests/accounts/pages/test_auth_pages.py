import pytest

from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_home_anonymous_invites_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/accounts/login/"' in response.content


def test_sign_in_and_out(client, employee):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b"Username or e-mail" in page.content
    response = client.post("/accounts/login/", {"login": employee.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert b"Welcome back, Erin" in response.content
    response = client.post("/accounts/logout/", follow=True)
    assert b"Welcome back" not in response.content
    assert client.get("/profile/").status_code == 302


def test_sign_in_by_email(client, employee):
    response = client.post("/accounts/login/", {"login": employee.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_shows_a_clear_error(client, employee):
    response = client.post("/accounts/login/", {"login": employee.username, "password": "wrong"})
    assert response.status_code == 200
    assert b"The username and/or password you specified are not correct." in response.content
    assert "_auth_user_id" not in client.session


def test_repeated_failed_sign_ins_are_rate_limited(client, employee):
    for _ in range(5):
        client.post("/accounts/login/", {"login": employee.username, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": employee.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content


def test_self_signup_is_closed(client):
    response = client.get("/accounts/signup/")
    assert b'name="password1"' not in response.content


def test_deactivated_person_cannot_sign_in(client, employee):
    from accounts.services import user_deactivate

    user_deactivate(user=employee)
    client.post("/accounts/login/", {"login": employee.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_home_shows_sections_with_empty_states(client, employee):
    client.force_login(employee)
    response = client.get("/")
    content = response.content.decode()
    for section in ("ideas", "threads", "projects"):
        assert f'data-section="{section}"' in content
    assert "No ideas yet" in content


def test_pages_need_sign_in(client):
    for url in ("/people/", "/people/1/", "/profile/", "/profile/tokens/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
