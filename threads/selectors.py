"""Reads of spaces, threads and posts. Access is decided here, once per object type: a thread you
may not see answers exactly like one that does not exist."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Window

from accounts.models import User
from collab.exceptions import NotFound

from .models import (
    SEGMENT_LENGTH,
    Backlink,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Space,
    SpaceMembership,
    Thread,
    ThreadRead,
    ThreadSubscription,
)

PAGE_SIZE = 20  # top-level replies per page; each comes with its whole sub-tree


def _sees_everything(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_moderator)


def space_visibility_q(user: User, prefix: str = "") -> Q:
    """Spaces a person may see: public ones, their department's, any they are a member of.
    Moderators and admins see every space (they moderate them)."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if _sees_everything(user):
        return Q()
    member = Exists(SpaceMembership.objects.filter(space=OuterRef(f"{prefix}pk" if prefix else "pk"), user=user))
    if user.is_guest:
        return Q(member)  # external guests: only the spaces they were let into (an idea board's)
    department = Exists(
        Space.departments.through.objects.filter(
            space=OuterRef(f"{prefix}pk" if prefix else "pk"), department_id=user.department_id
        )
    )
    return (
        Q(**{f"{prefix}visibility": Space.Visibility.PUBLIC})
        | (Q(**{f"{prefix}visibility": Space.Visibility.DEPARTMENT}) & Q(department))
        # A member sees the space whatever its visibility (a department board's owner from
        # another department is made a member of the board's space).
        | Q(member)
    )


def space_list_for_user(*, user: User) -> QuerySet[Space]:
    return (
        Space.objects.filter(space_visibility_q(user), is_archived=False)
        .annotate(thread_count=Count("threads", filter=Q(threads__is_hidden=False)))
        .order_by("name")
    )


def space_get_for_user(*, user: User, space_id: int | None = None, slug: str | None = None) -> Space:
    spaces = Space.objects.filter(space_visibility_q(user))
    space = spaces.filter(pk=space_id).first() if space_id is not None else spaces.filter(slug=slug).first()
    if space is None:
        raise NotFound()
    return space


def _threads_for(user: User) -> QuerySet[Thread]:
    threads = Thread.objects.filter(space__in=Space.objects.filter(space_visibility_q(user)))
    if not _sees_everything(user):
        threads = threads.filter(is_hidden=False)
    return threads


def thread_get_for_user(*, thread_id: int, user: User, for_update: bool = False) -> Thread:
    """The one access check for threads (pages, API, search, feeds, sockets)."""
    threads = _threads_for(user).select_related("space", "author")
    if for_update:
        # Lock only the thread row (not the joined space and author).
        threads = threads.select_for_update(of=("self",))
    thread = threads.filter(pk=thread_id).first()
    if thread is None:
        raise NotFound()
    return thread


def user_can_see_thread(*, user: User, thread: Thread) -> bool:
    return _threads_for(user).filter(pk=thread.pk).exists()


def thread_list_for_space(*, space: Space, user: User) -> QuerySet[Thread]:
    """Threads of a space, pinned first then by latest activity, with `is_unread` for the person."""
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user, read_at__gte=OuterRef("last_activity_at"))
    return (
        _threads_for(user)
        .filter(space=space)
        .select_related("author", "space")
        .annotate(is_unread=~Exists(read))
        .order_by("-is_pinned", "-last_activity_at", "-id")
    )


def thread_list_active_for_user(*, user: User, limit: int = 8) -> QuerySet[Thread]:
    return _threads_for(user).select_related("space").order_by("-last_activity_at", "-id")[:limit]


def can_edit_post(*, user: User, post: Post) -> bool:
    """Authors edit and delete their own posts; moderators any post."""
    return post.author_id == user.pk or user.is_moderator


def post_get_for_user(*, post_id: int, user: User, for_update: bool = False) -> Post:
    posts = Post.objects.filter(thread__in=_threads_for(user)).select_related("thread", "thread__space", "author")
    if for_update:
        posts = posts.select_for_update(of=("self",))
    post = posts.filter(pk=post_id).first()
    if post is None:
        raise NotFound()
    return post


@dataclass
class ReactionCount:
    emoji: str
    label: str
    count: int
    mine: bool


