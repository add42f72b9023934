import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.threads.factories import SpaceFactory, bulk_replies, thread_with_replies
from threads import services
from threads.models import Post, PostRevision, Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="General", slug="general")


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(("replies", "depth"), [(10, 2), (1000, 2), (10, 20), (1000, 20)])
def test_thread_page_query_count_does_not_grow(client, space, employee, replies, depth, django_assert_max_num_queries):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=replies, depth=depth, author=employee)
    client.force_login(employee)
    client.get(f"/threads/{thread.pk}/")  # first visit creates the read marker
    # session, user, topic position, thread (+space, author), page boundaries (+count), posts
    # (+authors, departments), reactions, watch level, read marker update, backlinks
    with django_assert_max_num_queries(10):
        response = client.get(f"/threads/{thread.pk}/")
    assert response.status_code == 200


def test_thread_page_queries_same_for_10_and_1000_replies_any_depth(client, space, employee):
    client.force_login(employee)
    counts = []
    for replies, depth in [(10, 2), (1000, 2), (10, 20), (1000, 20)]:
        thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
        bulk_replies(thread, count=replies, depth=depth, author=employee)
        client.get(f"/threads/{thread.pk}/")
        counts.append(_count(client, f"/threads/{thread.pk}/")[0])
    assert len(set(counts)) == 1, counts


def test_selector_page_costs_at_most_6_queries(space, employee, django_assert_num_queries):
    from threads.selectors import thread_get_for_user, thread_page

    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=500, depth=20, author=employee)
    # thread (+space, author), boundaries (+count), posts (+authors), reactions, watch level
    with django_assert_num_queries(5):
        page = thread_page(thread=thread_get_for_user(thread_id=thread.pk, user=employee), user=employee)
    assert page.page_count == 2  # 500 replies in chains of 20: 25 top-level replies, 20 per page


def test_pages_keep_subtrees_together(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=25 * 3, depth=3, author=employee)  # 25 top-level replies with 2 below each
    client.force_login(employee)
    first = client.get(f"/threads/{thread.pk}/").content.decode()
    second = client.get(f"/threads/{thread.pk}/?page=2").content.decode()
    assert first.count('data-depth="1"') == 20 and first.count('data-depth="3"') == 20
    assert second.count('data-depth="1"') == 5 and second.count('data-depth="3"') == 5
    assert 'data-depth="0"' not in second
    assert client.get(f"/threads/{thread.pk}/?page=9").status_code == 404


def test_permalink_goes_to_the_page_that_holds_the_post(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Big", body="root")
    bulk_replies(thread, count=25 * 4, depth=4, author=employee)
    deep = Post.objects.filter(thread=thread, depth=4).order_by("path").last()
    client.force_login(employee)
    response = client.get(f"/threads/{thread.pk}/posts/{deep.pk}/")
    assert response["Location"] == f"/threads/{thread.pk}/?page=2#post-{deep.pk}"
    assert f'id="post-{deep.pk}"' in client.get(response["Location"]).content.decode()


def test_reply_without_javascript(client, space, employee):
    thread = thread_with_replies(space=space, author=employee, replies=2, depth=2)
    deepest = Post.objects.get(thread=thread, depth=2)
    client.force_login(employee)
    form_page = client.get(f"/threads/{thread.pk}/?reply_to={deepest.pk}")
    assert f'<input type="hidden" name="parent_id" value="{deepest.pk}">' in form_page.content.decode()
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "third level", "parent_id": deepest.pk})
    reply = Post.objects.get(body="third level")
    assert (reply.depth, reply.parent_id) == (3, deepest.pk)
    assert response["Location"] == f"/threads/{thread.pk}/posts/{reply.pk}/"


def test_reply_errors_are_shown(client, space, employee, moderator):
    thread = thread_with_replies(space=space, author=employee, replies=1)
    client.force_login(employee)
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "   "})
    assert response.status_code == 400
    assert (
        "This field is required." in response.content.decode() or "Write something first." in response.content.decode()
    )
    other = services.thread_start(space_id=space.pk, author=employee, title="Other", body="x")
    foreign = services.reply_post(thread_id=other.pk, author=employee, body="elsewhere")
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "hi", "parent_id": foreign.pk})
    assert response.status_code == 400
    assert "You can only reply to a post of this thread." in response.content.decode()
    services.thread_lock(thread_id=thread.pk, actor=moderator)
    response = client.post(f"/threads/{thread.pk}/reply/", {"body": "hi"})
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()


