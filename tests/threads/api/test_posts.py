import pytest

from threads import services
from threads.markdown import MAX_LENGTH
from threads.models import Post, PostRevision, Reaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(space, employee):
    return services.thread_start(space_id=space.pk, author=employee, title="Brokers", body="Kafka or RabbitMQ?")


@pytest.fixture
def reply(thread, employee):
    return services.reply_post(thread_id=thread.pk, author=employee, body="Kafka, if we need replay.")


def test_post_detail(api_client, reply, employee, other_employee):
    services.reaction_toggle(post_id=reply.pk, user=other_employee, emoji="tada")
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/posts/{reply.pk}/").json()
    assert (body["id"], body["thread_id"], body["depth"], body["body"]) == (
        reply.pk,
        reply.thread_id,
        1,
        "Kafka, if we need replay.",
    )
    assert body["reactions"] == [{"emoji": "tada", "label": "🎉", "count": 1, "mine": False}]


def test_unknown_post_is_404_everywhere(api_client, moderator):
    api_client.force_authenticate(moderator)
    for method, url, data in [
        ("get", "/api/v1/posts/999999/", None),
        ("patch", "/api/v1/posts/999999/", {"body": "x"}),
        ("delete", "/api/v1/posts/999999/", None),
        ("post", "/api/v1/posts/999999/restore/", None),
        ("get", "/api/v1/posts/999999/history/", None),
        ("post", "/api/v1/posts/999999/reactions/", {"emoji": "+1"}),
    ]:
        response = getattr(api_client, method)(url, data)
        assert response.status_code == 404, (method, url)
        assert response.json()["code"] == "not_found"


# --- editing --------------------------------------------------------------------------------------


def test_edit_own_post_keeps_history(api_client, reply, employee):
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {"body": "Kafka, if we need **replay**."})
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["body_html"]) == (2, "<p>Kafka, if we need <strong>replay</strong>.</p>\n")
    assert body["edited_at"] is not None
    history = api_client.get(f"/api/v1/posts/{reply.pk}/history/").json()
    assert history["count"] == 1
    revision = history["results"][0]
    assert (revision["version"], revision["body"], revision["body_html"]) == (
        1,
        "Kafka, if we need replay.",
        "<p>Kafka, if we need replay.</p>\n",
    )
    assert revision["editor"] == {"id": employee.pk, "username": "erin", "display_name": "Erin Employee"}


def test_patch_without_body_changes_nothing(api_client, reply, employee):
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {})
    assert (response.status_code, response.json()["version"]) == (200, 1)
    assert not PostRevision.objects.exists()


def test_editing_someone_elses_post_is_403(api_client, reply, other_employee, manager):
    for user in (other_employee, manager):
        api_client.force_authenticate(user)
        response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {"body": "mine now"})
        assert response.status_code == 403
        assert response.json() == {"code": "forbidden", "message": "You can only edit your own posts."}
    reply.refresh_from_db()
    assert (reply.body, reply.version) == ("Kafka, if we need replay.", 1)


def test_moderators_edit_any_post(api_client, reply, moderator):
    api_client.force_authenticate(moderator)
    response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {"body": "[removed link]"})
    assert (response.status_code, response.json()["version"]) == (200, 2)
    assert PostRevision.objects.get(post=reply).editor == moderator


@pytest.mark.parametrize("body", ["", "   ", "x" * (MAX_LENGTH + 1)])
def test_edit_with_bad_body_is_400(api_client, reply, employee, body):
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {"body": body})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"body"}


def test_edit_in_a_locked_thread_is_refused(api_client, thread, reply, employee, moderator):
    services.thread_lock(thread_id=thread.pk, actor=moderator)
    api_client.force_authenticate(employee)
    response = api_client.patch(f"/api/v1/posts/{reply.pk}/", {"body": "later"})
    assert (response.status_code, response.json()["code"]) == (400, "thread_locked")


# --- deleting and restoring -----------------------------------------------------------------------


