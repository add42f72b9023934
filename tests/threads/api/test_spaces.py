import pytest

from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.threads.factories import SpaceFactory
from threads import services
from threads.models import Post, Space, Thread

pytestmark = pytest.mark.django_db


# --- spaces ---------------------------------------------------------------------------------------


def test_space_list_shows_visible_spaces_with_thread_counts(api_client, space, employee, other_employee):
    SpaceFactory(name="Hidden", visibility=Space.Visibility.PRIVATE, members=[other_employee])
    SpaceFactory(name="Old", is_archived=True)
    services.thread_start(space_id=space.pk, author=employee, title="One", body="x")
    api_client.force_authenticate(employee)
    body = api_client.get("/api/v1/spaces/").json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": space.pk,
            "name": "General",
            "slug": "general",
            "description": "",
            "visibility": "public",
            "is_archived": False,
            "created_at": body["results"][0]["created_at"],
            "thread_count": 1,
        }
    ]


def _spaces(n, *, employee):
    """Half public, half for the employee's department; each with a thread."""
    for i in range(n):
        if i % 2:
            space = SpaceFactory(visibility=Space.Visibility.DEPARTMENT, departments=[employee.department])
        else:
            space = SpaceFactory()
        services.thread_start(space_id=space.pk, author=employee, title="T", body="x")


def test_space_list_query_count_is_constant(api_client, employee, count_queries):
    api_client.force_authenticate(employee)
    _spaces(2, employee=employee)
    small, body_small = count_queries(api_client, "/api/v1/spaces/")
    _spaces(18, employee=employee)
    large, body_large = count_queries(api_client, "/api/v1/spaces/")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large


def test_space_list_queries(api_client, employee, django_assert_num_queries):
    SpaceFactory.create_batch(5)
    api_client.force_authenticate(employee)
    # 1 count for the page, 1 spaces with their thread counts
    with django_assert_num_queries(2):
        assert len(api_client.get("/api/v1/spaces/").json()["results"]) == 5


def test_space_detail(api_client, space, employee):
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/spaces/{space.pk}/").json()
    assert (body["id"], body["name"], body["visibility"]) == (space.pk, "General", "public")


def test_unknown_space_is_404(api_client, employee):
    api_client.force_authenticate(employee)
    for url in ("/api/v1/spaces/999999/", "/api/v1/spaces/999999/threads/", f"/api/v1/spaces/{2**70}/"):
        response = api_client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    assert api_client.post("/api/v1/spaces/999999/threads/", {"title": "T", "body": "b"}).status_code == 404


@pytest.mark.parametrize("role", ["manager", "moderator", "admin_user"])
def test_managers_moderators_and_admins_open_spaces(api_client, role, request):
    creator = request.getfixturevalue(role)
    research = DepartmentFactory(name="Research")
    colleague = UserFactory()
    api_client.force_authenticate(creator)
    public = api_client.post("/api/v1/spaces/", {"name": "Town hall", "description": "Everything"})
    assert public.status_code == 201, public.json()
    assert {k: public.json()[k] for k in ("name", "slug", "visibility")} == {
        "name": "Town hall",
        "slug": "town-hall",
        "visibility": "public",
    }
    department = api_client.post(
        "/api/v1/spaces/", {"name": "Lab", "visibility": "department", "department_ids": [research.pk]}
    )
    assert department.status_code == 201
    assert list(Space.objects.get(pk=department.json()["id"]).departments.all()) == [research]
    private = api_client.post(
        "/api/v1/spaces/", {"name": "Panel", "visibility": "private", "member_ids": [colleague.pk]}
    )
    assert private.status_code == 201
    assert set(Space.objects.get(pk=private.json()["id"]).members.all()) == {creator, colleague}


def test_employees_cannot_open_spaces(api_client, employee):
    api_client.force_authenticate(employee)
    response = api_client.post("/api/v1/spaces/", {"name": "Mine"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Space.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "Lab", "visibility": "secret"}, "visibility"),
        ({"name": "Lab", "visibility": "department"}, "department_ids"),
        ({"name": "Lab", "visibility": "department", "department_ids": ["x"]}, "department_ids"),
        ({"name": "Lab", "description": "x" * 2001}, "description"),
    ],
)
def test_space_create_bad_input(api_client, manager, data, field):
    api_client.force_authenticate(manager)
    response = api_client.post("/api/v1/spaces/", data)
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Space.objects.exists()


