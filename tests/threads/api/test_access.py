"""Who may do what through the API: authentication, throttling, and the authorization matrix
(spaces public / department / private x roles x own / other thread). A thread or space a person
may not see answers exactly like a missing one: 404, never 403, and no trace in search."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_create
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.threads.factories import SpaceFactory
from threads import services
from threads.models import Post, Space, Thread

pytestmark = pytest.mark.django_db


# --- authentication -------------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "api-spaces", "list"),
    ("post", "api-spaces", "list"),
    ("get", "api-space", "space"),
    ("get", "api-space-threads", "space"),
    ("post", "api-space-threads", "space"),
    ("get", "api-thread", "thread"),
    ("get", "api-thread-posts", "thread"),
    ("post", "api-thread-replies", "thread"),
    ("put", "api-thread-watch", "thread"),
    ("post", "api-thread-read", "thread"),
    ("post", "api-thread-pin", "thread"),
    ("post", "api-thread-lock", "thread"),
    ("post", "api-thread-accept", "thread"),
    ("get", "api-post", "post"),
    ("patch", "api-post", "post"),
    ("delete", "api-post", "post"),
    ("post", "api-post-restore", "post"),
    ("get", "api-post-history", "post"),
    ("post", "api-post-reactions", "post"),
    ("get", "api-search", "list"),
]


@pytest.mark.parametrize(("method", "name", "kind"), ENDPOINTS)
def test_anonymous_is_401_everywhere(api_client, space, employee, method, name, kind):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    post = Post.objects.get(thread=thread)
    kwargs = {
        "list": {},
        "space": {"space_id": space.pk},
        "thread": {"thread_id": thread.pk},
        "post": {"post_id": post.pk},
    }
    response = getattr(api_client, method)(reverse(name, kwargs=kwargs[kind]), {"body": "sneaky"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Post.objects.count() == 1


def test_token_auth_writes_without_csrf(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    _token, key = api_token_create(user=employee, name="bot")
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(
        f"/api/v1/threads/{thread.pk}/replies/", {"body": "from a script"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 201
    assert response.json()["author"]["id"] == employee.pk
    bad = client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "x"}, HTTP_AUTHORIZATION="Bearer clb_nope")
    assert bad.status_code == 401


def test_session_writes_need_csrf(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(employee)
    assert client.get(f"/api/v1/threads/{thread.pk}/").status_code == 200
    response = client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "x"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_writes_are_rate_limited_and_reads_are_not(api_client, space, employee):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    api_client.force_authenticate(employee)
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "writes": "3/min"}
    try:
        url = f"/api/v1/threads/{thread.pk}/replies/"
        codes = [api_client.post(url, {"body": f"reply {n}"}).status_code for n in range(4)]
        assert codes == [201, 201, 201, 429]
        assert api_client.post(f"/api/v1/threads/{thread.pk}/read/").json()["code"] == "throttled"
        assert api_client.get(f"/api/v1/threads/{thread.pk}/posts/").status_code == 200
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert Post.objects.filter(thread=thread).count() == 4


# --- the authorization matrix ---------------------------------------------------------------------

ROLES = ["anonymous", "employee_in_department", "employee_elsewhere", "member", "manager", "moderator", "admin"]
# Who sees each kind of space: moderators and admins see every space (selectors.space_visibility_q).
# The private space's member works in another department, so the two rules do not coincide.
_SEES = {
    "public": {"employee_in_department", "employee_elsewhere", "member", "manager", "moderator", "admin"},
    "department": {"employee_in_department", "moderator", "admin"},
    "private": {"member", "moderator", "admin"},
}
CASES = [
    (kind, role, whose)
    for kind in _SEES
    for role in ROLES
    for whose in ("own", "other")
    if not (role == "anonymous" and whose == "own")
]


def _world(kind):
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    people = {
        "employee_in_department": UserFactory(username="sam", department=sales),
        "employee_elsewhere": UserFactory(username="lee", department=legal),
        "member": UserFactory(username="mel", department=legal),
        "manager": UserFactory(username="max", department=legal, role="manager"),
        "moderator": UserFactory(username="mod", department=legal, role="moderator"),
        "admin": UserFactory(username="adm", department=legal, role="admin"),
    }
    writer = UserFactory(username="writer", department=sales)
    if kind == "public":
        space = SpaceFactory(name="Open")
    elif kind == "department":
        space = SpaceFactory(name="Sales", visibility=Space.Visibility.DEPARTMENT, departments=[sales])
    else:
        space = SpaceFactory(name="Team", visibility=Space.Visibility.PRIVATE, members=[people["member"], writer])
    return people, writer, space


def _thread(space, *, author, writer, can_see: bool) -> Thread:
    if can_see:
        return services.thread_start(space_id=space.pk, author=author, title="Quokka care", body="quokka diet")
    # Their own thread in a space they cannot see: written before they lost access (moved to another
    # department, left the private space). Writing it does not let them see it.
    thread = services.thread_start(space_id=space.pk, author=writer, title="Quokka care", body="quokka diet")
    Thread.objects.filter(pk=thread.pk).update(author=author)
    Post.objects.filter(thread=thread).update(author=author)
    return thread


@pytest.mark.parametrize(("kind", "role", "whose"), CASES)
def test_authorization_matrix(api_client, kind, role, whose):
    people, writer, space = _world(kind)
    user = people.get(role)
    can_see = role in _SEES[kind]
    thread = _thread(space, author=user if whose == "own" else writer, writer=writer, can_see=can_see)
    root = Post.objects.get(thread=thread)
    if user is not None:
        api_client.force_authenticate(user)

    responses = {
        "space": api_client.get(f"/api/v1/spaces/{space.pk}/"),
        "space threads": api_client.get(f"/api/v1/spaces/{space.pk}/threads/"),
        "thread": api_client.get(f"/api/v1/threads/{thread.pk}/"),
        "posts": api_client.get(f"/api/v1/threads/{thread.pk}/posts/"),
        "post": api_client.get(f"/api/v1/posts/{root.pk}/"),
        "history": api_client.get(f"/api/v1/posts/{root.pk}/history/"),
        "reply": api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "Mostly leaves."}),
        "react": api_client.post(f"/api/v1/posts/{root.pk}/reactions/", {"emoji": "+1"}),
    }
    search = api_client.get("/api/v1/search/?q=quokka")
    in_space = api_client.get(f"/api/v1/search/?q=quokka&space={space.pk}")
    space_list = api_client.get("/api/v1/spaces/")

    if role == "anonymous":
        assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 401)
        assert {search.status_code, in_space.status_code, space_list.status_code} == {401}
        assert Post.objects.filter(thread=thread).count() == 1
        return

    expected = {name: 200 for name in responses} | {"reply": 201}
    if not can_see:
        expected = dict.fromkeys(responses, 404)
    assert {name: r.status_code for name, r in responses.items()} == expected
    for name, response in responses.items():
        if not can_see:
            assert response.json() == {"code": "not_found", "message": "Not found."}, name
    assert search.status_code == in_space.status_code == 200
    found = {hit["thread"]["id"] for hit in search.json()} | {hit["thread"]["id"] for hit in in_space.json()}
    assert found == ({thread.pk} if can_see else set()), "search leak or miss"
    listed = [s["id"] for s in space_list.json()["results"]]
    assert (space.pk in listed) is can_see
    assert Post.objects.filter(thread=thread).count() == (2 if can_see else 1)
    if can_see:
        threads = responses["space threads"].json()["results"]
        assert [t["id"] for t in threads] == [thread.pk]
