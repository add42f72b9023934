import pytest

from tests.accounts.factories import UserFactory
from tests.threads.factories import SpaceFactory, bulk_replies, thread_with_replies
from threads import services
from threads.markdown import MAX_LENGTH
from threads.models import Post, ThreadRead, ThreadSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(space, employee):
    return services.thread_start(space_id=space.pk, author=employee, title="Brokers", body="Kafka or RabbitMQ?")


# --- reading --------------------------------------------------------------------------------------


def test_thread_detail_has_its_opening_post_with_reactions(api_client, thread, employee, other_employee):
    root = Post.objects.get(thread=thread)
    services.reaction_toggle(post_id=root.pk, user=other_employee, emoji="+1")
    services.reaction_toggle(post_id=root.pk, user=employee, emoji="+1")
    services.reaction_toggle(post_id=root.pk, user=other_employee, emoji="eyes")
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/threads/{thread.pk}/").json()
    assert (body["id"], body["title"], body["space"]["id"]) == (thread.pk, "Brokers", thread.space_id)
    assert body["opening_post"]["id"] == root.pk
    assert body["opening_post"]["body"] == "Kafka or RabbitMQ?"
    assert body["opening_post"]["reactions"] == [
        {"emoji": "+1", "label": "👍", "count": 2, "mine": True},
        {"emoji": "eyes", "label": "👀", "count": 1, "mine": False},
    ]


def test_reading_a_thread_does_not_mark_it_read(api_client, thread, other_employee):
    api_client.force_authenticate(other_employee)
    assert api_client.get(f"/api/v1/threads/{thread.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/threads/{thread.pk}/posts/").status_code == 200
    assert not ThreadRead.objects.filter(thread=thread, user=other_employee).exists()


def test_posts_page_is_the_tree_depth_first(api_client, thread, employee, other_employee):
    a = services.reply_post(thread_id=thread.pk, author=other_employee, body="a")
    b = services.reply_post(thread_id=thread.pk, author=employee, body="b")
    a1 = services.reply_post(thread_id=thread.pk, author=employee, body="a1", parent_id=a.pk)
    a1x = services.reply_post(thread_id=thread.pk, author=other_employee, body="a1x", parent_id=a1.pk)
    services.reaction_toggle(post_id=a1.pk, user=other_employee, emoji="heart")
    services.post_delete(post_id=a.pk, actor=other_employee)
    api_client.force_authenticate(employee)
    body = api_client.get(f"/api/v1/threads/{thread.pk}/posts/").json()
    assert {k: body[k] for k in ("page", "page_count", "top_level_count", "has_next", "has_previous")} == {
        "page": 1,
        "page_count": 1,
        "top_level_count": 2,
        "has_next": False,
        "has_previous": False,
    }
    assert body["watch_level"] == "watching"  # she started the thread
    rows = [(p["id"], p["parent_id"], p["depth"], p["body"], p["is_deleted"]) for p in body["posts"]]
    root = Post.objects.get(thread=thread, depth=0)
    assert rows == [
        (root.pk, None, 0, "Kafka or RabbitMQ?", False),
        (a.pk, root.pk, 1, "", True),  # deleted: the text is gone, the tree stays whole
        (a1.pk, a.pk, 2, "a1", False),
        (a1x.pk, a1.pk, 3, "a1x", False),
        (b.pk, root.pk, 1, "b", False),
    ]
    deleted, reply = body["posts"][1], body["posts"][2]
    assert (deleted["body_html"], deleted["author"]["username"]) == ("", "oscar")
    assert reply["body_html"] == "<p>a1</p>\n"
    assert reply["path"].startswith(deleted["path"])
    assert reply["reactions"] == [{"emoji": "heart", "label": "❤️", "count": 1, "mine": False}]
    assert {"version", "created_at", "edited_at"} <= set(reply)


