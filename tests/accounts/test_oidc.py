"""Single sign-on with OpenID Connect, end to end against a real (fake) identity provider.

The IdP in `oidc_provider.py` runs on loopback; allauth discovers it, exchanges the code at its
/token endpoint and reads /userinfo over real HTTP. Only the browser hop to the IdP's /authorize
page is made with `requests`, since Django's test client cannot leave the site.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory

from accounts.models import User
from accounts.services import user_deactivate
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.oidc_provider import FakeOIDCProvider, s256

PROVIDER_ID = "sso"
LOGIN_PATH = f"/accounts/oidc/{PROVIDER_ID}/login/"
CALLBACK_URL = f"http://testserver/accounts/oidc/{PROVIDER_ID}/login/callback/"
SSO_BUTTON = "Sign in with Company SSO"


@pytest.fixture
def idp():
    with FakeOIDCProvider(redirect_uris=[CALLBACK_URL]) as provider:
        yield provider


def configure_sso(settings, idp: FakeOIDCProvider, **app_settings) -> None:
    """Collab configured the way collab/settings.py does it from the OIDC_* variables."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Company SSO",
                    "client_id": idp.client_id,
                    "secret": idp.client_secret,
                    "settings": {
                        "server_url": idp.base_url,
                        "token_auth_method": "client_secret_basic",
                        "oauth_pkce_enabled": True,
                        "verified_email": [],
                        **app_settings,
                    },
                }
            ],
        }
    }


@pytest.fixture
def sso(settings, idp):
    configure_sso(settings, idp)
    return idp


@pytest.fixture
def no_sso(settings):
    settings.OIDC_CLIENT_ID = ""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}


def sso_button_action(client: Client) -> str:
    """The form action of the SSO button on the sign-in page, as a browser would find it."""
    page = client.get("/accounts/login/").content.decode()
    match = re.search(
        r'<form method="post" action="([^"]+)">\s*<input[^>]+csrfmiddlewaretoken[^>]+>\s*'
        r'<button[^>]*data-testid="sso-' + PROVIDER_ID,
        page,
    )
    assert match, "no SSO button on the sign-in page"
    return match.group(1).replace("&amp;", "&")


