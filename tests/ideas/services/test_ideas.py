from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from collab.exceptions import Forbidden, NotFound
from ideas import services
from ideas.models import Board, Idea, IdeaCoauthor, IdeaFollow, IdeaRevision, Tag, Vote
from ideas.selectors import idea_get_for_user, idea_list_for_board, is_idea_editor
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea
from threads.models import Thread
from threads.selectors import thread_get_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Office life")


def _capturer():
    user = UserFactory(username="sam", role="employee")
    user.user_permissions.add(Permission.objects.get(codename="capture_customer_voice"))
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


# --- posting --------------------------------------------------------------------------------------


def test_idea_post_makes_idea_thread_follow_and_counts(board, employee):
    idea = services.idea_post(
        board_id=board.pk, author=employee, title="  Standing   desks ", body="For *everyone*.", tags=["Health"]
    )
    idea.refresh_from_db()
    assert (idea.title, idea.status, idea.version, idea.follower_count) == ("Standing desks", "new", 1, 1)
    assert idea.body_html == "<p>For <em>everyone</em>.</p>\n"
    assert idea.thread.space_id == board.space_id
    assert idea.thread.title == "Standing desks"
    assert IdeaFollow.objects.filter(idea=idea, user=employee).exists()
    assert [t.name for t in idea.tags.all()] == ["Health"]
    board.refresh_from_db()
    assert board.idea_count == 1
    assert thread_get_for_user(thread_id=idea.thread_id, user=employee) == idea.thread


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("", "text", "title"),
        ("abc", "text", "title"),
        ("x" * 161, "text", "title"),
        ("A fine title", "   ", "body"),
        ("A fine title", "x" * 20_001, "body"),
    ],
)
def test_idea_post_validates_title_and_body(board, employee, title, body, field):
    with pytest.raises(services.InvalidIdea) as exc:
        services.idea_post(board_id=board.pk, author=employee, title=title, body=body)
    assert exc.value.field == field
    assert not Idea.objects.exists() and not Thread.objects.exists()


def test_idea_post_dedupes_tags_and_reuses_existing(board, employee):
    Tag.objects.create(name="Remote work", slug="remote-work")
    idea = make_idea(board=board, author=employee, tags=["Remote work", "remote   WORK", "Remote-Work", "  ", "Cost"])
    assert sorted(t.slug for t in idea.tags.all()) == ["cost", "remote-work"]
    assert Tag.objects.count() == 2


def test_idea_post_refuses_too_many_tags(board, employee):
    tags = [f"tag {n}" for n in range(9)]
    with pytest.raises(services.InvalidIdea) as exc:
        make_idea(board=board, author=employee, tags=tags)
    assert exc.value.field == "tags"
    assert not Idea.objects.exists()
    assert len(make_idea(board=board, author=employee, tags=[*tags[:8], "Tag 0"]).tags.all()) == 8