def test_posts_pages_keep_subtrees_together(api_client, thread, employee):
    bulk_replies(thread, count=50, depth=2, author=employee)  # 25 top-level replies, each with one answer
    api_client.force_authenticate(employee)
    first = api_client.get(f"/api/v1/threads/{thread.pk}/posts/").json()
    second = api_client.get(f"/api/v1/threads/{thread.pk}/posts/?page=2").json()
    assert (first["page_count"], first["has_next"], len(first["posts"])) == (2, True, 1 + 40)
    assert (second["page"], second["has_previous"], len(second["posts"])) == (2, True, 10)
    assert [p["depth"] for p in second["posts"]] == [1, 2] * 5


@pytest.mark.parametrize("page", ["0", "-1", "abc"])
def test_posts_page_number_must_be_positive(api_client, thread, employee, page):
    api_client.force_authenticate(employee)
    response = api_client.get(f"/api/v1/threads/{thread.pk}/posts/?page={page}")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"page"}


def test_posts_page_past_the_end_is_404(api_client, thread, employee):
    services.reply_post(thread_id=thread.pk, author=employee, body="one")
    api_client.force_authenticate(employee)
    assert api_client.get(f"/api/v1/threads/{thread.pk}/posts/?page=2").status_code == 404


def test_unknown_thread_is_404_everywhere(api_client, employee, moderator):
    for user in (employee, moderator):
        api_client.force_authenticate(user)
        for method, url, data in [
            ("get", "/api/v1/threads/999999/", None),
            ("get", "/api/v1/threads/999999/posts/", None),
            ("post", "/api/v1/threads/999999/replies/", {"body": "hi"}),
            ("put", "/api/v1/threads/999999/watch/", {"level": "muted"}),
            ("post", "/api/v1/threads/999999/read/", None),
            ("post", "/api/v1/threads/999999/pin/", {"pinned": True}),
            ("post", "/api/v1/threads/999999/lock/", {"locked": True}),
            ("post", "/api/v1/threads/999999/accept/", {"post_id": None}),
        ]:
            response = getattr(api_client, method)(url, data)
            if user == employee and url.endswith(("/pin/", "/lock/")):
                assert response.status_code == 403, url  # only moderators get that far
            else:
                assert response.status_code == 404, url
                assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(("replies", "depth"), [(10, 2), (1000, 2), (10, 20), (1000, 20)])
def test_posts_page_queries(api_client, space, employee, replies, depth, django_assert_num_queries):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=replies, depth=depth, author=employee)
    api_client.force_authenticate(employee)
    # 1 thread (+space, author: the access check), 1 page boundaries (+count of top-level replies),
    # 1 posts of the page (+authors), 1 reaction counts, 1 watch level
    with django_assert_num_queries(5):
        response = api_client.get(f"/api/v1/threads/{thread.pk}/posts/")
    assert response.status_code == 200


def test_posts_page_costs_the_same_for_10_and_1000_replies_at_depth_2_and_20(
    api_client, space, employee, other_employee, count_queries
):
    api_client.force_authenticate(employee)
    counts = {}
    for replies, depth in [(10, 2), (1000, 2), (10, 20), (1000, 20)]:
        thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
        bulk_replies(thread, count=replies, depth=depth, author=other_employee)
        for post in Post.objects.filter(thread=thread).order_by("path")[:5]:
            services.reaction_toggle(post_id=post.pk, user=employee, emoji="tada")
        counts[replies, depth], body = count_queries(api_client, f"/api/v1/threads/{thread.pk}/posts/")
        assert sum(p["reactions"] != [] for p in body["posts"]) == 5
    assert len(set(counts.values())) == 1, counts


# --- replying -------------------------------------------------------------------------------------


def test_reply_to_the_thread_and_to_a_reply(api_client, thread, employee, other_employee):
    api_client.force_authenticate(other_employee)
    first = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "Kafka, if we need *replay*."})
    assert first.status_code == 201
    body = first.json()
    root = Post.objects.get(thread=thread, depth=0)
    assert (body["parent_id"], body["depth"], body["thread_id"]) == (root.pk, 1, thread.pk)
    assert body["body_html"] == "<p>Kafka, if we need <em>replay</em>.</p>\n"
    assert (body["author"]["id"], body["reactions"], body["version"]) == (other_employee.pk, [], 1)
    nested = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "Agreed", "parent_id": body["id"]})
    assert nested.status_code == 201
    assert (nested.json()["parent_id"], nested.json()["depth"]) == (body["id"], 2)
    thread.refresh_from_db()
    assert thread.reply_count == 2