def test_space_create_duplicate_slug(api_client, manager, space):
    api_client.force_authenticate(manager)
    response = api_client.post("/api/v1/spaces/", {"name": "General"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_post"
    assert set(response.json()["fields"]) == {"slug"}


# --- threads of a space ---------------------------------------------------------------------------


def test_thread_list_pinned_first_then_activity_with_unread_marks(
    api_client, space, employee, other_employee, moderator
):
    old = services.thread_start(space_id=space.pk, author=other_employee, title="Old news", body="x")
    fresh = services.thread_start(space_id=space.pk, author=other_employee, title="Fresh", body="x")
    pinned = services.thread_start(space_id=space.pk, author=employee, title="Rules", body="x")
    services.thread_pin(thread_id=pinned.pk, actor=moderator)
    services.thread_mark_read(thread=old, user=employee)
    services.reply_post(thread_id=fresh.pk, author=employee, body="me too")
    services.reply_post(thread_id=fresh.pk, author=other_employee, body="news")
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()
    rows = [(t["title"], t["is_pinned"], t["is_unread"], t["reply_count"]) for t in body["results"]]
    assert rows == [("Rules", True, False, 0), ("Fresh", False, True, 2), ("Old news", False, False, 0)]
    first = body["results"][0]
    assert first["author"] == {"id": employee.pk, "username": "erin", "display_name": "Erin Employee"}
    assert first["space"] == {"id": space.pk, "name": "General", "slug": "general"}
    assert {"last_activity_at", "created_at", "is_locked", "is_hidden", "accepted_post_id"} <= set(first)


def test_thread_list_pages(api_client, space, employee):
    for n in range(5):
        services.thread_start(space_id=space.pk, author=employee, title=f"T{n}", body="x")
    api_client.force_authenticate(employee)
    first = api_client.get(f"/api/v1/spaces/{space.pk}/threads/?page_size=2").json()
    assert (first["count"], [t["title"] for t in first["results"]]) == (5, ["T4", "T3"])
    last = api_client.get(f"/api/v1/spaces/{space.pk}/threads/?page_size=2&page=3").json()
    assert [t["title"] for t in last["results"]] == ["T0"]
    assert last["next"] is None


def _threads(space, authors, n):
    for i in range(n):
        author = authors[i % len(authors)]
        thread = services.thread_start(space_id=space.pk, author=author, title=f"Thread {i}", body="x")
        services.reply_post(thread_id=thread.pk, author=authors[(i + 1) % len(authors)], body="reply")


def test_thread_list_costs_the_same_for_2_and_20_threads(api_client, space, employee, count_queries):
    authors = [employee, *UserFactory.create_batch(3)]
    api_client.force_authenticate(employee)
    _threads(space, authors, 2)
    small, body_small = count_queries(api_client, f"/api/v1/spaces/{space.pk}/threads/")
    _threads(space, authors, 18)
    large, body_large = count_queries(api_client, f"/api/v1/spaces/{space.pk}/threads/")
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large


def test_thread_list_queries(api_client, space, employee, django_assert_num_queries):
    _threads(space, [employee, *UserFactory.create_batch(2)], 5)
    api_client.force_authenticate(employee)
    # 1 space (access check), 1 count for the page, 1 threads (+author, space, is_unread subquery)
    with django_assert_num_queries(3):
        assert len(api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()["results"]) == 5


# --- starting a thread ----------------------------------------------------------------------------


def test_thread_start_answers_with_thread_and_opening_post(api_client, space, employee):
    api_client.force_authenticate(employee)
    response = api_client.post(
        f"/api/v1/spaces/{space.pk}/threads/", {"title": "  Lunch   ideas ", "body": "**Tacos** on Friday?"}
    )
    assert response.status_code == 201
    body = response.json()
    thread = Thread.objects.get()
    root = Post.objects.get(thread=thread)
    assert (body["id"], body["title"], body["reply_count"], body["is_locked"]) == (thread.pk, "Lunch ideas", 0, False)
    assert body["opening_post"] == {
        "id": root.pk,
        "thread_id": thread.pk,
        "parent_id": None,
        "depth": 0,
        "path": root.path,
        "author": {"id": employee.pk, "username": "erin", "display_name": "Erin Employee"},
        "body": "**Tacos** on Friday?",
        "body_html": "<p><strong>Tacos</strong> on Friday?</p>\n",
        "version": 1,
        "created_at": body["opening_post"]["created_at"],
        "edited_at": None,
        "is_deleted": False,
        "reactions": [],
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "body": "text"}, "title"),
        ({"title": "x" * 201, "body": "text"}, "title"),
        ({"title": "Title", "body": ""}, "body"),
        ({"title": "Title", "body": "  \n "}, "body"),
        ({"title": "Title", "body": "x" * 20_001}, "body"),
        ({"body": "text"}, "title"),
        ({"title": "Title"}, "body"),
    ],
)
def test_thread_start_bad_input(api_client, space, employee, data, field):
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/spaces/{space.pk}/threads/", data)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {field}
    assert not Thread.objects.exists()


def test_thread_start_in_archived_space_is_refused(api_client, employee):
    archived = SpaceFactory(is_archived=True)
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/spaces/{archived.pk}/threads/", {"title": "T", "body": "b"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_post"
