"""Reads of boards and ideas. Access is decided here, once per object type: a board or idea you
may not see answers exactly like one that does not exist."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Mod
from django.utils import timezone

from accounts.models import User
from collab.exceptions import NotFound

from . import ranking, similarity
from .models import (
    Board,
    BoardGuest,
    CustomerAccount,
    Idea,
    IdeaCoauthor,
    IdeaFollow,
    IdeaStatusChange,
    Status,
    Tag,
    Vote,
)

SORTS = ("hot", "top", "new", "trending", "random")
BOARD_TAGS_CACHE_SECONDS = 300


def _sees_everything(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_moderator)


def board_visibility_q(user: User, prefix: str = "") -> Q:
    """Boards a person may see: company-wide ones, their department's, their own; guests only the
    boards they were invited to; moderators and admins every board."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if _sees_everything(user):
        return Q()
    pk = OuterRef(f"{prefix}pk" if prefix else "pk")
    guest = Q(Exists(BoardGuest.objects.filter(board=pk, user=user)))
    if user.is_guest:
        return guest
    department = Exists(Board.departments.through.objects.filter(board=pk, department_id=user.department_id))
    return (
        Q(**{f"{prefix}audience": Board.Audience.COMPANY})
        | (Q(**{f"{prefix}audience": Board.Audience.DEPARTMENTS}) & Q(department))
        | Q(**{f"{prefix}owner": user})
        | guest
    )


def boards_for(user: User) -> QuerySet[Board]:
    return Board.objects.filter(board_visibility_q(user))


def board_list_for_user(*, user: User, include_archived: bool = False) -> QuerySet[Board]:
    boards = boards_for(user).select_related("owner")
    if not include_archived:
        boards = boards.filter(is_archived=False)
    return boards.order_by("-created_at", "-id")


def board_get_for_user(
    *, user: User, board_id: int | None = None, slug: str | None = None, for_update: bool = False
) -> Board:
    """The one access check for boards (pages, API, sockets)."""
    boards = boards_for(user).select_related("owner", "space")
    if for_update:
        boards = boards.select_for_update(of=("self",))
    board = (boards.filter(pk=board_id) if board_id is not None else boards.filter(slug=slug)).first()
    if board is None:
        raise NotFound()
    return board


def can_manage_board(*, user: User, board: Board) -> bool:
    """The owner, managers and moderators run a board (statuses, responses, merges, guests)."""
    if not (user.is_authenticated and user.is_active) or user.is_guest:
        return False
    return board.owner_id == user.pk or user.is_manager or user.is_moderator


def can_capture_customer_voice(user: User) -> bool:
    return bool(user.is_authenticated and not user.is_guest and user.has_perm("ideas.capture_customer_voice"))


def _ideas_for(user: User) -> QuerySet[Idea]:
    ideas = Idea.objects.filter(board__in=boards_for(user))
    if not _sees_everything(user):
        ideas = ideas.filter(is_hidden=False)
    return ideas


def idea_get_for_user(*, idea_id: int, user: User, for_update: bool = False) -> Idea:
    """The one access check for ideas. A merged idea is still found (its page redirects)."""
    ideas = _ideas_for(user).select_related("board", "author", "customer", "merged_into", "responded_by")
    if for_update:
        ideas = ideas.select_for_update(of=("self",))
    idea = ideas.filter(pk=idea_id).first()
    if idea is None:
        raise NotFound()
    return idea


def user_can_see_idea(*, user: User, idea: Idea) -> bool:
    return _ideas_for(user).filter(pk=idea.pk).exists()


def is_idea_editor(*, user: User, idea: Idea) -> bool:
    """Authors and accepted co-authors edit an idea; board managers too."""
    if idea.author_id == user.pk:
        return True
    if can_manage_board(user=user, board=idea.board):
        return True
    return IdeaCoauthor.objects.filter(idea=idea, user=user, accepted_at__isnull=False).exists()