def test_reply_of_the_maximum_length_is_accepted(api_client, thread, employee):
    api_client.force_authenticate(employee)
    body = "x" * MAX_LENGTH + "\n\n  "  # trailing whitespace does not count
    assert api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": body}).status_code == 201


@pytest.mark.parametrize(
    "data",
    [{"body": ""}, {"body": " \n\t "}, {"body": "x" * (MAX_LENGTH + 1)}, {}, {"body": None}, {"body": ["a"]}],
)
def test_reply_with_bad_body_is_400(api_client, thread, employee, data):
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", data)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"body"}
    assert Post.objects.filter(thread=thread).count() == 1


def test_reply_to_a_locked_thread_is_refused_except_for_moderators(api_client, thread, employee, moderator):
    services.thread_lock(thread_id=thread.pk, actor=moderator)
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "hello?"})
    assert response.status_code == 400
    assert response.json() == {"code": "thread_locked", "message": "This thread is locked: no new replies."}
    api_client.force_authenticate(moderator)
    assert api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "Locked, sorry"}).status_code == 201


def test_reply_to_a_post_of_another_thread_is_refused(api_client, space, thread, employee):
    elsewhere = thread_with_replies(space=space, author=employee, replies=1, title="Elsewhere")
    foreign = Post.objects.get(thread=elsewhere, depth=1)
    api_client.force_authenticate(employee)
    for parent_id in (foreign.pk, 999999):
        response = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "hi", "parent_id": parent_id})
        assert response.status_code == 400
        assert response.json()["fields"] == {"parent_id": ["You can only reply to a post of this thread."]}
    assert api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "hi", "parent_id": "x"}).json()[
        "fields"
    ].keys() == {"parent_id"}


def test_reply_to_a_deleted_post_is_refused(api_client, thread, employee):
    reply = services.reply_post(thread_id=thread.pk, author=employee, body="oops")
    services.post_delete(post_id=reply.pk, actor=employee)
    api_client.force_authenticate(employee)
    response = api_client.post(f"/api/v1/threads/{thread.pk}/replies/", {"body": "hi", "parent_id": reply.pk})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"parent_id"}


# --- watching and reading -------------------------------------------------------------------------


def test_watch_mute_and_back_to_default(api_client, thread, other_employee):
    api_client.force_authenticate(other_employee)
    url = f"/api/v1/threads/{thread.pk}/watch/"
    assert api_client.put(url, {"level": "muted"}).json() == {"level": "muted"}
    assert ThreadSubscription.objects.get(thread=thread, user=other_employee).level == "muted"
    assert api_client.get(f"/api/v1/threads/{thread.pk}/posts/").json()["watch_level"] == "muted"
    assert api_client.put(url, {"level": "watching"}).json() == {"level": "watching"}
    assert api_client.put(url, {"level": None}).json() == {"level": None}
    assert not ThreadSubscription.objects.filter(thread=thread, user=other_employee).exists()
    for bad in ({"level": "loud"}, {}):
        response = api_client.put(url, bad)
        assert response.status_code == 400
        assert set(response.json()["fields"]) == {"level"}


def test_mark_read(api_client, space, thread, employee, other_employee):
    services.reply_post(thread_id=thread.pk, author=employee, body="news")
    api_client.force_authenticate(other_employee)

    def unread():
        return api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()["results"][0]["is_unread"]

    assert unread() is True
    response = api_client.post(f"/api/v1/threads/{thread.pk}/read/")
    assert (response.status_code, response.content) == (204, b"")
    assert unread() is False


# --- moderation -----------------------------------------------------------------------------------


