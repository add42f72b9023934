"""The demo idea boards: the generator alone, then the loader: counts, idempotency, counters equal to
COUNT(*), scores and rows equal to what the services leave, discussions in the boards' spaces, the
demo logins (the guest among them) and what the guest sees.

Only "small" is loaded here (and a shortened "large" on top of it); the full "large" is the same
code with more ideas and is timed by hand.
"""

from collections import Counter, defaultdict
from itertools import pairwise

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count, Q

from accounts.demo import company
from accounts.demo.seed import DEMO_PASSWORD, seed_demo
from accounts.models import User
from collab.realtime.models import Event
from ideas import ranking, services
from ideas.demo import data
from ideas.demo.boards import ideas_generate
from ideas.demo.seed import ideas_seed
from ideas.models import (
    CLOSED_STATUSES,
    Board,
    BoardGuest,
    CustomerAccount,
    CustomerVote,
    Idea,
    IdeaCoauthor,
    IdeaFollow,
    IdeaRevision,
    IdeaStatusChange,
    Tag,
    Vote,
    VoteWallet,
)
from ideas.selectors import board_list_for_user, idea_list_for_board, idea_list_for_user, idea_similar
from ideas.similarity import SIMILARITY_THRESHOLD
from threads.models import Backlink, Post, Space, SpaceMembership, Thread
from threads.selectors import space_list_for_user

SMALL = {"boards": 7, "campaigns": 2, "ideas": 85, "customers": 8, "guests": 1}

TABLES = {
    Board: ("id", "slug", "title", "kind", "opens_at", "closes_at", "audience", "voting", "vote_budget", "owner_id",
            "space_id", "created_at", "idea_count", "description_html"),
    BoardGuest: ("id", "board_id", "user_id", "invited_by_id", "invited_at"),
    CustomerAccount: ("id", "slug", "name"),
    Tag: ("id", "slug", "name"),
    Idea: ("id", "board_id", "title", "body_html", "author_id", "customer_id", "thread_id", "status", "response",
           "responded_by_id", "responded_at", "merged_into_id", "is_hidden", "created_at", "edited_at", "version",
           "upvotes", "downvotes", "customer_votes", "follower_count", "score_top", "score_hot", "score_trending"),
    Idea.tags.through: ("id", "idea_id", "tag_id"),
    Vote: ("id", "idea_id", "voter_id", "value", "holds_budget", "seen_version", "created_at"),
    CustomerVote: ("id", "idea_id", "customer_id", "recorded_by_id", "note", "created_at"),
    IdeaFollow: ("id", "idea_id", "user_id", "created_at"),
    IdeaCoauthor: ("id", "idea_id", "user_id", "invited_by_id", "invited_at", "accepted_at"),
    IdeaRevision: ("id", "idea_id", "version", "title", "body", "edited_by_id", "created_at"),
    IdeaStatusChange: ("id", "idea_id", "old_status", "new_status", "response", "changed_by_id", "changed_at",
                       "notified_at"),
    VoteWallet: ("id", "board_id", "voter_id"),
    Thread: ("id", "space_id", "title", "reply_count", "is_hidden"),
    Post: ("id", "thread_id", "path", "body_html"),
    Space: ("id", "slug", "name", "visibility"),
    SpaceMembership: ("id", "space_id", "user_id"),
}  # fmt: skip


def snapshot() -> dict[str, list[tuple]]:
    return {model.__name__: sorted(model.objects.values_list(*fields)) for model, fields in TABLES.items()}


@pytest.fixture
def small(db):
    seed_demo(size="small")
    return ideas_seed(size="small")


def _user(username: str) -> User:
    return User.objects.get(username=username)


# --- The generator, without the database ---------------------------------------------------------


def test_same_seed_gives_the_same_boards_and_another_seed_others():
    assert ideas_generate(size="small", seed=7) == ideas_generate(size="small", seed=7)
    assert ideas_generate(size="small", seed=7).ideas != ideas_generate(size="small", seed=8).ideas