@dataclass
class IdeaFilters:
    status: str = ""
    tag: str = ""
    mine: bool = False
    voted: bool = False
    customer: int | None = None  # ideas with this customer's voice (idea or vote on their behalf)
    customer_voice: bool = False  # ideas with any customer voice
    query: str = ""


def _my_vote(user: User):
    # By id: an anonymous visitor (pk None) has no vote rather than an error.
    return Subquery(Vote.objects.filter(idea=OuterRef("pk"), voter_id=user.pk).values("value")[:1])


def _random_key(user: User):
    multiplier = ranking.random_multiplier(user.pk or 0, timezone.localdate().toordinal())
    modulus = Value(ranking.RANDOM_MODULUS)
    return Mod(Mod(F("id"), modulus) * Value(multiplier), modulus)


ORDERINGS = {
    "hot": ("-score_hot", "-id"),
    "top": ("-score_top", "-upvotes", "-id"),
    "new": ("-created_at", "-id"),
    "trending": ("-score_trending", "-id"),
}


def idea_list_for_board(
    *, board: Board, user: User, sort: str = "hot", filters: IdeaFilters | None = None
) -> QuerySet[Idea]:
    """A board's listed ideas in the chosen order, with author, customer, tags and the person's own
    vote (`my_vote`: 1, -1 or None). Sorting reads the stored scores: 1 query for the page, 1 for
    the tags, plus the paginator's count."""
    filters = filters or IdeaFilters()
    ideas = (
        _ideas_for(user)
        .filter(board=board, merged_into__isnull=True)
        .select_related("author", "customer")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .annotate(my_vote=_my_vote(user))
    )
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.tag:
        ideas = ideas.filter(tags__slug=filters.tag)
    if filters.mine:
        coauthored = IdeaCoauthor.objects.filter(idea=OuterRef("pk"), user=user, accepted_at__isnull=False)
        ideas = ideas.filter(Q(author=user) | Q(Exists(coauthored)))
    if filters.voted:
        ideas = ideas.filter(Exists(Vote.objects.filter(idea=OuterRef("pk"), voter=user)))
    if filters.customer:
        ideas = ideas.filter(Q(customer_id=filters.customer) | Q(customer_vote_set__customer_id=filters.customer))
    if filters.customer_voice:
        ideas = ideas.filter(Q(customer__isnull=False) | Q(customer_votes__gt=0))
    if filters.query:
        ideas = ideas.filter(Q(title__icontains=filters.query) | Q(body__icontains=filters.query))
    if filters.customer or filters.tag:
        ideas = ideas.distinct()
    if sort == "random":
        return ideas.annotate(random_key=_random_key(user)).order_by("random_key", "id")
    return ideas.order_by(*ORDERINGS.get(sort, ORDERINGS["hot"]))


def idea_list_latest_for_user(*, user: User, limit: int = 6) -> QuerySet[Idea]:
    return (
        _ideas_for(user)
        .filter(merged_into__isnull=True, board__is_archived=False)
        .select_related("board")
        .order_by("-created_at", "-id")[:limit]
    )


def idea_list_for_user(*, user: User) -> QuerySet[Idea]:
    """Every idea a person may see, across boards (API list, search)."""
    return (
        _ideas_for(user)
        .select_related("board", "author", "customer")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .annotate(my_vote=_my_vote(user))
    )


@dataclass
class SimilarIdea:
    id: int
    title: str
    status: str
    upvotes: int
    similarity: float


