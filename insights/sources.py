"""What happened, read from the domain tables and grouped per day: the rows the nightly rollup
stores (`insights.models`) and the dashboards compute live for the days not rolled up (today).

What counts: threads and posts that are not hidden or deleted, ideas that are not hidden and the
votes on them, by people who are not external guests. A person's department is the one they have
now. Each function takes `spans` (half-open datetime ranges) and a `Scope`: the places (spaces for
discussions, boards for ideas and votes) and contributors' departments to count, which is how a
viewer's visibility applies before anything is grouped.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, CharField, Count, F, Min, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate

from accounts.models import Role
from ideas.models import Idea, Vote
from threads.models import Post

Span = tuple[datetime, datetime]
ACTIVITY_FIELDS = ("threads", "posts", "ideas", "votes")


@dataclass(frozen=True)
class Scope:
    spaces: QuerySet | None = None  # ids of the spaces counted (None: every space)
    boards: QuerySet | None = None  # ids of the boards counted (None: every board)
    department_ids: tuple[int, ...] | None = None  # contributors' departments (None: all)
    person_ids: tuple[int, ...] | None = None  # only these contributors (None: everyone)


EVERYTHING = Scope()


def spans_q(field: str, spans: Iterable[Span]) -> Q:
    q = Q(pk__in=[])
    for start, end in spans:
        q |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return q


def _scoped(qs, scope: Scope, *, person: str, place: str, places):
    if places is not None:
        qs = qs.filter(**{f"{place}__in": places})
    if scope.department_ids is not None:
        qs = qs.filter(**{f"{person}__department_id__in": scope.department_ids})
    if scope.person_ids is not None:
        qs = qs.filter(**{f"{person}_id__in": scope.person_ids})
    return qs.exclude(**{f"{person}__role": Role.GUEST})


def posts_in(spans, scope: Scope):
    # An idea's discussion opens with a copy of the idea: counted as the idea, not as a post.
    posts = Post.objects.filter(spans_q("created_at", spans), is_deleted=False, thread__is_hidden=False).exclude(
        depth=0, thread__idea__isnull=False
    )
    return _scoped(posts, scope, person="author", place="thread__space_id", places=scope.spaces)


def ideas_in(spans, scope: Scope):
    ideas = Idea.objects.filter(spans_q("created_at", spans), is_hidden=False)
    return _scoped(ideas, scope, person="author", place="board_id", places=scope.boards)


def votes_in(spans, scope: Scope):
    votes = Vote.objects.filter(spans_q("created_at", spans), idea__is_hidden=False)
    return _scoped(votes, scope, person="voter", place="idea__board_id", places=scope.boards)


def contributions(spans: list[Span], scope: Scope = EVERYTHING) -> dict[tuple, dict[str, int]]:
    """{(day, person_id, department_id, space_id, board_id): {"threads", "posts", "ideas", "votes"}}.

    Three grouped queries: posts (every post, and in `threads` those that opened a thread),
    ideas, votes."""
    rows: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ACTIVITY_FIELDS, 0))
    if not spans:
        return {}
    posts = (
        posts_in(spans, scope)
        .annotate(day=TruncDate("created_at"))
        .values("day", "author_id", "author__department_id", "thread__space_id")
        .annotate(threads=Count("pk", filter=Q(depth=0)), posts=Count("pk"))
        .order_by()
    )
    for row in posts:
        key = (row["day"], row["author_id"], row["author__department_id"], row["thread__space_id"], None)
        rows[key]["threads"] += row["threads"]
        rows[key]["posts"] += row["posts"]
    ideas = (
        ideas_in(spans, scope)
        .annotate(day=TruncDate("created_at"))
        .values("day", "author_id", "author__department_id", "board_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in ideas:
        rows[(row["day"], row["author_id"], row["author__department_id"], None, row["board_id"])]["ideas"] += row["n"]
    votes = (
        votes_in(spans, scope)
        .annotate(day=TruncDate("created_at"))
        .values("day", "voter_id", "voter__department_id", "idea__board_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in votes:
        key = (row["day"], row["voter_id"], row["voter__department_id"], None, row["idea__board_id"])
        rows[key]["votes"] += row["n"]
    return dict(rows)


def interactions(spans: list[Span], scope: Scope = EVERYTHING) -> dict[tuple, int]:
    """{(day, kind, space_id, board_id, actor_id, actor_department_id, other_department_id): count}.

    A reply links the replier's department to the department of the author of the post replied to
    (kind "idea" when the thread is an idea's discussion, else "thread"); a vote links the voter's
    department to the idea author's ("idea"). Same-department and department-less pairs are left
    out. Two grouped queries."""
    rows: dict[tuple, int] = defaultdict(int)
    if not spans:
        return {}
    kind = Case(When(thread__idea__isnull=False, then=Value("idea")), default=Value("thread"), output_field=CharField())
    replies = (
        posts_in(spans, scope)
        .filter(depth__gt=0, author__department__isnull=False, parent__author__department__isnull=False)
        .exclude(author__department=F("parent__author__department"))
        .annotate(day=TruncDate("created_at"), kind=kind)
        .values(
            "day", "kind", "thread__space_id", "author_id", "author__department_id", "parent__author__department_id"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in replies:
        key = (row["day"], row["kind"], row["thread__space_id"], None, row["author_id"], row["author__department_id"],
               row["parent__author__department_id"])  # fmt: skip
        rows[key] += row["n"]
    votes = (
        votes_in(spans, scope)
        .filter(voter__department__isnull=False, idea__author__department__isnull=False)
        .exclude(voter__department=F("idea__author__department"))
        .annotate(day=TruncDate("created_at"))
        .values("day", "idea__board_id", "voter_id", "voter__department_id", "idea__author__department_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in votes:
        key = (row["day"], "idea", None, row["idea__board_id"], row["voter_id"], row["voter__department_id"],
               row["idea__author__department_id"])  # fmt: skip
        rows[key] += row["n"]
    return dict(rows)


def first_reply_at():
    """Annotation for threads: the first reply (not deleted) by someone other than the author."""
    return Min(
        "posts__created_at", filter=Q(posts__depth__gt=0, posts__is_deleted=False) & ~Q(posts__author=F("author"))
    )
