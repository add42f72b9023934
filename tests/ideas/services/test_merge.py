import pytest

from collab.exceptions import Forbidden, NotFound
from ideas import services
from ideas.models import Board, CustomerVote, Idea, IdeaFollow, Vote
from ideas.selectors import idea_get_for_user, idea_list_for_board, idea_merged_list, votes_left
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.ideas.factories import make_board, make_customer, make_idea
from tests.ideas.services.test_votes import assert_counts_match
from threads.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(manager):
    return make_board(owner=manager, title="Kitchen", voting="updown")


@pytest.fixture
def pair(board, employee, other_employee):
    original = make_idea(board=board, author=employee, title="Better coffee machine", tags=["coffee", "kitchen"])
    duplicate = make_idea(board=board, author=other_employee, title="A better coffee machine", tags=["coffee", "cups"])
    return original, duplicate


def test_merge_moves_votes_without_double_counting(pair, manager):
    original, duplicate = pair
    both, only_dup, only_orig, down_dup = (UserFactory() for _ in range(4))
    services.vote_cast(idea_id=original.pk, voter=both)
    services.vote_cast(idea_id=duplicate.pk, voter=both)
    services.vote_cast(idea_id=duplicate.pk, voter=only_dup)
    services.vote_cast(idea_id=original.pk, voter=only_orig)
    services.vote_cast(idea_id=duplicate.pk, voter=down_dup, value=-1)

    result = services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)

    assert result == original
    assert_counts_match(original, duplicate)
    assert (original.upvotes, original.downvotes) == (3, 1)
    assert (duplicate.upvotes, duplicate.downvotes) == (0, 0)
    assert sorted(Vote.objects.filter(idea=original).values_list("voter_id", flat=True)) == sorted(
        [both.pk, only_dup.pk, only_orig.pk, down_dup.pk]
    )
    assert Vote.objects.filter(voter=both).count() == 1
    assert not Vote.objects.filter(idea=duplicate).exists()


def test_the_vote_on_the_original_wins(pair, manager):
    original, duplicate = pair
    person = UserFactory()
    services.vote_cast(idea_id=original.pk, voter=person, value=-1)
    services.vote_cast(idea_id=duplicate.pk, voter=person, value=1)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    assert Vote.objects.get(voter=person).value == -1
    assert_counts_match(original)
    assert (original.upvotes, original.downvotes) == (0, 1)


def test_merge_moves_customer_votes_without_double_counting(pair, manager):
    original, duplicate = pair
    acme, globex = make_customer("Acme"), make_customer("Globex")
    for idea in (original, duplicate):
        services.customer_vote_add(idea_id=idea.pk, recorder=manager, customer_id=acme.pk)
    services.customer_vote_add(idea_id=duplicate.pk, recorder=manager, customer_id=globex.pk)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    assert_counts_match(original, duplicate)
    assert original.customer_votes == 2
    assert sorted(CustomerVote.objects.values_list("idea_id", "customer__name")) == [
        (original.pk, "Acme"),
        (original.pk, "Globex"),
    ]


def test_merge_unions_followers_and_tags(pair, manager, employee, other_employee):
    original, duplicate = pair
    fan = UserFactory()
    services.idea_follow(idea_id=duplicate.pk, user=fan)
    services.idea_follow(idea_id=duplicate.pk, user=employee)  # follows both already (author of original)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    followers = sorted(IdeaFollow.objects.filter(idea=original).values_list("user_id", flat=True))
    assert followers == sorted([employee.pk, other_employee.pk, fan.pk])
    assert not IdeaFollow.objects.filter(idea=duplicate).exists()
    assert_counts_match(original, duplicate)
    assert original.follower_count == 3 and duplicate.follower_count == 0
    assert sorted(t.slug for t in original.tags.all()) == ["coffee", "cups", "kitchen"]


def test_duplicate_redirects_and_leaves_the_lists(board, pair, manager, employee):
    original, duplicate = pair
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    duplicate.refresh_from_db()
    board.refresh_from_db()
    assert duplicate.merged_into == original and duplicate.is_merged
    assert idea_get_for_user(idea_id=duplicate.pk, user=employee).merged_into_id == original.pk
    assert list(idea_list_for_board(board=board, user=employee)) == [original]
    assert list(idea_merged_list(idea=original)) == [duplicate]
    assert board.idea_count == 1
    # The duplicate's discussion stays where it is and the original's thread links to it.
    assert Post.objects.filter(thread=duplicate.thread).exists()
    link = Post.objects.filter(thread=original.thread).order_by("-id").first()
    assert f"/threads/{duplicate.thread_id}/" in link.body