@pytest.mark.parametrize(
    "settings_",
    [
        {"is_archived": True},
        {"opens_at": "future"},  # campaign not yet open
        {"closes_at": "past"},  # campaign ended
    ],
)
def test_idea_post_on_a_closed_board_is_refused(manager, employee, settings_):
    now = timezone.now()
    board = make_board(owner=manager, kind="campaign", closes_at=now + timedelta(days=30))
    if settings_.get("opens_at") == "future":
        Board.objects.filter(pk=board.pk).update(opens_at=now + timedelta(days=1))
    if settings_.get("closes_at") == "past":
        Board.objects.filter(pk=board.pk).update(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    if settings_.get("is_archived"):
        Board.objects.filter(pk=board.pk).update(is_archived=True)
    with pytest.raises(services.BoardClosed):
        make_idea(board=board, author=employee)
    assert not Idea.objects.exists()


def test_idea_post_on_an_invisible_board_is_not_found(manager, employee):
    elsewhere = DepartmentFactory(name="Elsewhere")
    board = make_board(owner=manager, audience="departments", department_ids=[elsewhere.pk])
    with pytest.raises(NotFound):
        make_idea(board=board, author=employee)


def test_owner_of_department_board_outside_it_can_post(employee):
    """The owner sees their board whatever its audience, so they can discuss ideas on it too."""
    elsewhere = DepartmentFactory(name="Elsewhere")
    owner = UserFactory(role="manager")
    board = make_board(owner=owner, audience="departments", department_ids=[elsewhere.pk])
    idea = make_idea(board=board, author=owner)
    assert thread_get_for_user(thread_id=idea.thread_id, user=owner) == idea.thread


def test_customer_voice_needs_the_permission(board, employee, manager):
    customer = make_customer("Acme")
    with pytest.raises(Forbidden):
        make_idea(board=board, author=employee, customer_id=customer.pk)
    assert make_idea(board=board, author=manager, customer_id=customer.pk).customer == customer
    sam = _capturer()
    assert make_idea(board=board, author=sam, customer_id=customer.pk).customer == customer
    with pytest.raises(services.InvalidIdea) as exc:
        make_idea(board=board, author=sam, customer_id=987654)
    assert exc.value.field == "customer_id"


def test_guest_cannot_capture_customer_voice(board, manager):
    guest = services.board_guest_invite(board_id=board.pk, actor=manager, email="g@client.example")
    guest.user_permissions.add(Permission.objects.get(codename="capture_customer_voice"))
    guest = type(guest).objects.get(pk=guest.pk)
    with pytest.raises(Forbidden):
        make_idea(board=board, author=guest, customer_id=make_customer().pk)
    assert make_idea(board=board, author=guest).author == guest  # a guest posts on their board


# --- editing --------------------------------------------------------------------------------------


def test_edit_keeps_revision_and_material_change_bumps_version(board, employee):
    idea = make_idea(board=board, author=employee, title="Free fruit on Mondays", body="Apples and pears.")
    services.idea_update(idea_id=idea.pk, editor=employee, title="Free fruit on Monday")  # a typo
    idea.refresh_from_db()
    assert (idea.title, idea.version) == ("Free fruit on Monday", 1)
    assert idea.edited_at is not None
    services.idea_update(idea_id=idea.pk, editor=employee, body="A weekly delivery of local vegetables instead.")
    idea.refresh_from_db()
    assert idea.version == 2
    revisions = list(IdeaRevision.objects.filter(idea=idea).order_by("id").values_list("version", "title", "body"))
    assert revisions == [
        (1, "Free fruit on Mondays", "Apples and pears."),
        (1, "Free fruit on Monday", "Apples and pears."),
    ]


def test_edit_without_change_keeps_no_revision(board, employee):
    idea = make_idea(board=board, author=employee, title="Same title", body="Same body")
    services.idea_update(idea_id=idea.pk, editor=employee, title=" Same  title ", body="Same body\r\n")
    assert not IdeaRevision.objects.exists()
    idea.refresh_from_db()
    assert idea.edited_at is None


def test_edit_replaces_tags(board, employee):
    idea = make_idea(board=board, author=employee, tags=["a1", "b2"])
    services.idea_update(idea_id=idea.pk, editor=employee, tags=["b2", "c3"])
    assert sorted(t.slug for t in idea.tags.all()) == ["b2", "c3"]
    services.idea_update(idea_id=idea.pk, editor=employee, title="A new title entirely")  # tags=None keeps them
    assert sorted(t.slug for t in idea.tags.all()) == ["b2", "c3"]


def test_only_editors_edit(board, employee, other_employee, manager):
    idea = make_idea(board=board, author=employee)
    with pytest.raises(Forbidden):
        services.idea_update(idea_id=idea.pk, editor=other_employee, title="Hijacked title")
    services.idea_update(idea_id=idea.pk, editor=manager, title="Fixed by the manager")
    idea.refresh_from_db()
    assert idea.title == "Fixed by the manager"


def test_edit_validates(board, employee):
    idea = make_idea(board=board, author=employee, title="Valid title")
    with pytest.raises(services.InvalidIdea):
        services.idea_update(idea_id=idea.pk, editor=employee, title="ab")
    with pytest.raises(services.InvalidIdea):
        services.idea_update(idea_id=idea.pk, editor=employee, body="  ")
    idea.refresh_from_db()
    assert idea.title == "Valid title" and not IdeaRevision.objects.exists()


def test_acknowledge_clears_changed_since_vote(board, employee, other_employee):
    idea = make_idea(board=board, author=employee, title="Quiet room", body="A room for calls.")
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    services.idea_update(idea_id=idea.pk, editor=employee, body="Turn the old library into a gym with showers.")
    vote = Vote.objects.get(idea=idea, voter=other_employee)
    assert vote.seen_version == 1
    services.idea_vote_acknowledge(idea_id=idea.pk, voter=other_employee)
    vote.refresh_from_db()
    assert vote.seen_version == 2


def test_editor_has_seen_their_own_change(board, employee):
    idea = make_idea(board=board, author=employee, title="Quiet room", body="A room for calls.")
    services.vote_cast(idea_id=idea.pk, voter=employee)
    services.idea_update(idea_id=idea.pk, editor=employee, body="Turn the old library into a gym with showers.")
    assert Vote.objects.get(idea=idea, voter=employee).seen_version == 2


# --- followers ------------------------------------------------------------------------------------


def test_follow_and_unfollow_keep_the_count(board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    services.idea_follow(idea_id=idea.pk, user=other_employee)
    services.idea_follow(idea_id=idea.pk, user=other_employee)
    idea.refresh_from_db()
    assert idea.follower_count == 2 == IdeaFollow.objects.filter(idea=idea).count()
    services.idea_unfollow(idea_id=idea.pk, user=other_employee)
    services.idea_unfollow(idea_id=idea.pk, user=other_employee)
    idea.refresh_from_db()
    assert idea.follower_count == 1 == IdeaFollow.objects.filter(idea=idea).count()


# --- co-authors -----------------------------------------------------------------------------------


def test_coauthor_invite_accept_edit_remove(board, employee, other_employee):
    idea = make_idea(board=board, author=employee, title="Carpooling app")
    invitation = services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    assert not invitation.is_accepted
    assert not is_idea_editor(user=other_employee, idea=idea)
    with pytest.raises(Forbidden):
        services.idea_update(idea_id=idea.pk, editor=other_employee, title="Carpooling app v2")
    services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)
    assert IdeaCoauthor.objects.get(idea=idea, user=other_employee).is_accepted
    assert IdeaFollow.objects.filter(idea=idea, user=other_employee).exists()
    services.idea_update(idea_id=idea.pk, editor=other_employee, title="Carpooling app v2")
    idea.refresh_from_db()
    assert idea.title == "Carpooling app v2"
    services.idea_coauthor_remove(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    assert not IdeaCoauthor.objects.exists()
    with pytest.raises(Forbidden):
        services.idea_update(idea_id=idea.pk, editor=other_employee, title="Carpooling app v3")


def test_coauthor_invite_needs_visibility_and_authorship(manager, employee, other_employee):
    sales = DepartmentFactory(name="Sales")
    seller = UserFactory(department=sales)
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk])
    idea = make_idea(board=board, author=seller)
    with pytest.raises(services.InvalidIdea) as exc:
        services.idea_coauthor_invite(idea_id=idea.pk, actor=seller, user_id=employee.pk)  # cannot see the board
    assert exc.value.field == "user_id"
    with pytest.raises(services.InvalidIdea):
        services.idea_coauthor_invite(idea_id=idea.pk, actor=seller, user_id=seller.pk)  # already the author
    with pytest.raises(services.InvalidIdea):
        services.idea_coauthor_invite(idea_id=idea.pk, actor=seller, user_id=987654)
    colleague = UserFactory(department=sales)
    other = UserFactory(department=sales)
    with pytest.raises(Forbidden):  # not an author
        services.idea_coauthor_invite(idea_id=idea.pk, actor=colleague, user_id=other.pk)
    services.idea_coauthor_invite(idea_id=idea.pk, actor=seller, user_id=colleague.pk)
    with pytest.raises(Forbidden):  # invited, not yet accepted
        services.idea_coauthor_invite(idea_id=idea.pk, actor=colleague, user_id=other.pk)
    services.idea_coauthor_accept(idea_id=idea.pk, user=colleague)
    services.idea_coauthor_invite(idea_id=idea.pk, actor=colleague, user_id=other.pk)  # accepted co-authors invite
    assert IdeaCoauthor.objects.filter(idea=idea).count() == 2


