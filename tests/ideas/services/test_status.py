import pytest

from collab.exceptions import Forbidden, NotFound
from collab.realtime.models import Event
from ideas import services, tasks
from ideas.models import IdeaStatusChange
from ideas.selectors import idea_status_history
from tests.accounts.factories import UserFactory
from tests.ideas.factories import make_board, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Roadmap")


@pytest.fixture
def idea(board, employee):
    return make_idea(board=board, author=employee, title="Dark mode for the intranet")


def _notified(kind="status_changed"):
    return sorted(
        int(topic.split(".")[1])
        for topic in Event.objects.filter(type="idea.notice", data__kind=kind).values_list("topic_id", flat=True)
    )


def test_status_change_stores_response_and_history(idea, manager):
    changed = services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned", response="Next **sprint**.")
    idea.refresh_from_db()
    assert (idea.status, idea.response, idea.responded_by) == ("planned", "Next **sprint**.", manager)
    assert "<strong>sprint</strong>" in idea.response_html
    assert idea.responded_at is not None and changed.status == "planned"
    [row] = idea_status_history(idea=idea)
    assert (row.old_status, row.new_status, row.response, row.changed_by, row.notified_at) == (
        "new",
        "planned",
        "Next **sprint**.",
        manager,
        None,
    )


def test_status_without_response_keeps_the_previous_response(idea, manager):
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned", response="Soon.")
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="in_progress")
    idea.refresh_from_db()
    assert (idea.status, idea.response) == ("in_progress", "Soon.")
    assert [c.new_status for c in idea_status_history(idea=idea)] == ["in_progress", "planned"]


def test_same_status_needs_a_new_response(idea, manager):
    with pytest.raises(services.InvalidIdea):
        services.idea_status_change(idea_id=idea.pk, actor=manager, status="new")
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="new", response="Still looking at it.")
    idea.refresh_from_db()
    assert idea.response == "Still looking at it."


def test_unknown_status_and_merged_idea_are_refused(board, idea, manager, employee):
    with pytest.raises(services.InvalidIdea) as exc:
        services.idea_status_change(idea_id=idea.pk, actor=manager, status="shipped")
    assert exc.value.field == "status"
    duplicate = make_idea(board=board, author=employee)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=idea.pk, actor=manager)
    with pytest.raises(services.InvalidIdea):
        services.idea_status_change(idea_id=duplicate.pk, actor=manager, status="planned")
    assert not IdeaStatusChange.objects.exists()


def test_only_board_managers_change_status(idea, employee, moderator, manager):
    with pytest.raises(Forbidden):
        services.idea_status_change(idea_id=idea.pk, actor=employee, status="planned")  # even the author
    owner_of_nothing = UserFactory(role="manager")
    services.idea_status_change(idea_id=idea.pk, actor=owner_of_nothing, status="under_review")
    services.idea_status_change(idea_id=idea.pk, actor=moderator, status="planned")
    assert IdeaStatusChange.objects.count() == 2


def test_status_change_on_invisible_idea_is_not_found(idea, manager):
    guest = services.board_guest_invite(board_id=make_board(owner=manager).pk, actor=manager, email="g@x.example")
    with pytest.raises(NotFound):
        services.idea_status_change(idea_id=idea.pk, actor=guest, status="planned")


def test_followers_and_voters_are_notified_once_and_not_the_actor(idea, manager, employee, other_employee):
    follower, voter, both = UserFactory(), UserFactory(), UserFactory()
    services.idea_follow(idea_id=idea.pk, user=follower)
    services.vote_cast(idea_id=idea.pk, voter=voter)
    services.idea_follow(idea_id=idea.pk, user=both)
    services.vote_cast(idea_id=idea.pk, voter=both)
    services.vote_cast(idea_id=idea.pk, voter=manager)  # the actor voted too
    services.idea_follow(idea_id=idea.pk, user=manager)
    idea = services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned", response="Yes.")
    change = IdeaStatusChange.objects.get(idea=idea)
    assert tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk) == 4
    assert _notified() == sorted([employee.pk, follower.pk, voter.pk, both.pk])
    assert other_employee.pk not in _notified()
    change.refresh_from_db()
    assert change.notified_at is not None
    # Celery may deliver a task twice: the second run sends nothing.
    assert tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk) == 0
    assert len(_notified()) == 4
    notice = Event.objects.filter(type="idea.notice", topic_id=f"user.{voter.pk}").get()
    assert notice.data == {
        "kind": "status_changed",
        "idea_id": idea.pk,
        "title": idea.title,
        "url": f"/ideas/{idea.pk}/",
        "status_label": "Planned",
    }


def test_status_notice_skips_people_who_lost_access(manager, employee):
    from tests.accounts.factories import DepartmentFactory

    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    seller, mover = UserFactory(department=sales), UserFactory(department=sales)
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk])
    idea = make_idea(board=board, author=seller)
    services.vote_cast(idea_id=idea.pk, voter=mover)
    type(mover).objects.filter(pk=mover.pk).update(department=ops)
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="planned")
    change = IdeaStatusChange.objects.get(idea=idea)
    assert tasks.idea_status_notify(idea_id=idea.pk, change_id=change.pk) == 1
    assert _notified() == [seller.pk]


def test_response_only_change_enqueues_no_notice(idea, manager, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.idea_status_notify, "delay_on_commit", lambda **kw: sent.append(kw))
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="new", response="Thinking about it.")
    assert sent == []
    services.idea_status_change(idea_id=idea.pk, actor=manager, status="declined", response="No budget.")
    change = IdeaStatusChange.objects.get(new_status="declined")
    assert sent == [{"idea_id": idea.pk, "change_id": change.pk}]