def idea_similar(
    *, board: Board, user: User, title: str, limit: int = 5, exclude_id: int | None = None
) -> list[SimilarIdea]:
    """Listed ideas of the board whose title is like `title` (pg_trgm on PostgreSQL, the same
    measure in Python on SQLite), most similar first."""
    title = " ".join((title or "").split())[:160]
    if len(title) < 4:
        return []
    if not boards_for(user).filter(pk=board.pk).exists():
        return []
    # The board is checked above: filtering the ideas by the board alone (not through the
    # visibility subqueries) lets PostgreSQL walk the trigram index in distance order.
    ideas = Idea.objects.filter(board=board, merged_into__isnull=True)
    if not _sees_everything(user):
        ideas = ideas.filter(is_hidden=False)
    if exclude_id:
        ideas = ideas.exclude(pk=exclude_id)
    threshold = similarity.SIMILARITY_THRESHOLD
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramDistance

        # The `limit` nearest titles by pg_trgm's distance (1 - similarity), found by walking the GiST
        # trigram index (migration 0003), then those at the threshold: the same ideas as "the `limit`
        # most similar of those that pass", at a cost that does not grow with the board.
        rows = (
            ideas.annotate(distance=TrigramDistance("title", title))
            .order_by("distance")
            .values_list("pk", "title", "status", "upvotes", "distance")[:limit]
        )
        hits = [SimilarIdea(pk, other, status, up, 1.0 - dist) for pk, other, status, up, dist in rows]
        hits = [hit for hit in hits if hit.similarity >= threshold - 1e-6]
        hits.sort(key=lambda s: (-s.similarity, -s.upvotes))
        return hits
    wanted = similarity.trigrams(title)
    scored = []
    for pk, other, status, upvotes in ideas.values_list("pk", "title", "status", "upvotes").iterator():
        score = similarity.similarity(wanted, similarity.trigrams(other))
        if score >= threshold:
            scored.append(SimilarIdea(pk, other, status, upvotes, score))
    scored.sort(key=lambda s: (-s.similarity, -s.upvotes))
    return scored[:limit]


def vote_get(*, idea: Idea, user: User) -> Vote | None:
    return Vote.objects.filter(idea=idea, voter=user).first()


def votes_left(*, board: Board, user: User) -> int | None:
    """Votes the person may still cast on this board (None without a budget). A vote on an idea
    hidden by moderation (it cannot be taken back while hidden) does not block the person's other
    votes; after a restore it counts again."""
    if board.vote_budget is None:
        return None
    used = Vote.objects.filter(idea__board=board, voter=user, holds_budget=True, idea__is_hidden=False).count()
    return max(0, board.vote_budget - used)


def is_following(*, idea: Idea, user: User) -> bool:
    return IdeaFollow.objects.filter(idea=idea, user=user).exists()


def idea_coauthors(*, idea: Idea) -> QuerySet[IdeaCoauthor]:
    return IdeaCoauthor.objects.filter(idea=idea).select_related("user").order_by("invited_at", "id")


def idea_status_history(*, idea: Idea) -> QuerySet[IdeaStatusChange]:
    return IdeaStatusChange.objects.filter(idea=idea).select_related("changed_by")


def idea_merged_list(*, idea: Idea) -> QuerySet[Idea]:
    return Idea.objects.filter(merged_into=idea).select_related("author").order_by("created_at")


def board_tags_cache_key(board_id: int) -> str:
    return f"ideas:board-tags:{board_id}"


def board_tags(*, board: Board) -> list[Tag]:
    """The tags of a board's listed ideas, for its tag filter. Reading them scans the whole board,
    so they are cached; the services that change an idea's tags drop the cache."""
    key = board_tags_cache_key(board.pk)
    tags = cache.get(key)
    if tags is None:
        tags = list(Tag.objects.filter(ideas__board=board, ideas__merged_into__isnull=True).distinct().order_by("name"))
        cache.set(key, tags, BOARD_TAGS_CACHE_SECONDS)
    return tags


def customer_list() -> QuerySet[CustomerAccount]:
    return CustomerAccount.objects.order_by("name")


def status_choices() -> list[tuple[str, str]]:
    return list(Status.choices)


# --- reads of the REST API (ideas/api) --------------------------------------------------------------


