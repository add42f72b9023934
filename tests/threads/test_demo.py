"""The demo discussions: the generator alone, then the loader: counts, idempotency, tree integrity,
rows identical to what the services write, access and search.

Only "small" is loaded here; "large" is the same code with more threads and is timed by hand.
"""

from collections import Counter

import pytest
from django.db import connection

from accounts.demo import company
from accounts.demo.seed import seed_demo
from accounts.models import User
from collab.realtime.models import Event
from tests.threads.factories import SpaceFactory
from threads import services
from threads.demo import discussions
from threads.demo.discussions import THREADS, discussions_generate
from threads.demo.seed import discussions_seed
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
from threads.search import post_search_for_user
from threads.selectors import space_list_for_user

SMALL = {"spaces": 13, "threads": 60, "posts": 577}

TABLES = {
    Space: ("id", "slug", "name", "description", "visibility", "created_by_id", "created_at", "is_archived"),
    Space.departments.through: ("id", "space_id", "department_id"),
    SpaceMembership: ("id", "space_id", "user_id", "added_at"),
    Thread: (
        "id", "space_id", "title", "author_id", "created_at", "last_activity_at", "reply_count", "post_counter",
        "is_pinned", "is_locked", "is_hidden", "accepted_post_id",
    ),
    Post: (
        "id", "thread_id", "author_id", "parent_id", "path", "depth", "body", "body_html", "version", "created_at",
        "edited_at", "is_deleted", "deleted_at", "deleted_by_id",
    ),
    Reaction: ("id", "post_id", "user_id", "emoji", "created_at"),
    Mention: ("id", "post_id", "user_id", "created_at"),
    Backlink: ("id", "source_id", "target_kind", "target_id"),
    ThreadSubscription: ("id", "thread_id", "user_id", "level"),
    ThreadRead: ("id", "thread_id", "user_id", "read_at"),
}  # fmt: skip


def snapshot() -> dict[str, list[tuple]]:
    rows = {model.__name__: sorted(model.objects.values_list(*fields)) for model, fields in TABLES.items()}
    if connection.vendor == "postgresql":
        rows["search"] = sorted(Post.objects.values_list("id", "search_vector"), key=repr)
    return rows


@pytest.fixture
def small(db):
    seed_demo(size="small")
    return discussions_seed(size="small")


def _user(username: str) -> User:
    return User.objects.get(username=username)


# --- The generator, without the database ---------------------------------------------------------


def test_same_seed_gives_the_same_discussions_and_another_seed_others():
    assert discussions_generate(size="small", seed=7) == discussions_generate(size="small", seed=7)
    assert discussions_generate(size="small", seed=7).threads != discussions_generate(size="small", seed=8).threads


def test_small_is_the_first_threads_of_large_and_large_is_about_thirty_thousand_posts():
    small, large = discussions_generate(size="small"), discussions_generate(size="large")
    assert (len(small.threads), small.post_count) == (SMALL["threads"], SMALL["posts"])
    assert large.threads[: THREADS["small"]] == small.threads
    assert large.spaces == small.spaces
    assert len(large.threads) == 1_500
    assert 27_000 <= large.post_count <= 33_000
    depths = Counter(post.depth for thread in large.threads for post in thread.posts)
    replies = large.post_count - len(large.threads)
    assert sum(depths[d] for d in (1, 2, 3)) / replies > 0.97  # most replies sit at depth 1 to 3
    assert max(depths) == 8 and depths[6] >= 20  # and a few chains go 6 to 8 deep
    assert sum(thread.accepted is not None for thread in large.threads) > 50
    for slug in {space.slug for space in large.spaces}:
        titles = [thread.title for thread in large.threads if thread.space == slug]
        assert len(titles) == len(set(titles)), slug