def test_small_ideas_are_the_first_of_large_and_large_has_sixty_thousand_votes():
    small, large = ideas_generate(size="small"), ideas_generate(size="large")
    assert len(small.ideas) == 85 and len(large.ideas) == 1_450
    for board in data.BOARDS:
        mine = [idea for idea in small.ideas if idea.board == board.slug]
        assert [idea for idea in large.ideas if idea.board == board.slug][: len(mine)] == mine
        titles = [idea.title for idea in large.ideas if idea.board == board.slug]
        assert len(titles) == len(set(titles)), board.slug
    assert 55_000 <= large.vote_count <= 65_000
    assert 700 <= small.vote_count <= 1_300


def test_labelled_pairs_are_all_posted_and_some_merged():
    pairs = data.labelled_pairs()
    assert 38 <= sum(duplicate for *_, duplicate in pairs) <= 45
    assert 38 <= sum(not duplicate for *_, duplicate in pairs) <= 45
    large = {(idea.board, idea.title): idea for idea in ideas_generate(size="large").ideas}
    small = {(idea.board, idea.title) for idea in ideas_generate(size="small").ideas}
    for pair in data.DUPLICATE_PAIRS + data.RELATED_PAIRS:
        assert {(pair.board, pair.first), (pair.board, pair.second)} <= set(large), pair
        if pair.small:
            assert {(pair.board, pair.first), (pair.board, pair.second)} <= small, pair
    for pair in data.DUPLICATE_PAIRS:
        assert large[(pair.board, pair.second)].merged_into == (pair.first if pair.merged else None)
        assert large[(pair.board, pair.first)].age > large[(pair.board, pair.second)].age  # the original came first


def test_people_act_only_where_they_can_see_and_within_the_rules():
    plan = ideas_generate(size="small")
    people = {p.username: p for p in company.company_generate(size="small").people}
    specs = {board.spec.slug: board for board in plan.boards}
    for idea in plan.ideas:
        board = specs[idea.board]
        actors = [idea.author, *(v.voter for v in idea.votes), *(r.author for r in idea.replies)]
        for name in actors:
            if name == data.GUEST["username"]:
                assert board.spec.guest
            elif board.spec.audience == "departments":
                assert people[name].department in board.spec.departments, (idea.title, name)
        for vote in idea.votes:
            assert vote.age < idea.age
            assert board.spec.voting == "updown" or vote.value == 1
            if board.closes_age is not None:
                assert vote.age >= board.closes_age
        if idea.status in CLOSED_STATUSES and idea.merged_into is None:
            closed_at = idea.statuses[-1].age
            assert all(v.age >= closed_at for v in idea.votes if not _moved(plan, idea, v))


def _moved(plan, idea, vote) -> bool:
    return any(d.merged_into == idea.title and d.board == idea.board for d in plan.ideas)


# --- The loader ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_boards_counts_and_shapes(small):
    assert {key: small[key] for key in SMALL} == SMALL
    assert small["ideas_created"] == 85 and small["votes_created"] == small["votes"] == Vote.objects.count()
    assert Board.objects.count() == 7 and Idea.objects.count() == 85
    kinds = Counter(Board.objects.values_list("kind", flat=True))
    assert kinds == {"open": 5, "campaign": 2}
    campaigns = {board.slug: board for board in Board.objects.filter(kind="campaign")}
    assert campaigns["sustainability-challenge"].is_open and not campaigns["hackathon-2024"].is_open
    tools = Board.objects.get(slug="internal-tools")
    assert (tools.voting, tools.vote_budget) == ("updown", 5)
    assert Vote.objects.filter(value=-1).exists()
    statuses = Counter(Idea.objects.values_list("status", flat=True))
    assert set(statuses) == {"new", "under_review", "planned", "in_progress", "done", "declined"}
    answered = Idea.objects.exclude(status="new").exclude(response="").count()
    assert answered > 0.7 * Idea.objects.exclude(status="new").count()
    assert Idea.objects.filter(merged_into__isnull=False).count() == small["merged"] == 6
    assert Idea.objects.filter(is_hidden=True).count() == 1
    assert Idea.objects.filter(customer__isnull=False).exists() and CustomerVote.objects.count() > 10
    assert IdeaCoauthor.objects.filter(accepted_at__isnull=True).exists()
    assert Vote.objects.filter(seen_version__lt=2, idea__version=2).exists()  # "changed since you voted"
    assert Post.objects.filter(thread__idea__isnull=False, depth__gt=0).count() > 40
    assert not Event.objects.exists()  # seeded history publishes nothing