@dataclass
class ThreadPage:
    thread: Thread
    posts: list[Post]  # depth-first; each post has .reaction_counts
    number: int
    page_count: int
    top_level_count: int
    watch_level: str | None
    reactions: dict[int, list[ReactionCount]] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.number < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def thread_page_rows(
    *, thread: Thread, user: User, number: int = 1, page_size: int = PAGE_SIZE
) -> tuple[list[Post], int]:
    """The tree fetch: the posts of one page, depth-first, and the number of top-level replies.

    Two queries whatever the thread's size and depth: the page's path boundaries (with the count, in
    a window) and one range scan of the posts between them (with the person's watch level, a
    constant subquery). No recursive CTE: a sub-tree is a contiguous range of paths.
    """
    number = max(1, int(number))
    boundaries = list(
        Post.objects.filter(thread=thread, depth=1)
        .order_by("path")
        .annotate(total=Window(Count("id")))
        .values_list("path", "total")[(number - 1) * page_size : number * page_size + 1]
    )
    if not boundaries and number > 1:
        raise NotFound()
    total = boundaries[0][1] if boundaries else 0
    in_page = Q()
    if number > 1:
        in_page &= Q(path__gte=boundaries[0][0])
    if len(boundaries) > page_size:
        in_page &= Q(path__lt=boundaries[page_size][0])
    watch = ThreadSubscription.objects.filter(thread=thread, user=user).values_list("level", flat=True)
    posts = list(Post.objects.filter(in_page, thread=thread).annotate(watch_level=Subquery(watch[:1])).order_by("path"))
    return posts, total


def thread_page(*, thread: Thread, user: User, number: int = 1, page_size: int = PAGE_SIZE) -> ThreadPage:
    """One page of a thread: `page_size` top-level replies with their whole sub-trees, depth-first;
    page 1 starts with the opening post. Whatever the thread's size and depth: the tree fetch
    (`thread_page_rows`, 2 queries), the authors (each once, with their department) and the reaction
    counts: 4 queries.
    """
    number = max(1, int(number))
    posts, total = thread_page_rows(thread=thread, user=user, number=number, page_size=page_size)
    # A page holds hundreds of posts by a few dozen people: joining the author (and department) to
    # every row built as many User objects as posts, which cost more than reading the posts.
    authors = User.objects.select_related("department").in_bulk({post.author_id for post in posts})
    author = Post._meta.get_field("author")
    reactions = _reaction_counts([p.pk for p in posts], user)
    for post in posts:
        author.set_cached_value(post, authors[post.author_id])
        post.reaction_counts = reactions.get(post.pk, [])
    watch_level = posts[0].watch_level if posts else None
    return ThreadPage(
        thread=thread,
        posts=posts,
        number=number,
        page_count=max(1, -(-total // page_size)),
        top_level_count=total,
        watch_level=watch_level,
        reactions=reactions,
    )


def _reaction_counts(post_ids: list[int], user: User) -> dict[int, list[ReactionCount]]:
    rows = (
        Reaction.objects.filter(post_id__in=post_ids)
        .values("post_id", "emoji")
        .annotate(count=Count("id"), mine=Count("id", filter=Q(user=user)))
        .order_by("post_id", "emoji")
    )
    labels = dict(Reaction.Emoji.choices)
    result: dict[int, list[ReactionCount]] = {}
    for row in rows:
        result.setdefault(row["post_id"], []).append(
            ReactionCount(row["emoji"], labels[row["emoji"]], row["count"], row["mine"] > 0)
        )
    return result


def post_page_number(*, post: Post, page_size: int = PAGE_SIZE) -> int:
    """Which page of its thread a post is on (for permalinks), in one query."""
    if post.depth == 0:
        return 1
    top_path = post.path[: 2 * SEGMENT_LENGTH]
    before = Post.objects.filter(thread_id=post.thread_id, depth=1, path__lt=top_path).count()
    return before // page_size + 1


def post_history(*, post: Post) -> QuerySet[PostRevision]:
    return PostRevision.objects.filter(post=post).select_related("editor").order_by("-version")


def backlinks_for(*, kind: str, target_id: int, user: User) -> QuerySet[Post]:
    """Posts that link here, only those the reader may see."""
    sources = Backlink.objects.filter(target_kind=kind, target_id=target_id).values("source_id")
    return (
        Post.objects.filter(pk__in=sources, is_deleted=False, thread__in=_threads_for(user))
        .select_related("thread", "author")
        .order_by("-created_at")[:20]
    )


def reaction_counts_for_post(*, post: Post, user: User) -> list[ReactionCount]:
    return _reaction_counts([post.pk], user).get(post.pk, [])


def post_get(*, post_id: int, deleted: bool | None = None) -> Post | None:
    """A post with its thread, author and parent, whoever may see it (for background work that
    checks each recipient itself); None when it is gone."""
    qs = Post.objects.select_related("thread", "author", "parent")
    if deleted is not None:
        qs = qs.filter(is_deleted=deleted)
    return qs.filter(pk=post_id).first()


def reply_audience(*, post: Post) -> set[int]:
    """Whom a reply concerns: the thread's watchers and the author of the post replied to (unless
    they muted the thread), minus the replier and the people the reply mentions (the mention
    tells them)."""
    levels = dict(ThreadSubscription.objects.filter(thread_id=post.thread_id).values_list("user_id", "level"))
    audience = {user_id for user_id, level in levels.items() if level == ThreadSubscription.Level.WATCHING}
    if post.parent_id and levels.get(post.parent.author_id) != ThreadSubscription.Level.MUTED:
        audience.add(post.parent.author_id)
    audience.discard(post.author_id)
    return audience - set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