def test_edit_with_preview_and_history(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="first version")
    post = Post.objects.get(thread=thread)
    client.force_login(employee)
    preview = client.post(f"/posts/{post.pk}/edit/", {"body": "**second**", "action": "preview"})
    assert "<strong>second</strong>" in preview.content.decode()
    assert Post.objects.get(pk=post.pk).version == 1
    client.post(f"/posts/{post.pk}/edit/", {"body": "**second**", "action": "save"})
    assert PostRevision.objects.filter(post=post).count() == 1
    history = client.get(f"/posts/{post.pk}/history/").content.decode()
    assert "first version" in history and "<strong>second</strong>" in history
    assert 'data-testid="edited"' in client.get(f"/threads/{thread.pk}/").content.decode()


def test_others_cannot_edit(client, space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="mine")
    post = Post.objects.get(thread=thread)
    client.force_login(other_employee)
    assert client.post(f"/posts/{post.pk}/edit/", {"body": "hacked", "action": "save"}).status_code == 403
    assert Post.objects.get(pk=post.pk).body == "mine"


def test_deleted_post_shows_placeholder(client, space, employee):
    thread = thread_with_replies(space=space, author=employee, replies=2, depth=2)
    post = Post.objects.get(thread=thread, depth=1)
    client.force_login(employee)
    client.post(f"/posts/{post.pk}/delete/")
    page = client.get(f"/threads/{thread.pk}/").content.decode()
    assert "This post was deleted." in page and "Reply 0 at depth 1" not in page
    assert "Reply 1 at depth 2" in page  # the tree stays whole


def test_space_page_lists_threads_by_activity_with_unread_marks(client, space, employee, other_employee):
    old = services.thread_start(space_id=space.pk, author=other_employee, title="Old news", body="x")
    services.thread_start(space_id=space.pk, author=other_employee, title="Fresh", body="x")
    client.force_login(employee)
    client.get(f"/threads/{old.pk}/")  # read it
    page = client.get("/spaces/general/").content.decode()
    assert page.index("Fresh") < page.index("Old news")
    rows = re.findall(r'<tr class="(unread)?" data-thread="(\d+)"', page)
    assert dict((int(t), bool(u)) for u, t in rows)[old.pk] is False
    services.reply_post(thread_id=old.pk, author=other_employee, body="news!")
    page = client.get("/spaces/general/").content.decode()
    rows = re.findall(r'<tr class="(unread)?" data-thread="(\d+)"', page)
    assert dict((int(t), bool(u)) for u, t in rows)[old.pk] is True


def test_space_page_query_count_is_constant(client, space, employee):
    client.force_login(employee)
    services.thread_start(space_id=space.pk, author=employee, title="one", body="x")
    client.get("/spaces/general/")  # a first visit may create per-person state (the feed token)
    small = _count(client, "/spaces/general/")[0]
    for n in range(15):
        services.thread_start(space_id=space.pk, author=employee, title=f"t{n}", body="x")
    assert _count(client, "/spaces/general/")[0] == small


def test_start_thread_page(client, space, employee):
    client.force_login(employee)
    response = client.post("/spaces/general/new/", {"title": "Hello", "body": "World", "action": "save"})
    thread = space.threads.get()
    assert response["Location"] == f"/threads/{thread.pk}/"
    bad = client.post("/spaces/general/new/", {"title": "", "body": "", "action": "save"})
    assert bad.status_code == 400


def test_search_page_finds_and_links(client, space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="Kubernetes costs", body="x")
    reply = services.reply_post(
        thread_id=thread.pk, author=employee, body="We should try **spot instances** for the batch jobs"
    )
    client.force_login(employee)
    page = client.get("/search/?q=spot+instances").content.decode()
    assert f"/threads/{thread.pk}/posts/{reply.pk}/" in page
    assert "<mark>" in page


def test_private_space_pages_are_404_for_outsiders(client, employee, other_employee):
    private = SpaceFactory(name="Secret", slug="secret", visibility=Space.Visibility.PRIVATE, members=[other_employee])
    thread = services.thread_start(space_id=private.pk, author=other_employee, title="Hush", body="x")
    client.force_login(employee)
    for url in (
        "/spaces/secret/",
        f"/threads/{thread.pk}/",
        "/spaces/secret/new/",
        f"/posts/{Post.objects.get(thread=thread).pk}/history/",
    ):
        assert client.get(url).status_code == 404, url
    assert f"/threads/{thread.pk}/" not in client.get("/search/?q=Hush").content.decode()


def test_quote_prefills_the_reply_under_the_post(client, space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    post = services.reply_post(thread_id=thread.pk, author=other_employee, body="Line one\n\nLine two")
    client.force_login(employee)
    page = client.get(f"/threads/{thread.pk}/?reply_to={post.pk}&quote=1").content.decode()
    assert f"@{other_employee.username} wrote:\n&gt; Line one\n&gt;\n&gt; Line two" in page
    assert f'name="parent_id" value="{post.pk}"' in page