@pytest.mark.django_db
def test_seeding_twice_writes_nothing(small):
    before = snapshot()
    again = ideas_seed(size="small")
    assert (again["rows_written"], again["ideas_created"], again["votes_created"]) == (0, 0, 0)
    assert snapshot() == before


@pytest.mark.django_db
def test_large_after_small_only_adds_ideas(small, monkeypatch):
    """A shortened "large" (260 people, three more ideas on each board but the fixed-size tools
    board): the small ideas stay exactly as they were."""
    monkeypatch.setitem(company.SIZES, "large", 260)
    shorter = tuple(b._replace(ideas={"small": b.ideas["small"], "large": b.ideas["small"] + 3}) for b in data.BOARDS)
    shorter = tuple(b if b.slug == "internal-tools" else s for b, s in zip(data.BOARDS, shorter, strict=True))
    monkeypatch.setattr(data, "BOARDS", shorter)
    monkeypatch.setattr(data, "DUPLICATE_PAIRS", tuple(p for p in data.DUPLICATE_PAIRS if p.small))
    monkeypatch.setattr(data, "RELATED_PAIRS", tuple(p for p in data.RELATED_PAIRS if p.small))
    before = snapshot()
    seed_demo(size="large")
    result = ideas_seed(size="large")
    assert result["ideas_created"] == 18
    after = snapshot()
    for table in ("Idea", "Vote", "IdeaStatusChange", "Thread"):
        assert set(before[table]) <= set(after[table]), table
    assert Idea.objects.count() == 85 + 18
    assert ideas_seed(size="large")["rows_written"] == 0
    assert ideas_seed(size="small")["rows_written"] == 0
    test_counters_equal_count_star(small)


@pytest.mark.django_db
def test_counters_equal_count_star(small):
    ideas = Idea.objects.annotate(
        up=Count("votes", filter=Q(votes__value=1), distinct=True),
        down=Count("votes", filter=Q(votes__value=-1), distinct=True),
        customers=Count("customer_vote_set", distinct=True),
        followers=Count("follows", distinct=True),
    )
    for idea in ideas:
        assert (idea.upvotes, idea.downvotes, idea.customer_votes, idea.follower_count) == (
            idea.up,
            idea.down,
            idea.customers,
            idea.followers,
        ), idea.title
    for board in Board.objects.annotate(n=Count("ideas", filter=Q(ideas__merged_into__isnull=True))):
        assert board.idea_count == board.n, board.slug


@pytest.mark.django_db
def test_counters_and_scores_are_what_the_services_compute(small):
    """`idea_counts_rebuild` (COUNT(*) and ideas.ranking over the stored votes) changes nothing."""
    fields = ("upvotes", "downvotes", "customer_votes", "follower_count", "score_top", "score_hot", "score_trending")
    before = {idea["pk"]: idea for idea in Idea.objects.values("pk", *fields)}
    for pk in before:
        services.idea_counts_rebuild(idea_id=pk)
    after = {idea["pk"]: idea for idea in Idea.objects.values("pk", *fields)}
    for pk, row in before.items():
        for field in fields:
            assert after[pk][field] == pytest.approx(row[field], rel=1e-9, abs=1e-9), (pk, field)


