"""Search over the posts a person may read: PostgreSQL full text (GIN index, ranking, headlines),
or a plain substring match on SQLite."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape

from accounts.models import User

from .models import Post
from .selectors import _threads_for

START, STOP = "\x01", "\x02"  # headline markers: the text is escaped first, then they become <mark>
MAX_RESULTS = 50


@dataclass
class Hit:
    post: Post
    snippet: str  # safe HTML with <mark>


def post_search_for_user(
    *, user: User, query: str, space_id: int | None = None, author: str = "", limit: int = 20
) -> list[Hit]:
    query = " ".join(query.split())[:200]
    if not query:
        return []
    posts = Post.objects.filter(is_deleted=False, thread__in=_threads_for(user)).select_related(
        "thread", "thread__space", "author"
    )
    if space_id:
        posts = posts.filter(thread__space_id=space_id)
    if author:
        posts = posts.filter(author__username=author)
    limit = min(limit, MAX_RESULTS)
    if connection.vendor == "postgresql":
        return _postgres(posts, query, limit)
    return _fallback(posts, query, limit)


def _postgres(posts, query: str, limit: int) -> list[Hit]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    search = SearchQuery(query, search_type="websearch", config="english")
    rank = SearchRank(F("search_vector"), search)
    # Every match has to be ranked, but on narrow threads_post rows alone: joining the thread, space
    # and author for each of thousands of matches of a common word, and carrying bodies through the
    # sort, cost more than the ranking itself. Only the page of `limit` ids is read with its joins
    # and gets a headline (ts_headline re-parses the body).
    top = posts.filter(search_vector=search).annotate(rank=rank).order_by("-rank", "-created_at").values("pk")
    rows = (
        Post.objects.filter(pk__in=top[:limit])
        .select_related("thread", "thread__space", "author")
        .annotate(
            rank=rank,
            headline=SearchHeadline(
                "body",
                search,
                config="english",
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
            ),
        )
        .order_by("-rank", "-created_at")
    )
    return [Hit(post, _marked(post.headline)) for post in rows]


def _fallback(posts, query: str, limit: int) -> list[Hit]:
    words = [w for w in re.split(r"\W+", query) if len(w) > 1][:6] or [query]
    condition = Q()
    for word in words:
        condition &= Q(body__icontains=word) | Q(depth=0, thread__title__icontains=word)
    hits = []
    for post in posts.filter(condition).order_by("-created_at")[:limit]:
        hits.append(Hit(post, _snippet(post.body, words)))
    return hits


def _snippet(body: str, words: list[str], width: int = 160) -> str:
    lower = body.lower()
    first = min((i for w in words if (i := lower.find(w.lower())) >= 0), default=0)
    start = max(0, first - width // 3)
    text = body[start : start + width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    text = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)
    return ("…" if start else "") + _marked(text) + ("…" if start + width < len(body) else "")


def _marked(text: str) -> str:
    return escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
