"""The discussions admin: every page loads, moderation actions go through the services (so their
realtime events are logged), changelists cost the same whatever the number of rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collab.realtime.models import Event
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.threads.factories import SpaceFactory, thread_with_replies
from threads import services
from threads.models import Post, PostRevision, Space, SpaceMembership, Thread

pytestmark = pytest.mark.django_db

MODELS = [Space, Thread, Post]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _events(thread, event_type):
    return Event.objects.filter(topic_id=f"thread.{thread.pk}", type=event_type).count()


def _act(client, model, action, objects):
    return client.post(
        _url(model, "changelist"), {"action": action, "_selected_action": [o.pk for o in objects]}, follow=True
    )


@pytest.fixture
def space(employee):
    return SpaceFactory(name="General")


@pytest.fixture
def thread(space, employee, other_employee):
    return thread_with_replies(
        space=space, author=employee, replies=3, depth=2, title="Lunch options", repliers=[other_employee, employee]
    )


@pytest.fixture
def reply(thread):
    return Post.objects.filter(thread=thread, depth=1).first()


@pytest.fixture
def objects(thread, reply, employee, other_employee):
    private = SpaceFactory(name="Project Atlas", visibility=Space.Visibility.PRIVATE, members=[employee])
    department = DepartmentFactory(name="Sales")
    SpaceFactory(name="Sales corner", visibility=Space.Visibility.DEPARTMENT, departments=[department])
    services.post_edit(post_id=reply.pk, editor=other_employee, body="Edited once")
    return {Space: private, Thread: thread, Post: reply}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_loads(client, admin_user, objects, model):
    client.force_login(admin_user)
    assert model in admin.site._registry
    obj = objects[model]
    urls = [_url(model, "changelist"), _url(model, "changelist") + "?q=a", _url(model, "change", obj.pk)]
    if model is Space:
        urls.append(_url(model, "add"))
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Space, "?visibility__exact=private&is_archived__exact=0"),
        (Thread, "?is_pinned__exact=0&is_locked__exact=0&is_hidden__exact=0"),
        (Thread, "?q=erin"),
        (Post, "?is_deleted__exact=0&q=Edited"),
    ],
)
def test_changelist_filters_and_search(client, admin_user, objects, model, query):
    client.force_login(admin_user)
    response = client.get(_url(model, "changelist") + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_post_page_shows_its_edit_history(client, admin_user, objects, reply):
    client.force_login(admin_user)
    response = client.get(_url(Post, "change", reply.pk))
    assert b"Reply 0 at depth 1" in response.content  # version 1, from the revision inline
    assert PostRevision.objects.filter(post=reply).count() == 1


def test_threads_and_posts_cannot_be_added_nor_hard_deleted(client, admin_user, thread, reply):
    client.force_login(admin_user)
    for model, obj in ((Thread, thread), (Post, reply)):
        assert client.get(_url(model, "add")).status_code == 403
        assert client.get(_url(model, "delete", obj.pk)).status_code == 403
        actions = [
            name
            for name, _label in client.get(_url(model, "changelist")).context["action_form"].fields["action"].choices
        ]
        assert "delete_selected" not in actions


@pytest.mark.parametrize("who", ["admin_user", "moderator"])
def test_pin_unpin_lock_unlock_go_through_the_services(client, request, who, thread):
    client.force_login(request.getfixturevalue(who))
    assert _act(client, Thread, "pin", [thread]).status_code == 200
    thread.refresh_from_db()
    assert thread.is_pinned
    assert _act(client, Thread, "lock", [thread]).status_code == 200
    thread.refresh_from_db()
    assert thread.is_locked
    assert _events(thread, "thread.updated") == 2
    _act(client, Thread, "unpin", [thread])
    _act(client, Thread, "unlock", [thread])
    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked) == (False, False)
    assert _events(thread, "thread.updated") == 4
    assert Event.objects.filter(topic_id=f"space.{thread.space_id}", type="thread.updated").count() == 4


def test_pinning_a_pinned_thread_publishes_nothing(client, moderator, thread):
    services.thread_pin(thread_id=thread.pk, actor=moderator)
    client.force_login(moderator)
    _act(client, Thread, "pin", [thread])
    assert _events(thread, "thread.updated") == 1


def test_changing_flags_on_the_change_form_goes_through_the_services(client, moderator, thread):
    client.force_login(moderator)
    response = client.post(_url(Thread, "change", thread.pk), {"is_pinned": "on", "is_locked": ""})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked, thread.reply_count) == (True, False, 3)
    assert _events(thread, "thread.updated") == 1


@pytest.mark.parametrize("who", ["admin_user", "moderator"])
def test_soft_delete_and_restore_go_through_the_services(client, request, who, thread, reply):
    client.force_login(request.getfixturevalue(who))
    assert _act(client, Post, "soft_delete", [reply]).status_code == 200
    reply.refresh_from_db()
    assert reply.is_deleted and reply.deleted_by.username == request.getfixturevalue(who).username
    assert _events(thread, "post.deleted") == 1
    assert Post.objects.filter(thread=thread).count() == 4  # the tree stays whole
    _act(client, Post, "restore", [reply])
    reply.refresh_from_db()
    assert not reply.is_deleted
    assert _events(thread, "post.restored") == 1


def test_editing_a_post_in_the_admin_keeps_its_history(client, moderator, thread, reply):
    client.force_login(moderator)
    response = client.post(
        _url(Post, "change", reply.pk),
        {"body": "Fixed **typo**", "revisions-TOTAL_FORMS": 0, "revisions-INITIAL_FORMS": 0},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reply.refresh_from_db()
    assert (reply.version, reply.body_html) == (2, "<p>Fixed <strong>typo</strong></p>\n")
    assert PostRevision.objects.get(post=reply).body == "Reply 0 at depth 1"
    assert _events(thread, "post.edited") == 1


def test_moderator_sees_spaces_but_cannot_change_them(client, moderator, objects):
    client.force_login(moderator)
    assert client.get(_url(Space, "changelist")).status_code == 200
    assert client.get(_url(Space, "change", objects[Space].pk)).status_code == 200
    assert client.get(_url(Space, "add")).status_code == 403


def test_removing_a_member_in_the_admin_goes_through_the_service(client, admin_user, employee, monkeypatch):
    closed = []
    monkeypatch.setattr(
        "collab.realtime.sockets.sockets_close_for_user", lambda *, user_id, reason: closed.append(user_id)
    )
    space = SpaceFactory(name="Atlas", visibility=Space.Visibility.PRIVATE, members=[employee])
    membership = SpaceMembership.objects.get(space=space, user=employee)
    client.force_login(admin_user)
    data = {
        "name": space.name, "slug": space.slug, "description": "", "visibility": "private",
        "memberships-TOTAL_FORMS": 1, "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": membership.pk, "memberships-0-space": space.pk, "memberships-0-user": employee.pk,
        "memberships-0-DELETE": "on",
    }  # fmt: skip
    response = client.post(_url(Space, "change", space.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not SpaceMembership.objects.filter(space=space).exists()
    assert closed == [employee.pk]


def test_department_space_needs_a_department(client, admin_user):
    client.force_login(admin_user)
    data = {
        "name": "Sales", "slug": "sales", "visibility": "department",
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(_url(Space, "add"), data)
    assert response.status_code == 200
    assert "departments" in response.context["adminform"].form.errors
    department = DepartmentFactory(name="Sales")
    response = client.post(_url(Space, "add"), {**data, "departments": [department.pk]})
    assert response.status_code == 302
    assert Space.objects.get(slug="sales").created_by == admin_user


@pytest.mark.parametrize("role", ["employee", "manager"])
def test_non_staff_cannot_open_the_discussions_admin(client, role, thread):
    client.force_login(UserFactory(role=role))
    for url in (_url(Thread, "changelist"), _url(Post, "changelist"), _url(Space, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.post(_url(Thread, "changelist"), {"action": "pin", "_selected_action": [thread.pk]})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert not thread.is_pinned


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(client, admin_user, space, employee, other_employee, model):
    """Related names come from joins and counts from an annotation, never one query per row."""
    client.force_login(admin_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(model, "changelist")).status_code == 200
        return len(captured)

    thread_with_replies(space=space, author=employee, replies=2, title="First", repliers=[other_employee])
    few = queries()
    for n in range(6):
        other = SpaceFactory(name=f"More {n}")
        thread_with_replies(space=other, author=other_employee, replies=3, depth=2, title=f"T{n}", repliers=[employee])
    assert queries() == few


def test_editing_a_space_saves_only_what_changed(client, admin_user):
    space = SpaceFactory(name="Old name", visibility=Space.Visibility.PUBLIC)
    department = DepartmentFactory(name="Legal")
    client.force_login(admin_user)
    data = {
        "name": "New name", "slug": space.slug, "description": "", "visibility": "department",
        "departments": [department.pk], "is_archived": "on",
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
    }  # fmt: skip
    response = client.post(_url(Space, "change", space.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    space.refresh_from_db()
    assert (space.name, space.visibility, space.is_archived) == ("New name", "department", True)
    assert list(space.departments.all()) == [department]