@pytest.mark.django_db
def test_votes_follow_the_rules_of_the_services(small):
    closed = Vote.objects.filter(idea__status__in=CLOSED_STATUSES)
    assert closed.exists() and not closed.filter(holds_budget=True).exists()
    assert not Vote.objects.exclude(idea__status__in=CLOSED_STATUSES).filter(holds_budget=False).exists()
    assert not Vote.objects.filter(idea__merged_into__isnull=False).exists()
    tools = Board.objects.get(slug="internal-tools")
    held = Counter(Vote.objects.filter(idea__board=tools, holds_budget=True).values_list("voter_id", flat=True))
    assert max(held.values()) <= tools.vote_budget
    for board in Board.objects.filter(kind="campaign"):
        votes = Vote.objects.filter(idea__board=board)
        assert not votes.filter(created_at__lt=board.opens_at).exists()
        assert not votes.filter(created_at__gte=board.closes_at).exists()
        assert not Idea.objects.filter(board=board, created_at__gte=board.closes_at).exists()
    assert not Vote.objects.filter(value=-1, idea__board__voting="up").exists()
    wallets = set(VoteWallet.objects.values_list("board_id", "voter_id"))
    assert set(Vote.objects.values_list("idea__board_id", "voter_id")) <= wallets
    for idea in Idea.objects.exclude(status="new").filter(merged_into__isnull=True):
        changes = list(IdeaStatusChange.objects.filter(idea=idea).order_by("changed_at"))
        assert changes and changes[-1].new_status == idea.status and changes[0].old_status == "new"
        assert all(a.new_status == b.old_status for a, b in pairwise(changes))
        answered = [c for c in changes if c.response]
        if answered:
            assert (idea.responded_by_id, idea.responded_at) == (answered[-1].changed_by_id, answered[-1].changed_at)


@pytest.mark.django_db
def test_every_idea_has_its_thread_in_its_boards_space(small):
    for idea in Idea.objects.select_related("thread", "board__space", "author"):
        assert idea.thread.space_id == idea.board.space_id
        assert (idea.thread.title, idea.thread.author_id, idea.thread.created_at) == (
            idea.title,
            idea.author_id,
            idea.created_at,
        )
        opening = Post.objects.get(thread=idea.thread, depth=0)
        assert f'href="/boards/{idea.board.slug}/"' in opening.body_html
        assert idea.thread.is_hidden == idea.is_hidden
    assert Thread.objects.filter(space__board__isnull=False).count() == Idea.objects.count()


@pytest.mark.django_db
def test_board_spaces_are_the_ones_board_create_opens(small, manager):
    for board in Board.objects.select_related("space").prefetch_related("departments"):
        twin = services.board_create(
            owner=manager,
            title=board.title,
            slug=f"twin-{board.slug}",
            question=board.question,
            kind=board.kind,
            opens_at=board.opens_at,
            closes_at=board.closes_at,
            audience=board.audience,
            department_ids=[d.pk for d in board.departments.all()],
            description=board.description,
        )
        assert (twin.space.name, twin.space.description, twin.space.visibility) == (
            board.space.name,
            board.space.description,
            board.space.visibility,
        )
        assert set(twin.space.departments.all()) == set(board.space.departments.all())
        assert board.space.slug == f"ideas-{board.slug}" and twin.description_html == board.description_html


@pytest.mark.django_db
def test_merges_moved_votes_and_left_a_note(small):
    for duplicate in Idea.objects.filter(merged_into__isnull=False).select_related("merged_into"):
        original = duplicate.merged_into
        assert (duplicate.upvotes, duplicate.follower_count, duplicate.score_trending) == (0, 0, ranking.TREND_EMPTY)
        assert set(duplicate.tags.all()) <= set(original.tags.all())
        note = Post.objects.get(thread=original.thread, body__startswith="Merged the duplicate idea")
        assert duplicate.title in note.body and note.author_id == original.board.owner_id
        assert Backlink.objects.filter(source=note, target_kind="thread", target_id=duplicate.thread_id).exists()
    merged_votes = Vote.objects.filter(idea__merged_ideas__isnull=False)
    assert merged_votes.exists()