def test_merge_into_itself_is_refused(pair, manager):
    original, _duplicate = pair
    with pytest.raises(services.InvalidMerge) as exc:
        services.idea_merge(duplicate_id=original.pk, original_id=original.pk, actor=manager)
    assert exc.value.field == "original_id"


def test_merge_across_boards_is_refused(pair, manager, employee):
    original, _duplicate = pair
    elsewhere = make_idea(board=make_board(owner=manager), author=employee)
    with pytest.raises(services.InvalidMerge):
        services.idea_merge(duplicate_id=elsewhere.pk, original_id=original.pk, actor=manager)
    elsewhere.refresh_from_db()
    assert elsewhere.merged_into is None


def test_merge_of_merged_ideas_is_refused(board, pair, manager, employee):
    original, duplicate = pair
    third = make_idea(board=board, author=employee, title="Coffee machine upgrade")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    with pytest.raises(services.InvalidMerge) as exc:
        services.idea_merge(duplicate_id=duplicate.pk, original_id=third.pk, actor=manager)
    assert exc.value.field == "duplicate_id"
    with pytest.raises(services.InvalidMerge) as exc:
        services.idea_merge(duplicate_id=third.pk, original_id=duplicate.pk, actor=manager)
    assert exc.value.field == "original_id"
    third.refresh_from_db()
    assert third.merged_into is None


def test_merge_needs_a_board_manager(pair, employee, other_employee, moderator):
    original, duplicate = pair
    with pytest.raises(Forbidden):
        services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=other_employee)
    guest = services.board_guest_invite(board_id=original.board_id, actor=moderator, email="g@client.example")
    with pytest.raises(Forbidden):
        services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=guest)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=moderator)


def test_merge_of_invisible_ideas_is_not_found(manager):
    sales = DepartmentFactory(name="Sales")
    board = make_board(owner=manager, audience="departments", department_ids=[sales.pk])
    seller = UserFactory(department=sales)
    a, b = make_idea(board=board, author=seller), make_idea(board=board, author=seller)
    outsider = UserFactory(role="manager")
    with pytest.raises(NotFound):
        services.idea_merge(duplicate_id=a.pk, original_id=b.pk, actor=outsider)
    assert not Idea.objects.filter(merged_into__isnull=False).exists()


def test_budget_holds_across_a_merge(manager, employee):
    board = make_board(owner=manager, vote_budget=2)
    original, duplicate = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    person = UserFactory()
    services.vote_cast(idea_id=original.pk, voter=person)
    services.vote_cast(idea_id=duplicate.pk, voter=person)
    assert votes_left(board=board, user=person) == 0
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    assert votes_left(board=board, user=person) == 1  # the duplicate's vote was folded into the original's
    third = make_idea(board=board, author=employee)
    services.vote_cast(idea_id=third.pk, voter=person)
    assert votes_left(board=board, user=person) == 0
    held = Vote.objects.filter(voter=person, holds_budget=True, idea__board=board).count()
    assert held == 2


def test_merge_into_a_closed_original_returns_the_moved_votes_budget(manager, employee):
    board = make_board(owner=manager, vote_budget=1)
    original, duplicate = make_idea(board=board, author=employee), make_idea(board=board, author=employee)
    person = UserFactory()
    services.vote_cast(idea_id=duplicate.pk, voter=person)
    services.idea_status_change(idea_id=original.pk, actor=manager, status="done")
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    vote = Vote.objects.get(voter=person)
    assert (vote.idea_id, vote.holds_budget) == (original.pk, False)
    assert votes_left(board=board, user=person) == 1


def test_merged_idea_cannot_be_edited(pair, manager, other_employee):
    original, duplicate = pair
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    with pytest.raises(services.InvalidIdea):
        services.idea_update(idea_id=duplicate.pk, editor=other_employee, title="Sneaky edit of a duplicate")


def test_merge_scores_follow_the_moved_votes(pair, manager):
    original, duplicate = pair
    for person in [UserFactory() for _ in range(3)]:
        services.vote_cast(idea_id=duplicate.pk, voter=person)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert original.score_top > 0 and duplicate.score_top == 0
    assert original.score_trending > duplicate.score_trending
    assert Board.objects.get(pk=original.board_id).idea_count == 1


def test_a_locked_discussion_does_not_block_the_merge(pair, manager, moderator):
    original, duplicate = pair
    from threads.services import thread_lock

    thread_lock(thread_id=original.thread_id, actor=moderator)
    services.idea_merge(duplicate_id=duplicate.pk, original_id=original.pk, actor=manager)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == original
    assert Post.objects.filter(thread=original.thread).count() == 1  # the opening post only: no note