def idea_list_filtered_for_user(
    *, user: User, board_id: int | None = None, status: str = "", tag: str = "", query: str = ""
) -> QuerySet[Idea]:
    """Listed ideas (not merged away) of every board a person may see, newest first, with the same
    relations and `my_vote` as `idea_list_for_user`: 1 query for the page, 1 for the tags."""
    ideas = idea_list_for_user(user=user).filter(merged_into__isnull=True).select_related("board")
    if board_id is not None:
        ideas = ideas.filter(board_id=board_id)
    if status:
        ideas = ideas.filter(status=status)
    if tag:
        ideas = ideas.filter(Exists(Idea.tags.through.objects.filter(idea=OuterRef("pk"), tag__slug=tag)))
    if query:
        ideas = ideas.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return ideas.order_by("-created_at", "-id")


def board_guest_list_for_user(*, board: Board, user: User) -> QuerySet[BoardGuest]:
    """The guests a board is opened to, for the people who run the board (Forbidden for others)."""
    from django.utils.translation import gettext as _

    from collab.exceptions import Forbidden

    if not can_manage_board(user=user, board=board):
        raise Forbidden(_("Only the board's owner, managers and moderators can see its guests."))
    return BoardGuest.objects.filter(board=board).select_related("user", "invited_by").order_by("invited_at", "id")


def customer_list_for_user(*, user: User) -> QuerySet[CustomerAccount]:
    """Customer accounts, for the people who capture customer voice (Forbidden for others)."""
    from django.utils.translation import gettext as _

    from collab.exceptions import Forbidden

    if not can_capture_customer_voice(user):
        raise Forbidden(_("Only sales and support staff see customer accounts."))
    return customer_list()


def customer_vote_list_for_idea(*, idea: Idea, user: User) -> QuerySet:
    """Customers' votes on an idea (whose access the caller checked), newest first. External guests
    never see which customers asked for what (Forbidden)."""
    from django.utils.translation import gettext as _

    from collab.exceptions import Forbidden

    from .models import CustomerVote

    if user.is_guest:
        raise Forbidden(_("Customers' votes are not shown to guests."))
    votes = CustomerVote.objects.filter(idea=idea).select_related("customer", "recorded_by")
    return votes.order_by("-created_at", "-id")


# --- Pages (appended by the pages helper) -------------------------------------------------------


def board_guest_list(*, board: Board) -> QuerySet[BoardGuest]:
    """The guests a board is opened to, with who invited them, oldest invitation first."""
    return BoardGuest.objects.filter(board=board).select_related("user", "invited_by").order_by("invited_at", "id")


def idea_customer_votes(*, idea: Idea):
    """Customers' votes on an idea, by customer name (for staff who capture customer voice)."""
    from .models import CustomerVote

    return CustomerVote.objects.filter(idea=idea).select_related("customer", "recorded_by").order_by("customer__name")


def idea_merge_candidates(*, idea: Idea, user: User, limit: int = 200) -> QuerySet[Idea]:
    """Ideas of the same board this one could be merged into (listed, not itself), by title."""
    return (
        _ideas_for(user)
        .filter(board_id=idea.board_id, merged_into__isnull=True)
        .exclude(pk=idea.pk)
        .order_by("title", "id")
        .only("pk", "title", "upvotes", "status")[:limit]
    )


def idea_revision_at(*, idea: Idea, version: int):
    """The idea's title and description as they were at `version` (None if it never changed since)."""
    from .models import IdeaRevision

    return IdeaRevision.objects.filter(idea=idea, version=version).order_by("-id").first()


def idea_pending_coauthorship(*, idea: Idea, user: User) -> IdeaCoauthor | None:
    """The person's open invitation to co-author this idea, if any."""
    if not user.is_authenticated:
        return None
    return IdeaCoauthor.objects.filter(idea=idea, user=user, accepted_at__isnull=True).first()