def test_small_shows_every_feature():
    plan = discussions_generate(size="small")
    assert {thread.space for thread in plan.threads} == {space.slug for space in plan.spaces}
    assert [t.title for t in plan.threads if t.is_pinned] == ["Welcome to Collab"]
    assert [t.title for t in plan.threads if t.is_locked] == ["Parking during the garage renovation"]
    assert any(t.accepted for t in plan.threads)
    assert max(post.depth for thread in plan.threads for post in thread.posts) == 8
    bodies = [post.body for thread in plan.threads for post in thread.posts]
    assert sum("```" in body for body in bodies) >= 5
    assert sum(body.startswith(">") for body in bodies) >= 5
    assert sum("\n- " in body for body in bodies) >= 5
    assert sum("@" in body for body in bodies) >= 40
    assert not any("/threads/" in body for body in bodies)
    spaces = {space.slug: space for space in plan.spaces}
    assert {"employee", "manager"} <= set(spaces["project-atlas"].members)
    assert "employee" not in spaces["leadership-circle"].members
    assert "manager" in spaces["leadership-circle"].members


def test_people_write_only_where_they_can_read():
    plan = discussions_generate(size="small")
    people = {p.username: p for p in company.company_generate(size="small").people}
    spaces = {space.slug: space for space in plan.spaces}
    for thread in plan.threads:
        space = spaces[thread.space]
        for post in thread.posts:
            for name in [post.author, *(user for user, _, _ in post.reactions)]:
                if space.visibility == "private":
                    assert name in space.members, (thread.title, name)
                elif space.visibility == "department":
                    assert people[name].department in space.departments, (thread.title, name)


# --- The loader ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_discussions_counts_and_flags(small):
    assert {key: small[key] for key in SMALL} == SMALL
    assert (small["threads_created"], small["posts_created"]) == (60, SMALL["posts"])
    assert Space.objects.count() == SMALL["spaces"]
    assert Thread.objects.count() == SMALL["threads"]
    assert Post.objects.count() == SMALL["posts"]
    assert Counter(Space.objects.values_list("visibility", flat=True)) == {"public": 8, "department": 3, "private": 2}
    assert Thread.objects.get(is_pinned=True).title == "Welcome to Collab"
    assert Thread.objects.get(is_locked=True).title == "Parking during the garage renovation"
    answered = Thread.objects.filter(accepted_post__isnull=False).select_related("accepted_post")
    assert answered.exists()
    for thread in answered:
        assert thread.accepted_post.thread_id == thread.pk and thread.accepted_post.depth > 0
    assert Reaction.objects.count() > 200 and Mention.objects.count() > 40
    assert not Event.objects.exists()  # seeded history publishes nothing


@pytest.mark.django_db
def test_seeding_twice_writes_nothing(small):
    before = snapshot()
    again = discussions_seed(size="small")
    assert (again["rows_written"], again["threads_created"], again["posts_created"]) == (0, 0, 0)
    assert snapshot() == before


@pytest.mark.django_db
def test_large_after_small_only_adds_threads(small, monkeypatch):
    """A smaller "large" (260 people, 75 threads): the small threads stay exactly as they were."""
    monkeypatch.setitem(company.SIZES, "large", 260)
    monkeypatch.setitem(discussions.THREADS, "large", 75)
    before = snapshot()
    seed_demo(size="large")
    result = discussions_seed(size="large")
    assert result["threads_created"] == 15
    after = snapshot()
    for table in ("Thread", "Post", "Reaction", "Mention"):
        assert set(before[table]) <= set(after[table]), table
    assert Thread.objects.count() == 75
    assert Thread.objects.filter(
        author__username__in=[p.username for p in company.company_generate(size="large").people[200:]]
    ).exists()
    assert discussions_seed(size="large")["rows_written"] == 0
    assert discussions_seed(size="small")["rows_written"] == 0