def test_moderators_pin_and_lock(api_client, thread, moderator):
    api_client.force_authenticate(moderator)
    pinned = api_client.post(f"/api/v1/threads/{thread.pk}/pin/", {"pinned": True})
    assert (pinned.status_code, pinned.json()["is_pinned"]) == (200, True)
    assert api_client.post(f"/api/v1/threads/{thread.pk}/pin/", {"pinned": False}).json()["is_pinned"] is False
    assert api_client.post(f"/api/v1/threads/{thread.pk}/pin/").json()["is_pinned"] is True  # pins by default
    locked = api_client.post(f"/api/v1/threads/{thread.pk}/lock/", {"locked": True})
    assert (locked.status_code, locked.json()["is_locked"]) == (200, True)
    assert api_client.post(f"/api/v1/threads/{thread.pk}/lock/", {"locked": False}).json()["is_locked"] is False
    assert api_client.post(f"/api/v1/threads/{thread.pk}/lock/", {"locked": "maybe"}).status_code == 400


@pytest.mark.parametrize("fixture", ["employee", "other_employee", "manager"])
def test_others_cannot_pin_or_lock(api_client, thread, fixture, request):
    api_client.force_authenticate(request.getfixturevalue(fixture))
    for action, data in (("pin", {"pinned": True}), ("lock", {"locked": True})):
        response = api_client.post(f"/api/v1/threads/{thread.pk}/{action}/", data)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked) == (False, False)


def test_author_accepts_an_answer_and_takes_it_back(api_client, space, thread, employee, other_employee):
    answer = services.reply_post(thread_id=thread.pk, author=other_employee, body="Kafka")
    api_client.force_authenticate(employee)
    url = f"/api/v1/threads/{thread.pk}/accept/"
    assert api_client.post(url, {"post_id": answer.pk}).json()["accepted_post_id"] == answer.pk
    assert api_client.get(f"/api/v1/threads/{thread.pk}/").json()["accepted_post_id"] == answer.pk
    assert api_client.post(url, {"post_id": None}).json()["accepted_post_id"] is None


def test_accept_refuses_others_and_foreign_posts(api_client, space, thread, employee, other_employee, moderator):
    answer = services.reply_post(thread_id=thread.pk, author=other_employee, body="Kafka")
    elsewhere = thread_with_replies(space=space, author=employee, replies=1, title="Elsewhere")
    url = f"/api/v1/threads/{thread.pk}/accept/"
    api_client.force_authenticate(other_employee)
    assert api_client.post(url, {"post_id": answer.pk}).status_code == 403
    api_client.force_authenticate(employee)
    root = Post.objects.get(thread=thread, depth=0)
    foreign = Post.objects.get(thread=elsewhere, depth=1)
    for post_id in (root.pk, foreign.pk, 999999):
        response = api_client.post(url, {"post_id": post_id})
        assert response.status_code == 400
        assert set(response.json()["fields"]) == {"post_id"}
    assert set(api_client.post(url, {}).json()["fields"]) == {"post_id"}
    api_client.force_authenticate(moderator)
    assert api_client.post(url, {"post_id": answer.pk}).status_code == 200


def test_hidden_threads_are_404_except_for_moderators(api_client, space, thread, employee, moderator):
    type(thread).objects.filter(pk=thread.pk).update(is_hidden=True)
    api_client.force_authenticate(employee)  # even its author
    assert api_client.get(f"/api/v1/threads/{thread.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()["count"] == 0
    api_client.force_authenticate(moderator)
    assert api_client.get(f"/api/v1/threads/{thread.pk}/").json()["is_hidden"] is True
    assert api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()["count"] == 1


def test_other_space_threads_do_not_show_in_a_space(api_client, space, employee):
    other = SpaceFactory(name="Other")
    services.thread_start(space_id=other.pk, author=employee, title="Elsewhere", body="x")
    services.thread_start(space_id=space.pk, author=UserFactory(), title="Here", body="x")
    api_client.force_authenticate(employee)
    titles = [t["title"] for t in api_client.get(f"/api/v1/spaces/{space.pk}/threads/").json()["results"]]
    assert titles == ["Here"]