@pytest.mark.django_db
def test_rankings_differ(small):
    board = Board.objects.get(slug="workplace")
    viewer = _user("employee")

    def first(sort: str) -> list[int]:
        return list(idea_list_for_board(board=board, user=viewer, sort=sort).values_list("pk", flat=True)[:5])

    orders = {sort: first(sort) for sort in ("hot", "top", "new", "trending")}
    # Votes spread over months: what is hot or trending now is not what has the most votes. (Hot
    # is close to new here: a day of age outweighs 80 times the votes, see docs/ideas.md.)
    assert orders["top"] not in (orders["hot"], orders["trending"], orders["new"]), orders
    assert orders["trending"] != orders["hot"], orders


@pytest.mark.django_db
def test_seeded_duplicates_show_up_as_similar_ideas(small):
    board = Board.objects.get(slug="workplace")
    hits = idea_similar(board=board, user=_user("employee"), title="Standing desks for all staff")
    assert "Standing desks for everyone" in [hit.title for hit in hits]
    assert all(hit.similarity >= SIMILARITY_THRESHOLD for hit in hits)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "role"),
    [("employee", "employee"), ("manager", "manager"), ("moderator", "moderator"), ("admin", "admin"),
     ("guest", "guest")],
)  # fmt: skip
def test_demo_logins_sign_in(small, username, role):
    user = authenticate(username=username, password=DEMO_PASSWORD)
    assert user is not None and user.role == role
    assert authenticate(username=username, password="wrong") is None


@pytest.mark.django_db
def test_the_guest_sees_only_their_board(small, client):
    guest = _user("guest")
    assert guest.is_guest and guest.department is None
    assert [b.slug for b in board_list_for_user(user=guest)] == ["northwind-reporting-beta"]
    board = Board.objects.get(slug="northwind-reporting-beta")
    assert set(idea_list_for_user(user=guest).values_list("board_id", flat=True)) == {board.pk}
    assert [space.pk for space in space_list_for_user(user=guest)] == [board.space_id]
    assert Idea.objects.filter(board=board, author=guest).count() == 2
    assert Vote.objects.filter(voter=guest).exclude(idea__board=board).count() == 0
    client.force_login(guest)
    assert client.get("/").status_code == 302  # to their boards
    assert client.get(f"/boards/{board.slug}/").status_code == 200
    assert client.get("/boards/workplace/").status_code == 404
    # They discuss their board's ideas; the rest of Collab does not exist for them.
    assert client.get(f"/threads/{Idea.objects.filter(board=board).first().thread_id}/").status_code == 200
    elsewhere = Idea.objects.filter(board__slug="workplace", is_hidden=False).first().thread_id
    for url in ("/spaces/", "/people/", f"/threads/{elsewhere}/"):
        assert client.get(url).status_code == 404, url
    client.force_login(_user("employee"))
    assert client.get("/spaces/").status_code == 200 and client.get("/people/").status_code == 200
    employee_boards = {b.slug for b in board_list_for_user(user=_user("employee"))}
    assert "northwind-reporting-beta" not in employee_boards  # Platform is not in its audience
    assert {"workplace", "developer-experience"} <= employee_boards


@pytest.mark.django_db
def test_customer_voice_is_captured_by_people_who_may(small):
    recorders = User.objects.filter(pk__in=CustomerVote.objects.values("recorded_by")) | User.objects.filter(
        pk__in=Idea.objects.filter(customer__isnull=False).values("author")
    )
    for person in recorders.distinct():
        assert person.has_perm("ideas.capture_customer_voice"), person.username
    by_customer = defaultdict(int)
    for name in CustomerVote.objects.values_list("customer__name", flat=True):
        by_customer[name] += 1
    assert len(by_customer) >= 4