def sign_in_at_idp(client: Client, idp: FakeOIDCProvider) -> str:
    """Press the SSO button and let the IdP sign the person in; returns where the IdP sends them back."""
    start = client.post(sso_button_action(client))
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(idp.url("/authorize?"))
    back = requests.get(authorize, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    return back.headers["Location"]


def callback(client: Client, url: str, **replace: str):
    """Follow the IdP's redirect back to Collab, optionally with tampered query parameters."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK_URL
    params = dict(parse_qsl(parts.query))
    params.update(replace)
    return client.get(parts.path, params)


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# --- a new person ------------------------------------------------------------------------------


def test_sso_signs_in_a_new_person_as_employee(db, client, sso):
    sso.sign_in_as(sub="idp-1001", email="Nora.North@Example.com", given_name="Nora", family_name="North")

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(email="nora.north@example.com")
    assert (user.first_name, user.last_name, user.role) == ("Nora", "North", "employee")
    assert list(user.groups.values_list("name", flat=True)) == ["Employee"]
    assert not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (PROVIDER_ID, "idp-1001")
    assert signed_in_user_id(client) == str(user.pk)
    assert "Welcome back, Nora" in client.get("/").content.decode()
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert (me.json()["email"], me.json()["role"]) == ("nora.north@example.com", "employee")


def test_sso_speaks_the_protocol_the_idp_expects(db, client, sso):
    sso.sign_in_as(sub="idp-1002", email="paul@example.com", given_name="Paul")
    start = client.post(f"{LOGIN_PATH}?process=login")
    authorize = dict(parse_qsl(urlsplit(start["Location"]).query))

    callback(client, requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"])

    assert authorize["redirect_uri"] == CALLBACK_URL
    assert set(authorize["scope"].split()) == {"openid", "profile", "email"}
    assert authorize["code_challenge_method"] == "S256"
    (token_call,) = sso.calls("/token")
    assert token_call.headers["authorization"].startswith("Basic ")
    assert "client_secret" not in token_call.form
    assert s256(token_call.form["code_verifier"]) == authorize["code_challenge"]
    (userinfo_call,) = sso.calls("/userinfo")
    assert userinfo_call.headers["authorization"].startswith("Bearer ")


def test_sso_login_needs_a_post_so_a_link_cannot_start_it(db, client, sso):
    response = client.get(LOGIN_PATH)

    assert response.status_code == 200
    assert sso.calls("/authorize") == []


def test_second_sso_sign_in_reuses_the_person(db, client, sso):
    sso.sign_in_as(sub="idp-1003", email="quinn@example.com", given_name="Quinn")
    callback(client, sign_in_at_idp(client, sso))
    client.logout()

    callback(client, sign_in_at_idp(client, sso))

    assert User.objects.filter(email="quinn@example.com").count() == 1
    assert signed_in_user_id(client) == str(User.objects.get(email="quinn@example.com").pk)


# --- an existing local person ------------------------------------------------------------------


@pytest.mark.parametrize("idp_email", ["erin@example.com", "Erin@Example.COM"])
def test_sso_connects_an_existing_person_by_verified_email(db, client, sso, idp_email):
    erin = UserFactory(username="erin", email="erin@example.com", first_name="Erin", role="manager")
    sso.sign_in_as(sub="idp-2001", email=idp_email, given_name="Erin", family_name="Employee")

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 302
    assert User.objects.count() == 1
    assert signed_in_user_id(client) == str(erin.pk)
    assert SocialAccount.objects.get(user=erin).uid == "idp-2001"
    erin.refresh_from_db()
    assert erin.role == "manager"  # SSO does not demote people it matches


def test_connected_person_keeps_signing_in_after_their_email_changes_at_the_idp(db, client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    sso.sign_in_as(sub="idp-2002", email="erin@example.com", given_name="Erin")
    callback(client, sign_in_at_idp(client, sso))
    client.logout()

    sso.sign_in_as(sub="idp-2002", email="erin.married-name@example.com", given_name="Erin")
    callback(client, sign_in_at_idp(client, sso))

    assert signed_in_user_id(client) == str(erin.pk)
    assert User.objects.count() == 1


def test_sso_match_on_an_unconfirmed_local_address_retires_the_local_password(db, client, sso):
    # allauth's guard against someone who registered a victim's address in advance: unless the
    # local address is known to be verified, the local password stops working after an SSO match.
    erin = UserFactory(username="erin", email="erin@example.com")
    sso.sign_in_as(sub="idp-2003", email="erin@example.com")

    callback(client, sign_in_at_idp(client, sso))

    erin.refresh_from_db()
    assert signed_in_user_id(client) == str(erin.pk)
    assert not erin.has_usable_password()


def test_sso_match_on_a_verified_local_address_keeps_the_local_password(db, client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    EmailAddress.objects.create(user=erin, email="erin@example.com", verified=True, primary=True)
    sso.sign_in_as(sub="idp-2004", email="erin@example.com")

    callback(client, sign_in_at_idp(client, sso))

    erin.refresh_from_db()
    assert signed_in_user_id(client) == str(erin.pk)
    assert erin.check_password(PASSWORD)


def test_sso_with_an_unverified_email_does_not_take_over_the_local_person(db, client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    sso.sign_in_as(sub="idp-2005", email="erin@example.com", email_verified=False)

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert User.objects.count() == 1
    assert not SocialAccount.objects.exists()
    erin.refresh_from_db()
    assert erin.check_password(PASSWORD)
    # ... and no sign-up form to claim another address either.
    assert 'name="email"' not in client.get("/accounts/3rdparty/signup/").content.decode()


@pytest.mark.parametrize(
    "identity",
    [
        {"email": "newbie@example.com", "email_verified": False},
        {"email": "newbie@example.com", "email_verified": None},
        {"email": "", "email_verified": None},
    ],
    ids=["unverified", "no-email_verified-claim", "no-email"],
)
def test_sso_creates_nobody_without_an_address_the_idp_vouches_for(db, client, sso, identity):
    sso.sign_in_as(sub="idp-2006", given_name="Newbie", **identity)

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert not User.objects.exists()


def test_trusted_email_domains_stand_in_for_a_missing_email_verified_claim(db, client, settings, idp):
    # Entra ID sends no `email_verified`; OIDC_VERIFIED_EMAIL_DOMAINS tells Collab whom to trust.
    configure_sso(settings, idp, verified_email=["example.com"])
    erin = UserFactory(username="erin", email="erin@example.com")
    idp.sign_in_as(sub="entra-1", email="erin@example.com", email_verified=None)
    callback(client, sign_in_at_idp(client, idp))
    assert signed_in_user_id(client) == str(erin.pk)
    client.logout()

    idp.sign_in_as(sub="entra-2", email="nina@example.com", given_name="Nina", email_verified=None)
    callback(client, sign_in_at_idp(client, idp))
    nina = User.objects.get(email="nina@example.com")
    assert (nina.role, signed_in_user_id(client)) == ("employee", str(nina.pk))
    client.logout()

    idp.sign_in_as(sub="entra-3", email="outsider@elsewhere.test", email_verified=None)
    callback(client, sign_in_at_idp(client, idp))
    assert signed_in_user_id(client) is None
    assert not User.objects.filter(email="outsider@elsewhere.test").exists()


def test_deactivated_person_cannot_sign_in_by_sso(db, client, sso):
    erin = UserFactory(username="erin", email="erin@example.com")
    sso.sign_in_as(sub="idp-2007", email="erin@example.com")
    callback(client, sign_in_at_idp(client, sso))
    client.logout()
    user_deactivate(user=erin)

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/inactive/"
    assert signed_in_user_id(client) is None


# --- failures ----------------------------------------------------------------------------------


def test_callback_with_a_wrong_state_signs_nobody_in(db, client, sso):
    sso.sign_in_as(sub="idp-3001", email="mallory@example.com")

    response = callback(client, sign_in_at_idp(client, sso), state="forged-state-1234")

    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert signed_in_user_id(client) is None
    assert sso.calls("/token") == []
    assert not User.objects.exists()
    assert client.get("/api/v1/me/").status_code in {401, 403}


def test_callback_in_another_browser_signs_nobody_in(db, client, sso):
    sso.sign_in_as(sub="idp-3002", email="mallory@example.com")
    url = sign_in_at_idp(client, sso)

    other_browser = Client()
    response = callback(other_browser, url)

    assert response.status_code == 401
    assert signed_in_user_id(other_browser) is None
    assert not User.objects.exists()


def test_callback_whose_code_the_idp_rejects_signs_nobody_in(db, client, sso):
    sso.sign_in_as(sub="idp-3003", email="mallory@example.com")

    response = callback(client, sign_in_at_idp(client, sso), code="not-a-code-the-idp-issued")

    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert [c.path for c in sso.requests if c.method == "POST"] == ["/token"]
    assert sso.calls("/userinfo") == []
    assert signed_in_user_id(client) is None
    assert not User.objects.exists()


def test_idp_error_redirect_signs_nobody_in(db, client, sso):
    sso.identity = None  # the person gave up at the IdP

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code in {302, 401}
    assert signed_in_user_id(client) is None
    assert not User.objects.exists()


def test_id_token_for_another_client_is_refused(db, client, sso):
    sso.sign_in_as(sub="idp-3004", email="mallory@example.com")
    sso.id_token_overrides = {"aud": "some-other-client"}

    response = callback(client, sign_in_at_idp(client, sso))

    assert response.status_code == 401
    assert signed_in_user_id(client) is None
    assert not User.objects.exists()


def test_id_tokens_verify_against_the_idps_published_keys(db, sso):
    """The fake signs like a real IdP: allauth's own JWKS check accepts its tokens and refuses forgeries."""
    request = RequestFactory().get("/")
    provider = get_adapter().get_provider(request, PROVIDER_ID)
    claims = {"sub": "idp-4001", "email": "kim@example.com", "email_verified": True}

    login = provider.verify_token(request, {"id_token": sso.id_token(claims)})
    assert login.account.uid == "idp-4001"
    assert sso.calls("/jwks")

    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(ValidationError):
        provider.verify_token(request, {"id_token": sso.id_token(claims, key=forger)})


# --- the sign-in page and local accounts -------------------------------------------------------


def test_login_page_offers_sso_only_when_configured(db, client, settings, no_sso, idp):
    assert SSO_BUTTON not in client.get("/accounts/login/").content.decode()
    assert client.post(LOGIN_PATH).status_code == 404

    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Company SSO",
                    "client_id": idp.client_id,
                    "secret": idp.client_secret,
                    "settings": {"server_url": idp.base_url},
                }
            ]
        }
    }
    page = client.get("/accounts/login/").content.decode()
    assert SSO_BUTTON in page
    assert sso_button_action(client) == f"{LOGIN_PATH}?{urlencode({'process': 'login'})}"


@pytest.mark.parametrize("login", ["erin", "erin@example.com"])
def test_local_password_sign_in_still_works_with_sso_on(db, client, sso, login):
    erin = UserFactory(username="erin", email="erin@example.com")

    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(erin.pk)
    assert sso.requests == []


def test_local_sign_up_is_closed(db, client, sso):
    page = client.get("/accounts/signup/")

    assert page.status_code == 200
    assert "Sign Up Closed" in page.content.decode()
    assert 'name="password1"' not in page.content.decode()

    client.post(
        "/accounts/signup/",
        {
            "email": "eve@example.com",
            "username": "eve",
            "password1": "x-Very-long-pw-1",
            "password2": "x-Very-long-pw-1",
        },
    )
    assert not User.objects.filter(username="eve").exists()
    assert signed_in_user_id(client) is None