def test_delete_hides_the_text_everywhere(api_client, thread, reply, employee):
    services.post_edit(post_id=reply.pk, editor=employee, body="Kafka, definitely.")
    api_client.force_authenticate(employee)
    response = api_client.delete(f"/api/v1/posts/{reply.pk}/")
    assert (response.status_code, response.content) == (204, b"")
    body = api_client.get(f"/api/v1/posts/{reply.pk}/").json()
    assert (body["is_deleted"], body["body"], body["body_html"], body["version"]) == (True, "", "", 2)
    history = api_client.get(f"/api/v1/posts/{reply.pk}/history/").json()["results"]
    assert [(r["version"], r["body"], r["body_html"]) for r in history] == [(1, "", "")]
    page = api_client.get(f"/api/v1/threads/{thread.pk}/posts/").json()["posts"]
    assert (page[1]["id"], page[1]["body"], page[1]["is_deleted"]) == (reply.pk, "", True)
    assert api_client.delete(f"/api/v1/posts/{reply.pk}/").status_code == 204  # deleting twice is harmless


def test_deleting_someone_elses_post_is_403(api_client, reply, other_employee):
    api_client.force_authenticate(other_employee)
    assert api_client.delete(f"/api/v1/posts/{reply.pk}/").status_code == 403
    reply.refresh_from_db()
    assert not reply.is_deleted


def test_moderators_restore(api_client, reply, employee, moderator):
    services.post_delete(post_id=reply.pk, actor=employee)
    api_client.force_authenticate(employee)
    forbidden = api_client.post(f"/api/v1/posts/{reply.pk}/restore/")
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "forbidden")
    api_client.force_authenticate(moderator)
    response = api_client.post(f"/api/v1/posts/{reply.pk}/restore/")
    assert response.status_code == 200
    assert (response.json()["is_deleted"], response.json()["body"]) == (False, "Kafka, if we need replay.")


def test_history_pages_cost_the_same_for_2_and_20_versions(api_client, reply, employee, moderator, count_queries):
    api_client.force_authenticate(employee)
    url = f"/api/v1/posts/{reply.pk}/history/"
    for n in range(2):
        services.post_edit(post_id=reply.pk, editor=employee if n % 2 else moderator, body=f"v{n + 2}")
    small, body_small = count_queries(api_client, url)
    for n in range(2, 20):
        services.post_edit(post_id=reply.pk, editor=employee if n % 2 else moderator, body=f"v{n + 2}")
    large, body_large = count_queries(api_client, url)
    assert (body_small["count"], body_large["count"]) == (2, 20)
    assert small == large


def test_history_queries(api_client, reply, employee, django_assert_num_queries):
    for n in range(3):
        services.post_edit(post_id=reply.pk, editor=employee, body=f"v{n + 2}")
    api_client.force_authenticate(employee)
    # 1 post (+thread, space, author: the access check), 1 count for the page, 1 revisions (+editor)
    with django_assert_num_queries(3):
        assert api_client.get(f"/api/v1/posts/{reply.pk}/history/").json()["count"] == 3


# --- reactions ------------------------------------------------------------------------------------


def test_reaction_toggles(api_client, reply, other_employee):
    api_client.force_authenticate(other_employee)
    url = f"/api/v1/posts/{reply.pk}/reactions/"
    assert api_client.post(url, {"emoji": "heart"}).json() == {"emoji": "heart", "active": True}
    assert api_client.get(f"/api/v1/posts/{reply.pk}/").json()["reactions"] == [
        {"emoji": "heart", "label": "❤️", "count": 1, "mine": True}
    ]
    assert api_client.post(url, {"emoji": "heart"}).json() == {"emoji": "heart", "active": False}
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("data", [{"emoji": "poop"}, {"emoji": "👍"}, {}])
def test_unknown_emoji_is_400(api_client, reply, employee, data):
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/posts/{reply.pk}/reactions/", data)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"emoji"}
    assert not Reaction.objects.exists()


def test_no_reactions_on_deleted_posts(api_client, reply, employee):
    services.post_delete(post_id=reply.pk, actor=employee)
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/posts/{reply.pk}/reactions/", {"emoji": "+1"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_post")


def test_opening_post_is_a_post_like_any_other(api_client, thread, employee):
    root = Post.objects.get(thread=thread, depth=0)
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/posts/{root.pk}/").json()
    assert (body["depth"], body["parent_id"], body["body"]) == (0, None, "Kafka or RabbitMQ?")
