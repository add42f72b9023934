import re

import pytest
from django.db import transaction

from collab.exceptions import Forbidden, NotFound
from collab.realtime.models import Event
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.threads.factories import SpaceFactory, thread_with_replies
from threads import services
from threads.models import Backlink, Mention, Post, PostRevision, Reaction, Space, ThreadRead, ThreadSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="General")


def _events(topic):
    return list(Event.objects.filter(topic_id=topic).order_by("seq").values_list("type", flat=True))


def test_thread_start_makes_opening_post_watch_and_event(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="  Lunch   ideas ", body="**Tacos**")
    root = Post.objects.get(thread=thread)
    assert (thread.title, root.depth, root.parent_id, root.body_html) == (
        "Lunch ideas",
        0,
        None,
        "<p><strong>Tacos</strong></p>\n",
    )
    assert ThreadSubscription.objects.get(thread=thread, user=employee).level == "watching"
    assert ThreadRead.objects.filter(thread=thread, user=employee).exists()
    assert _events(f"space.{space.pk}") == ["thread.started"]


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "text", "title"), ("x" * 201, "text", "title"), ("Title", "   ", "body"), ("Title", "x" * 20_001, "body")],
)
def test_thread_start_refuses_bad_input(space, employee, title, body, field):
    with pytest.raises(services.InvalidPost) as exc:
        services.thread_start(space_id=space.pk, author=employee, title=title, body=body)
    assert exc.value.field == field


def test_reply_tree_paths_order_depth_first(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    a = services.reply_post(thread_id=thread.pk, author=employee, body="a")
    a1 = services.reply_post(thread_id=thread.pk, author=employee, body="a1", parent_id=a.pk)
    b = services.reply_post(thread_id=thread.pk, author=employee, body="b")
    a1x = services.reply_post(thread_id=thread.pk, author=employee, body="a1x", parent_id=a1.pk)
    a2 = services.reply_post(thread_id=thread.pk, author=employee, body="a2", parent_id=a.pk)
    order = list(Post.objects.filter(thread=thread).order_by("path").values_list("body", "depth"))
    assert order == [("root", 0), ("a", 1), ("a1", 2), ("a1x", 3), ("a2", 2), ("b", 1)]
    thread.refresh_from_db()
    assert thread.reply_count == 5
    assert a2.parent_id == a.pk and b.parent_id == Post.objects.get(thread=thread, depth=0).pk
    assert a1x.path.startswith(a1.path) and a1.path.startswith(a.path)


def test_reply_publishes_on_thread_and_space(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    post = services.reply_post(thread_id=thread.pk, author=employee, body="hi")
    event = Event.objects.get(topic_id=f"thread.{thread.pk}", type="reply.posted")
    assert event.data == {
        "id": post.pk,
        "parent_id": post.parent_id,
        "depth": 1,
        "author": {"id": employee.pk, "display_name": employee.display_name},
    }
    assert _events(f"space.{space.pk}") == ["thread.started", "thread.activity"]


def test_rolled_back_reply_publishes_and_keeps_nothing(space, employee, django_capture_on_commit_callbacks):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        services.reply_post(thread_id=thread.pk, author=employee, body="gone")
        raise RuntimeError
    assert callbacks == []
    assert not Post.objects.filter(body="gone").exists()
    assert _events(f"thread.{thread.pk}") == []


def test_reply_to_locked_thread_is_refused_but_moderators_may(space, employee, moderator):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    services.thread_lock(thread_id=thread.pk, actor=moderator)
    with pytest.raises(services.ThreadLocked):
        services.reply_post(thread_id=thread.pk, author=employee, body="let me in")
    services.reply_post(thread_id=thread.pk, author=moderator, body="closing note")


def test_reply_to_a_post_of_another_thread_is_refused(space, employee):
    one = services.thread_start(space_id=space.pk, author=employee, title="One", body="root")
    two = services.thread_start(space_id=space.pk, author=employee, title="Two", body="root")
    foreign = services.reply_post(thread_id=two.pk, author=employee, body="in two")
    with pytest.raises(services.InvalidPost) as exc:
        services.reply_post(thread_id=one.pk, author=employee, body="x", parent_id=foreign.pk)
    assert exc.value.field == "parent_id"


def test_reply_to_deleted_post_is_refused(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="root")
    post = services.reply_post(thread_id=thread.pk, author=employee, body="x")
    services.post_delete(post_id=post.pk, actor=employee)
    with pytest.raises(services.InvalidPost):
        services.reply_post(thread_id=thread.pk, author=employee, body="y", parent_id=post.pk)


def test_malicious_markdown_is_neutralized(space, employee):
    body = (
        '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="alert(1)"> [ok](https://example.com)'
    )
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body=body)
    html = Post.objects.get(thread=thread).body_html
    assert "<script" not in html and "<img" not in html
    assert not re.search(r"<[^>]+\son\w+\s*=", html), "an event handler attribute survived"
    assert not re.search(r"href=\"\s*javascript:", html, re.IGNORECASE)
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">ok</a>' in html


def test_mentions_link_store_and_notify_only_who_can_see(employee, other_employee):
    sales = DepartmentFactory(name="Sales")
    outsider = UserFactory(username="out", department=sales)
    private = SpaceFactory(name="Team", visibility=Space.Visibility.PRIVATE, members=[employee, other_employee])
    thread = services.thread_start(space_id=private.pk, author=employee, title="T", body="root")
    post = services.reply_post(thread_id=thread.pk, author=employee, body="ping @oscar and @out and @nobody")
    assert f'<a href="/people/{other_employee.pk}/" class="mention"' in post.body_html
    assert sorted(Mention.objects.filter(post=post).values_list("user__username", flat=True)) == ["oscar", "out"]
    assert _events(f"user.{other_employee.pk}") == ["mention.created"]
    assert _events(f"user.{outsider.pk}") == []  # cannot see the private space: not told


def test_edit_keeps_history_and_bumps_version(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="first")
    post = Post.objects.get(thread=thread)
    services.post_edit(post_id=post.pk, editor=employee, body="second")
    services.post_edit(post_id=post.pk, editor=employee, body="third")
    post.refresh_from_db()
    assert (post.body, post.version) == ("third", 3)
    assert list(PostRevision.objects.filter(post=post).values_list("version", "body")) == [(2, "second"), (1, "first")]
    assert _events(f"thread.{thread.pk}") == ["post.edited", "post.edited"]


def test_only_author_or_moderator_edits_and_deletes(space, employee, other_employee, moderator):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="mine")
    post = Post.objects.get(thread=thread)
    with pytest.raises(Forbidden):
        services.post_edit(post_id=post.pk, editor=other_employee, body="hacked")
    with pytest.raises(Forbidden):
        services.post_delete(post_id=post.pk, actor=other_employee)
    services.post_edit(post_id=post.pk, editor=moderator, body="tidied")


