"""Write the demo discussions (see `discussions.py`) to the database, in one transaction.

Bulk inserts, not the services, so that "large" (1,500 threads, ~30,000 posts) loads in seconds;
`accounts.demo.seed` does the same for people. The rows are the ones the services would have left
had every post been written through `thread_start` and `reply_post` at its time: paths are the
parent's path plus `services._segment(n)` with n the thread's post counter when the post was
written; depths, `reply_count`, `post_counter` and `last_activity_at` follow; `body_html` is
`markdown.render` with the same mention links; mentions, backlinks, the authors' watch
subscriptions and read marks are stored; on PostgreSQL the search vector is the one
`services._index_for_search` computes. Pinning, locking, accepting an answer and soft deletion are
the flags their services set. Nothing is published: seeded history has no live audience.

Idempotent: a space is found by its slug (its name, description, visibility and departments are
reset to the seeded ones, missing members are added, none removed); a thread by its space and
title. A thread that exists is never rewritten, whatever happened to it since, so a second run
writes nothing and "large" after "small" only adds the threads after the small prefix. Times are
kept relative to the first run: they are counted back from an anchor recovered from the first
seeded thread.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Department, User
from threads import markdown
from threads.models import (
    Backlink,
    Mention,
    Post,
    Reaction,
    Space,
    SpaceMembership,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from threads.services import _segment

from .discussions import Discussions, SpacePlan, ThreadPlan, discussions_generate

BATCH_SIZE = 1_000
SPACE_AGE = timedelta(days=600)  # spaces were opened before their oldest seeded thread


@transaction.atomic
def discussions_seed(*, size: str, seed: int = 42) -> dict[str, int]:
    """Create the demo spaces and the threads that are missing. Returns what the seed holds and
    how many rows were written. Needs the demo company (`accounts.demo.seed.seed_demo`) first."""
    plan = discussions_generate(size=size, seed=seed)
    people = _people(plan)
    writes = _Writes()
    anchor = _anchor(plan)
    spaces = _spaces_sync(plan.spaces, people, anchor, writes)
    existing = set(Thread.objects.filter(space__in=spaces.values()).values_list("space_id", "title"))
    missing = [thread for thread in plan.threads if (spaces[thread.space].pk, thread.title) not in existing]
    _threads_write(missing, spaces, people, anchor, writes)
    return {
        "spaces": len(plan.spaces),
        "threads": len(plan.threads),
        "posts": plan.post_count,
        "threads_created": len(missing),
        "posts_created": writes.posts,
        "rows_written": writes.rows,
    }


@dataclass
class _Writes:
    rows: int = 0
    posts: int = 0


@dataclass
class _People:
    ids: dict[str, int]  # every person, by username
    active: dict[str, int]  # those mentions resolve to, as in `services._mention_urls`


def _people(plan: Discussions) -> _People:
    rows = list(User.objects.values_list("username", "pk", "is_active"))
    people = _People({name: pk for name, pk, _ in rows}, {name: pk for name, pk, active in rows if active})
    named = {p.author for t in plan.threads for p in t.posts}
    named |= {user for t in plan.threads for p in t.posts for user, _, _ in p.reactions}
    named |= {s.creator for s in plan.spaces} | {m for s in plan.spaces for m in s.members}
    if unknown := named - people.ids.keys():
        raise ValueError(f"{len(unknown)} demo people are missing (e.g. {min(unknown)}): seed the company first")
    return people


def _anchor(plan: Discussions) -> datetime:
    """The moment seeded ages count back from: now on the first run, the same moment after."""
    first = plan.threads[0]
    created = (
        Thread.objects.filter(space__slug=first.space, title=first.title).values_list("created_at", flat=True).first()
    )
    if created is not None:
        return created + timedelta(seconds=first.posts[0].age)
    return timezone.now().replace(microsecond=0)


def _spaces_sync(plans: tuple[SpacePlan, ...], people: _People, anchor: datetime, writes: _Writes) -> dict[str, Space]:
    spaces = {space.slug: space for space in Space.objects.filter(slug__in=[plan.slug for plan in plans])}
    created, changed = [], []
    for plan in plans:
        values = {"name": plan.name, "description": plan.description, "visibility": plan.visibility}
        space = spaces.get(plan.slug)
        if space is None:
            spaces[plan.slug] = space = Space(
                slug=plan.slug, created_by_id=people.ids[plan.creator], created_at=anchor - SPACE_AGE, **values
            )
            created.append(space)
        elif any(getattr(space, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(space, field, value)
            changed.append(space)
    Space.objects.bulk_create(created)
    if changed:
        Space.objects.bulk_update(changed, ["name", "description", "visibility"])
    writes.rows += len(created) + len(changed)

    departments = dict(Department.objects.values_list("slug", "pk"))
    through = Space.departments.through
    space_ids = [space.pk for space in spaces.values()]
    wanted = {(spaces[plan.slug].pk, departments[slug]) for plan in plans for slug in plan.departments}
    current = set(through.objects.filter(space_id__in=space_ids).values_list("space_id", "department_id"))
    for space_id, department_id in current - wanted:
        through.objects.filter(space_id=space_id, department_id=department_id).delete()
    through.objects.bulk_create([through(space_id=s, department_id=d) for s, d in sorted(wanted - current)])
    writes.rows += len(current ^ wanted)

    members = set(SpaceMembership.objects.filter(space_id__in=space_ids).values_list("space_id", "user_id"))
    joining = [
        SpaceMembership(space=spaces[plan.slug], user_id=people.ids[name], added_at=spaces[plan.slug].created_at)
        for plan in plans
        for name in plan.members
        if (spaces[plan.slug].pk, people.ids[name]) not in members
    ]
    SpaceMembership.objects.bulk_create(joining)
    writes.rows += len(joining)
    return spaces


class _Renderer:
    """`markdown.render` as `services._render` calls it, once per distinct text."""

    def __init__(self, active: dict[str, int]):
        self.active = active
        self.hosts = frozenset(settings.ALLOWED_HOSTS)
        self.cache: dict[str, markdown.Rendered] = {}

    def _mention_urls(self, usernames: list[str]) -> dict[str, str]:
        return {name: reverse("person_detail", args=[self.active[name]]) for name in usernames if name in self.active}

    def __call__(self, body: str) -> markdown.Rendered:
        if body not in self.cache:
            self.cache[body] = markdown.render(body, resolve_mentions=self._mention_urls, site_hosts=self.hosts)
        return self.cache[body]


def _threads_write(
    plans: list[ThreadPlan], spaces: dict[str, Space], people: _People, anchor: datetime, writes: _Writes
) -> None:
    def at(age: int) -> datetime:
        return anchor - timedelta(seconds=age)

    threads = [
        Thread(
            space=spaces[plan.space],
            title=plan.title,
            author_id=people.ids[plan.author],
            created_at=at(plan.posts[0].age),
            last_activity_at=at(plan.posts[-1].age),  # posts come in the order they were written
            reply_count=len(plan.posts) - 1,
            post_counter=len(plan.posts),
            is_pinned=plan.is_pinned,
            is_locked=plan.is_locked,
        )
        for plan in plans
    ]
    Thread.objects.bulk_create(threads, batch_size=BATCH_SIZE)

    render = _Renderer(people.active)
    levels: dict[int, list[tuple[Post, Post | None]]] = defaultdict(list)
    rendered: list[tuple[Post, markdown.Rendered]] = []
    numbered: list[dict[int, Post]] = []
    for plan, thread in zip(plans, threads, strict=True):
        posts: dict[int, Post] = {}
        for spec in plan.posts:
            parent = posts.get(spec.parent) if spec.parent else None
            body = spec.body.replace("\r\n", "\n").strip()
            content = render(body)
            deleted = spec.deleted_age is not None
            post = Post(
                thread=thread,
                author_id=people.ids[spec.author],
                path=(parent.path if parent else "") + _segment(spec.number),
                depth=spec.depth,
                body=body,
                body_html=content.html,
                created_at=at(spec.age),
                is_deleted=deleted,
                deleted_at=at(spec.deleted_age) if deleted else None,
                deleted_by_id=people.ids[spec.author] if deleted else None,
            )
            posts[spec.number] = post
            levels[spec.depth].append((post, parent))
            rendered.append((post, content))
        numbered.append(posts)
    # Parents before children: one level of the trees at a time, so every parent has its id.
    for depth in sorted(levels):
        for post, parent in levels[depth]:
            post.parent_id = parent.pk if parent else None
        Post.objects.bulk_create([post for post, _parent in levels[depth]], batch_size=BATCH_SIZE)
    writes.posts += len(rendered)
    writes.rows += len(threads) + len(rendered)

    accepted = []
    for plan, thread, posts in zip(plans, threads, numbered, strict=True):
        if plan.accepted is not None:
            thread.accepted_post_id = posts[plan.accepted].pk
            accepted.append(thread)
    Thread.objects.bulk_update(accepted, ["accepted_post"], batch_size=BATCH_SIZE)

    _post_rows_write(plans, threads, numbered, rendered, people, at, writes)
    _search_index(threads)


def _post_rows_write(plans, threads, numbered, rendered, people: _People, at, writes: _Writes) -> None:
    """Mentions, backlinks, reactions, and each poster's watch subscription and read mark."""
    mentions, backlinks = [], []
    for post, content in rendered:
        users = dict.fromkeys(people.active[name] for name in content.mentions if name in people.active)
        mentions.extend(Mention(post=post, user_id=user, created_at=post.created_at) for user in users)
        backlinks.extend(Backlink(source=post, target_kind=kind, target_id=target) for kind, target in content.links)
    reactions, subscriptions, reads = [], [], []
    for plan, thread, posts in zip(plans, threads, numbered, strict=True):
        last_post: dict[int, datetime] = {}
        for spec in plan.posts:
            post = posts[spec.number]
            last_post[post.author_id] = post.created_at
            reactions.extend(
                Reaction(post=post, user_id=people.ids[user], emoji=emoji, created_at=at(age))
                for user, emoji, age in spec.reactions
            )
        subscriptions.extend(
            ThreadSubscription(thread=thread, user_id=user, level=ThreadSubscription.Level.WATCHING)
            for user in last_post
        )
        reads.extend(ThreadRead(thread=thread, user_id=user, read_at=when) for user, when in last_post.items())
    for model, rows in (
        (Mention, mentions),
        (Backlink, backlinks),
        (Reaction, reactions),
        (ThreadSubscription, subscriptions),
        (ThreadRead, reads),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        writes.rows += len(rows)


def _search_index(threads: list[Thread]) -> None:
    """One UPDATE with `services._index_for_search`'s expression: the title (weight A) for opening
    posts, an empty title for replies."""
    if connection.vendor != "postgresql" or not threads:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE threads_post AS p SET search_vector = "
            "setweight(to_tsvector('english', coalesce(CASE WHEN p.depth = 0 THEN t.title ELSE '' END, '')), 'A') "
            "|| to_tsvector('english', p.body) "
            "FROM threads_thread AS t WHERE t.id = p.thread_id AND p.thread_id = ANY(%s)",
            [[thread.pk for thread in threads]],
        )
