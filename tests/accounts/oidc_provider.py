"""A small but honest OpenID Connect provider for tests, served over real HTTP on loopback.

It speaks the authorization-code flow the way allauth's `openid_connect` provider uses it:

- `GET /.well-known/openid-configuration`: discovery (allauth reads `authorization_endpoint`,
  `token_endpoint`, `userinfo_endpoint`, `jwks_uri`, `issuer`).
- `GET /authorize`: checks client, redirect URI, scope and the PKCE S256 challenge, then sends the
  browser straight back with `code` and `state`, as if the person had signed in at the IdP. Who
  that person is comes from `sign_in_as()`.
- `POST /token`: checks the client (HTTP basic auth, or form fields when `client_secret_post` is
  allowed), the one-time code, the redirect URI and the PKCE `code_verifier`; answers with an
  access token and an RS256 id_token.
- `GET /userinfo`: the claims for a bearer access token (allauth prefers these to the id_token's).
- `GET /jwks`: the public signing key (allauth checks id_token signatures against it when a token
  is handed to it directly rather than fetched from /token).

Nothing in allauth or `requests` is mocked: the code under test talks to this server.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

PROFILE_CLAIMS = ("name", "given_name", "family_name", "preferred_username")
EMAIL_CLAIMS = ("email", "email_verified")


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    scope: set[str]
    claims: dict[str, Any]
    code_challenge: str | None
    nonce: str | None


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] = field(default_factory=dict)


@functools.cache
def _signing_key() -> rsa.RSAPrivateKey:
    # One key per test run: generating RSA keys is slow, and every fake instance is its own issuer.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class FakeOIDCProvider:
    """An identity provider with one registered client. Use as a context manager, or start()/stop()."""

    def __init__(
        self,
        *,
        client_id: str = "collab-client",
        client_secret: str = "collab-secret",
        redirect_uris: list[str] | None = None,
        token_auth_methods: tuple[str, ...] = ("client_secret_basic",),
        require_pkce: bool = True,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        # None accepts any redirect URI; real IdPs need it registered, so tests should set it.
        self.redirect_uris = redirect_uris
        self.token_auth_methods = token_auth_methods
        self.require_pkce = require_pkce
        self.kid = "fake-oidc-key-1"
        self.private_key = _signing_key()
        self.identity: dict[str, Any] | None = None
        # Claims forced into the next id_tokens, to play an IdP that misbehaves (another audience...).
        self.id_token_overrides: dict[str, Any] = {}
        self.requests: list[RecordedRequest] = []
        self.issued_id_tokens: list[str] = []
        self._codes: dict[str, _Grant] = {}
        self._access_tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- the test's controls -------------------------------------------------------------------

    def sign_in_as(
        self,
        *,
        sub: str,
        email: str,
        given_name: str = "",
        family_name: str = "",
        email_verified: bool | None = True,
        **extra: Any,
    ) -> None:
        """Who the next visit to /authorize signs in as. `email_verified=None` leaves the claim out,
        as Entra ID does."""
        claims = {
            "sub": sub,
            "email": email,
            "given_name": given_name,
            "family_name": family_name,
            "name": f"{given_name} {family_name}".strip(),
            "preferred_username": email.split("@")[0],
        }
        if email_verified is not None:
            claims["email_verified"] = email_verified
        claims.update(extra)
        self.identity = claims

    @property
    def base_url(self) -> str:
        assert self._server is not None, "the provider is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def issuer(self) -> str:
        return self.base_url

    def url(self, path: str) -> str:
        return self.base_url + path

    def calls(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    def public_jwk(self) -> dict[str, Any]:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return jwk

    def start(self) -> FakeOIDCProvider:
        provider = self

        class Handler(_Handler):
            oidc = provider

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-oidc", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeOIDCProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the protocol ----------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url("/authorize"),
            "token_endpoint": self.url("/token"),
            "userinfo_endpoint": self.url("/userinfo"),
            "jwks_uri": self.url("/jwks"),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": list(self.token_auth_methods),
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", *PROFILE_CLAIMS, *EMAIL_CLAIMS],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        # Errors about the client or the redirect URI must not redirect (RFC 6749 4.1.2.1).
        if query.get("client_id") != self.client_id:
            return 400, {}, {"error": "invalid_client", "error_description": "unknown client_id"}
        redirect_uri = query.get("redirect_uri", "")
        if not redirect_uri or (self.redirect_uris is not None and redirect_uri not in self.redirect_uris):
            return 400, {}, {"error": "invalid_request", "error_description": f"unregistered {redirect_uri=}"}

        def back(**params: str) -> tuple[int, dict[str, str], Any]:
            if "state" in query:
                params["state"] = query["state"]
            sep = "&" if urlsplit(redirect_uri).query else "?"
            return 302, {"Location": redirect_uri + sep + urlencode(params)}, None

        scope = set(query.get("scope", "").split())
        if query.get("response_type") != "code":
            return back(error="unsupported_response_type")
        if "openid" not in scope:
            return back(error="invalid_scope", error_description="openid scope required")
        challenge = query.get("code_challenge")
        if challenge and query.get("code_challenge_method") != "S256":
            return back(error="invalid_request", error_description="only S256 PKCE is supported")
        if self.require_pkce and not challenge:
            return back(error="invalid_request", error_description="PKCE code_challenge required")
        if self.identity is None:
            return back(error="access_denied", error_description="nobody signed in")
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Grant(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                scope=scope,
                claims=dict(self.identity),
                code_challenge=challenge,
                nonce=query.get("nonce"),
            )
        return back(code=code)

    def token(self, form: dict[str, str], headers: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        client_id, client_secret, method = self._client_credentials(form, headers)
        if method not in self.token_auth_methods or (client_id, client_secret) != (
            self.client_id,
            self.client_secret,
        ):
            return 401, {"WWW-Authenticate": 'Basic realm="fake-oidc"'}, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {}, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # one use only
        if grant is None or grant.client_id != client_id:
            return 400, {}, {"error": "invalid_grant", "error_description": "unknown or used code"}
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {}, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"}
        verifier = form.get("code_verifier")
        if grant.code_challenge is not None:
            if not verifier or s256(verifier) != grant.code_challenge:
                return 400, {}, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        elif verifier:
            return 400, {}, {"error": "invalid_grant", "error_description": "no PKCE challenge was given"}

        claims = self._scoped_claims(grant.claims, grant.scope)
        access_token = secrets.token_urlsafe(32)
        with self._lock:
            self._access_tokens[access_token] = claims
        id_token = self.id_token(claims, nonce=grant.nonce)
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": " ".join(sorted(grant.scope)),
            "id_token": id_token,
        }
        return 200, {"Cache-Control": "no-store", "Pragma": "no-cache"}, body

    def userinfo(self, headers: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        claims = self._access_tokens.get(token) if scheme.lower() == "bearer" else None
        if claims is None:
            return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, {"error": "invalid_token"}
        return 200, {}, claims

    def id_token(self, claims: dict[str, Any], *, nonce: str | None = None, key: Any = None) -> str:
        """An RS256 id_token for these claims, signed with our key (or `key`, to forge one)."""
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "auth_time": now,
            "exp": now + 300,
            "jti": secrets.token_urlsafe(16),
            **claims,
        }
        if nonce:
            payload["nonce"] = nonce
        payload.update(self.id_token_overrides)
        token = jwt.encode(payload, key or self.private_key, algorithm="RS256", headers={"kid": self.kid})
        self.issued_id_tokens.append(token)
        return token

    @staticmethod
    def _scoped_claims(claims: dict[str, Any], scope: set[str]) -> dict[str, Any]:
        allowed = {"sub"}
        if "profile" in scope:
            allowed.update(PROFILE_CLAIMS)
        if "email" in scope:
            allowed.update(EMAIL_CLAIMS)
        return {k: v for k, v in claims.items() if k in allowed or k not in (*PROFILE_CLAIMS, *EMAIL_CLAIMS)}

    @staticmethod
    def _client_credentials(form: dict[str, str], headers: dict[str, str]) -> tuple[str, str, str]:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(value).decode("utf-8")
            except ValueError:
                return "", "", "client_secret_basic"
            user, _, password = decoded.partition(":")
            # RFC 6749 2.3.1: both parts are form-encoded before being joined.
            return unquote(user), unquote(password), "client_secret_basic"
        if "client_secret" in form:
            return form.get("client_id", ""), form["client_secret"], "client_secret_post"
        return form.get("client_id", ""), "", "none"


class _Handler(BaseHTTPRequestHandler):
    oidc: FakeOIDCProvider
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        self._record("GET", parts.path, query=query)
        routes = {
            "/.well-known/openid-configuration": lambda: (200, {}, self.oidc.discovery()),
            "/jwks": lambda: (200, {}, {"keys": [self.oidc.public_jwk()]}),
            "/authorize": lambda: self.oidc.authorize(query),
            "/userinfo": lambda: self.oidc.userinfo(self._headers()),
        }
        route = routes.get(parts.path)
        self._send(*(route() if route else (404, {}, {"error": "not_found"})))

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        form = dict(parse_qsl(body)) if "x-www-form-urlencoded" in self.headers.get("Content-Type", "") else {}
        self._record("POST", parts.path, form=form)
        if parts.path == "/token":
            self._send(*self.oidc.token(form, self._headers()))
        elif parts.path == "/userinfo":
            self._send(*self.oidc.userinfo(self._headers()))
        else:
            self._send(404, {}, {"error": "not_found"})

    def _headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.headers.items()}

    def _record(self, method: str, path: str, **kwargs: Any) -> None:
        self.oidc.requests.append(RecordedRequest(method=method, path=path, headers=self._headers(), **kwargs))

    def _send(self, status: int, headers: dict[str, str], body: Any) -> None:
        payload = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output quiet; `FakeOIDCProvider.requests` records every call