def test_delete_keeps_tree_and_moderator_restores(space, employee, moderator):
    thread = thread_with_replies(space=space, author=employee, replies=3, depth=3)
    middle = Post.objects.get(thread=thread, depth=2)
    services.post_delete(post_id=middle.pk, actor=employee)
    middle.refresh_from_db()
    assert middle.is_deleted and Post.objects.filter(thread=thread).count() == 4
    with pytest.raises(Forbidden):
        services.post_restore(post_id=middle.pk, actor=employee)
    services.post_restore(post_id=middle.pk, actor=moderator)
    middle.refresh_from_db()
    assert not middle.is_deleted and middle.body == "Reply 1 at depth 2"


def test_reaction_toggle(space, employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    post = Post.objects.get(thread=thread)
    assert services.reaction_toggle(post_id=post.pk, user=employee, emoji="+1") is True
    assert services.reaction_toggle(post_id=post.pk, user=employee, emoji="+1") is False
    assert not Reaction.objects.exists()
    with pytest.raises(services.InvalidPost):
        services.reaction_toggle(post_id=post.pk, user=employee, emoji="poop")
    assert Event.objects.filter(topic_id=f"thread.{thread.pk}", type="reaction.changed").count() == 2


def test_watch_and_mute(space, employee, other_employee):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    services.thread_watch(thread_id=thread.pk, user=other_employee, level="muted")
    assert ThreadSubscription.objects.get(thread=thread, user=other_employee).level == "muted"
    services.reply_post(thread_id=thread.pk, author=other_employee, body="still muted")
    assert ThreadSubscription.objects.get(thread=thread, user=other_employee).level == "muted"
    services.thread_watch(thread_id=thread.pk, user=other_employee, level=None)
    assert not ThreadSubscription.objects.filter(thread=thread, user=other_employee).exists()


def test_pin_lock_need_moderator_and_accept_needs_author(space, employee, other_employee, moderator):
    thread = services.thread_start(space_id=space.pk, author=employee, title="T", body="x")
    reply = services.reply_post(thread_id=thread.pk, author=other_employee, body="answer")
    with pytest.raises(Forbidden):
        services.thread_pin(thread_id=thread.pk, actor=employee)
    services.thread_pin(thread_id=thread.pk, actor=moderator)
    with pytest.raises(Forbidden):
        services.answer_accept(thread_id=thread.pk, post_id=reply.pk, actor=other_employee)
    services.answer_accept(thread_id=thread.pk, post_id=reply.pk, actor=employee)
    thread.refresh_from_db()
    assert (thread.is_pinned, thread.accepted_post_id) == (True, reply.pk)
    with pytest.raises(services.InvalidPost):
        services.answer_accept(thread_id=thread.pk, post_id=Post.objects.get(thread=thread, depth=0).pk, actor=employee)


def test_backlinks_are_recorded(space, employee):
    target = services.thread_start(space_id=space.pk, author=employee, title="Target", body="x")
    source = services.thread_start(
        space_id=space.pk, author=employee, title="Source", body=f"See [this](/threads/{target.pk}/)"
    )
    assert list(Backlink.objects.values_list("source__thread_id", "target_kind", "target_id")) == [
        (source.pk, "thread", target.pk)
    ]


def test_hidden_and_foreign_threads_answer_like_missing_ones(employee):
    sales = DepartmentFactory(name="Sales")
    space = SpaceFactory(name="Sales only", visibility=Space.Visibility.DEPARTMENT, departments=[sales])
    seller = UserFactory(department=sales)
    thread = services.thread_start(space_id=space.pk, author=seller, title="Quota", body="x")
    with pytest.raises(NotFound):
        services.reply_post(thread_id=thread.pk, author=employee, body="peek")
    with pytest.raises(NotFound):
        services.reply_post(thread_id=999_999, author=employee, body="peek")


def test_space_create_rules(employee, manager):
    with pytest.raises(Forbidden):
        services.space_create(creator=employee, name="Mine")
    space = services.space_create(creator=manager, name="Project X", visibility="private", member_ids=[employee.pk])
    assert set(space.memberships.values_list("user_id", flat=True)) == {manager.pk, employee.pk}
    with pytest.raises(services.InvalidPost):
        services.space_create(creator=manager, name="Depts", visibility="department", department_ids=[])