def test_coauthor_accept_without_invitation_is_not_found(board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    with pytest.raises(NotFound):
        services.idea_coauthor_accept(idea_id=idea.pk, user=other_employee)


def test_coauthor_may_leave_and_strangers_may_not_remove(board, employee, other_employee):
    idea = make_idea(board=board, author=employee)
    services.idea_coauthor_invite(idea_id=idea.pk, actor=employee, user_id=other_employee.pk)
    stranger = UserFactory()
    with pytest.raises(Forbidden):
        services.idea_coauthor_remove(idea_id=idea.pk, actor=stranger, user_id=other_employee.pk)
    services.idea_coauthor_remove(idea_id=idea.pk, actor=other_employee, user_id=other_employee.pk)
    assert not IdeaCoauthor.objects.exists()


# --- hiding ---------------------------------------------------------------------------------------


def test_hide_and_restore_are_for_moderators(board, employee, manager, moderator, other_employee):
    idea = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=idea.pk, voter=other_employee)
    for actor in (employee, manager):
        with pytest.raises(Forbidden):
            services.idea_hide(idea_id=idea.pk, actor=actor)
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    idea.refresh_from_db()
    idea.thread.refresh_from_db()
    assert idea.is_hidden and idea.thread.is_hidden
    for person in (employee, other_employee, manager):
        with pytest.raises(NotFound):
            idea_get_for_user(idea_id=idea.pk, user=person)
        with pytest.raises(NotFound):
            thread_get_for_user(thread_id=idea.thread_id, user=person)
        assert list(idea_list_for_board(board=board, user=person)) == []
    with pytest.raises(NotFound):
        services.vote_retract(idea_id=idea.pk, voter=other_employee)
    assert idea_get_for_user(idea_id=idea.pk, user=moderator) == idea

    services.idea_restore(idea_id=idea.pk, actor=moderator)
    restored = idea_get_for_user(idea_id=idea.pk, user=other_employee)
    assert (restored.is_hidden, restored.upvotes) == (False, 1)
    assert Vote.objects.filter(idea=idea, voter=other_employee).exists()
    assert thread_get_for_user(thread_id=idea.thread_id, user=employee) == idea.thread
    assert list(idea_list_for_board(board=board, user=employee)) == [idea]


def test_hide_twice_changes_nothing(board, employee, moderator):
    idea = make_idea(board=board, author=employee)
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    services.idea_hide(idea_id=idea.pk, actor=moderator)
    services.idea_restore(idea_id=idea.pk, actor=moderator)
    idea.refresh_from_db()
    assert not idea.is_hidden