@pytest.mark.django_db
def test_trees_are_whole(small):
    posts = {post.pk: post for post in Post.objects.all()}
    by_thread = Counter(post.thread_id for post in posts.values())
    replies = Counter(post.thread_id for post in posts.values() if post.depth > 0)
    for post in posts.values():
        if post.parent_id is None:
            assert (post.depth, post.path) == (0, services._segment(1))
        else:
            parent = posts[post.parent_id]
            assert parent.thread_id == post.thread_id
            assert post.path.startswith(parent.path) and len(post.path) == len(parent.path) + 5
            assert post.depth == parent.depth + 1
            assert post.created_at >= parent.created_at
    for thread in Thread.objects.all():
        paths = [p.path for p in posts.values() if p.thread_id == thread.pk]
        assert len(set(paths)) == len(paths)
        assert thread.reply_count == replies[thread.pk]
        assert thread.post_counter >= by_thread[thread.pk]
        last = max(p.created_at for p in posts.values() if p.thread_id == thread.pk)
        assert thread.last_activity_at == last
        # Path numbers follow the order the posts were written in.
        ordered = sorted((p for p in posts.values() if p.thread_id == thread.pk), key=lambda p: p.path[-5:])
        assert [p.created_at for p in ordered] == sorted(p.created_at for p in ordered)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title", ["Monorepo or many repos? Let's settle it", "Atlas kickoff: goals, roles and the first milestone"]
)
def test_seeded_rows_are_what_the_services_write(small, title):
    """Replay a seeded thread through thread_start/reply_post: same paths, depths, HTML, mentions,
    subscriptions and read marks."""
    seeded = Thread.objects.get(title=title)
    seeded_posts = list(Post.objects.filter(thread=seeded).select_related("author").order_by("path"))
    ordered = sorted(seeded_posts, key=lambda p: p.path[-5:])  # the order they were written in
    replay_space = SpaceFactory(name="Replay")
    root = ordered[0]
    replay = services.thread_start(space_id=replay_space.pk, author=root.author, title=title, body=root.body)
    replayed = {root.pk: Post.objects.get(thread=replay, depth=0)}
    for post in ordered[1:]:
        replayed[post.pk] = services.reply_post(
            thread_id=replay.pk, author=post.author, body=post.body, parent_id=replayed[post.parent_id].pk
        )
    replay.refresh_from_db()
    assert (replay.reply_count, replay.post_counter) == (seeded.reply_count, seeded.post_counter)
    for post in seeded_posts:
        twin = replayed[post.pk]
        assert (twin.path, twin.depth, twin.body, twin.body_html) == (post.path, post.depth, post.body, post.body_html)
        assert set(twin.mentions.values_list("user_id", flat=True)) == set(
            post.mentions.values_list("user_id", flat=True)
        )

    def watchers(thread):
        return set(ThreadSubscription.objects.filter(thread=thread).values_list("user_id", "level"))

    assert watchers(replay) == watchers(seeded)
    assert set(ThreadRead.objects.filter(thread=replay).values_list("user_id", flat=True)) == set(
        ThreadRead.objects.filter(thread=seeded).values_list("user_id", flat=True)
    )
    if connection.vendor == "postgresql":
        for post in (seeded_posts[0], seeded_posts[-1]):
            stored = Post.objects.filter(pk=post.pk).values_list("search_vector", flat=True).get()
            services._index_for_search(post)
            assert Post.objects.filter(pk=post.pk).values_list("search_vector", flat=True).get() == stored


@pytest.mark.django_db
def test_spaces_are_visible_to_the_right_people(small):
    def visible(username):
        return set(space_list_for_user(user=_user(username)).values_list("slug", flat=True))

    public = {s.slug for s in Space.objects.filter(visibility="public")}
    assert visible("employee") == public | {"platform-team", "project-atlas"}
    assert visible("manager") == public | {"platform-team", "project-atlas", "leadership-circle"}
    assert "leadership-circle" not in visible(
        User.objects.filter(department__slug="sales", role="employee").first().username
    )
    assert {"sales", "people-culture", "leadership-circle"} <= visible("moderator")


@pytest.mark.django_db
def test_search_finds_seeded_posts_only_where_people_may_read(small):
    hits = post_search_for_user(user=_user("employee"), query="decide in the open")
    assert [hit.post.thread.title for hit in hits if hit.post.depth == 0] == ["Welcome to Collab"]
    assert "<mark>" in hits[0].snippet
    # "Succession planning" is only discussed in the leadership circle.
    assert not post_search_for_user(user=_user("employee"), query="succession planning")
    hits = post_search_for_user(user=_user("manager"), query="succession planning")
    assert hits and {hit.post.thread.space.slug for hit in hits} == {"leadership-circle"}


@pytest.mark.django_db
def test_search_vector_is_filled_on_postgresql(small):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert not Post.objects.filter(search_vector__isnull=True).exists()
