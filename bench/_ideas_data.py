"""The data set of bench/ideas.py, built once per database and reused while DATA_VERSION holds.

Two company-wide up/down boards opened through `board_create` (so each has its discussion space):
1,000 ideas and 50,000 ideas, each idea with 0 to 40 votes (20 on average, one in ten down) from
400 people, posted over 400 days with votes after posting, one or two tags, the author following.
Written in bulk, but as the services leave it: one thread per idea in the board's space, counters
equal to COUNT(*) (`upvotes`, `downvotes`, `follower_count`, the board's `idea_count`), scores from
`ideas.services.votes.scores_for` over the tallies and the up-votes' times, a wallet row per voter
and board. Votes go in with COPY on PostgreSQL (about a million rows), executemany on SQLite.
Then ANALYZE. Everything is one transaction: the data is either all there or absent.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass

DATA_VERSION = "bench-ideas data v1"
SEED = 20_250_301
BOARDS = (("bench-ideas-1k", 1_000), ("bench-ideas-50k", 50_000))
VOTERS = 400
MAX_VOTES = 40  # uniform 0..40: 20 on average
DOWN_SHARE = 0.1
SPAN_DAYS = 400
BATCH = 5_000
VIEWER = "bench-ideas-viewer"
OWNER = "bench-ideas-owner"
TAGS = ("office", "tooling", "benefits", "food", "ci", "docs", "security", "mobile", "reporting", "events")
THINGS = (
    "standing desks", "faster builds", "a learning budget", "oat milk", "flaky tests", "the wiki search",
    "two-factor login", "offline mode", "weekly reports", "team breakfasts", "bike parking", "quiet rooms",
    "preview environments", "dark mode", "the expense tool", "solar panels", "phone booths", "code review",
)  # fmt: skip
PATTERNS = ("Better {x}", "More {x}", "{x} for everyone", "{x} in every office", "Rethink {x}", "{x}, please")


@dataclass
class Built:
    boards: dict  # slug -> (board id, number of ideas)
    viewer_id: int
    votes: int
    seconds: float = 0.0
    reused: bool = True


def data_ready() -> Built | None:
    from accounts.models import User
    from ideas.models import Board, Vote

    boards = {b.slug: b for b in Board.objects.filter(slug__in=[slug for slug, _ in BOARDS], description=DATA_VERSION)}
    if len(boards) != len(BOARDS):
        return None
    votes = 0
    for slug, count in BOARDS:
        board = boards[slug]
        if board.idea_count != count or board.question != str(Vote.objects.filter(idea__board=board).count()):
            return None
        votes += int(board.question)
    viewer = User.objects.filter(username=VIEWER).first()
    if viewer is None:
        return None
    return Built({slug: (boards[slug].pk, count) for slug, count in BOARDS}, viewer.pk, votes)


def ensure_data(log) -> Built:
    built = data_ready()
    if built is not None:
        return built
    started = time.perf_counter()
    log("building the data set (once; later runs reuse it) ...")
    _wipe()
    built = _build(log)
    _analyze()
    built.seconds, built.reused = time.perf_counter() - started, False
    log(f"data set built in {built.seconds:.0f} s")
    return built


def _wipe() -> None:
    """Delete the bench boards and everything on them (an older DATA_VERSION, or a run cut short)."""
    from django.db import connection, transaction

    from ideas.models import Board

    boards = list(Board.objects.filter(slug__in=[slug for slug, _ in BOARDS]).values_list("pk", "space_id"))
    if not boards:
        return
    board_ids, space_ids = [b for b, _ in boards], [s for _, s in boards]
    ideas = "SELECT id FROM ideas_idea WHERE board_id = ANY(%(b)s)"
    threads = "SELECT id FROM threads_thread WHERE space_id = ANY(%(s)s)"
    # Table names and sub-selects are constants of this module; ids go in as parameters.
    statements = [
        f"DELETE FROM ideas_vote WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_customervote WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_ideafollow WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_idea_tags WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_ideastatuschange WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_idearevision WHERE idea_id IN ({ideas})",  # noqa: S608
        f"DELETE FROM ideas_ideacoauthor WHERE idea_id IN ({ideas})",  # noqa: S608
        "UPDATE ideas_idea SET merged_into_id = NULL WHERE board_id = ANY(%(b)s)",
        "DELETE FROM ideas_idea WHERE board_id = ANY(%(b)s)",
        "DELETE FROM ideas_votewallet WHERE board_id = ANY(%(b)s)",
        "DELETE FROM ideas_boardguest WHERE board_id = ANY(%(b)s)",
        "DELETE FROM ideas_board_departments WHERE board_id = ANY(%(b)s)",
        "DELETE FROM ideas_board WHERE id = ANY(%(b)s)",
        f"DELETE FROM threads_threadsubscription WHERE thread_id IN ({threads})",  # noqa: S608
        f"DELETE FROM threads_threadread WHERE thread_id IN ({threads})",  # noqa: S608
        "UPDATE threads_thread SET accepted_post_id = NULL WHERE space_id = ANY(%(s)s)",
        f"DELETE FROM threads_post WHERE thread_id IN ({threads})",  # noqa: S608
        "DELETE FROM threads_thread WHERE space_id = ANY(%(s)s)",
        "DELETE FROM threads_spacemembership WHERE space_id = ANY(%(s)s)",
        "DELETE FROM threads_space_departments WHERE space_id = ANY(%(s)s)",
        "DELETE FROM threads_space WHERE id = ANY(%(s)s)",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            if connection.vendor != "postgresql":  # SQLite: no arrays
                statement = statement.replace("= ANY(%(b)s)", f"IN ({','.join(map(str, board_ids))})")
                statement = statement.replace("= ANY(%(s)s)", f"IN ({','.join(map(str, space_ids))})")
            cursor.execute(statement, {"b": board_ids, "s": space_ids})


def _people():
    from accounts.models import Role, User
    from accounts.services import user_create

    owner = User.objects.filter(username=OWNER).first() or user_create(
        username=OWNER, first_name="Olga", last_name="Owner", role=Role.MANAGER
    )
    viewer = User.objects.filter(username=VIEWER).first() or user_create(
        username=VIEWER, first_name="Vera", last_name="Viewer"
    )
    names = [f"bench-iv{n:03d}" for n in range(VOTERS)]
    have = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(username=name, first_name="Voter", last_name=name[-3:], password="!")  # noqa: S106 (unusable)
            for name in names
            if name not in have
        ]
    )
    voters = dict(User.objects.filter(username__in=names).values_list("username", "pk"))
    return owner, viewer, [voters[name] for name in names]


def _build(log) -> Built:
    from django.db import connection, transaction

    from ideas import services
    from ideas.models import Idea, IdeaFollow, Tag, VoteWallet
    from ideas.services.votes import scores_for
    from threads.models import Thread

    rng = random.Random(SEED)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    built = Built({}, 0, 0, reused=False)
    with transaction.atomic():
        owner, viewer, voters = _people()
        built.viewer_id = viewer.pk
        tags = [Tag.objects.get_or_create(slug=name, defaults={"name": name})[0] for name in TAGS]
        for slug, count in BOARDS:
            clock = time.perf_counter()
            board = services.board_create(
                owner=owner, title=f"Bench: {count:,} ideas", slug=slug, voting="updown", description=DATA_VERSION
            )
            ideas, threads, votes = [], [], []
            for n in range(count):
                created = now - dt.timedelta(seconds=int(SPAN_DAYS * 86_400 * rng.random()) + 3_600)
                title = rng.choice(PATTERNS).format(x=rng.choice(THINGS)).capitalize() + f" ({n + 1})"
                author = rng.choice(voters)
                cast = []
                for voter in rng.sample(voters, rng.randint(0, MAX_VOTES)):
                    when = created + (now - created) * rng.random() ** 2
                    cast.append((voter, -1 if rng.random() < DOWN_SHARE else 1, when))
                idea = Idea(
                    board=board,
                    title=title,
                    body=f"{title}. Let us do it.",
                    body_html=f"<p>{title}. Let us do it.</p>\n",
                    author_id=author,
                    created_at=created,
                    upvotes=sum(v == 1 for _, v, _ in cast),
                    downvotes=sum(v == -1 for _, v, _ in cast),
                    follower_count=1,
                )
                idea.score_top, idea.score_hot, idea.score_trending = scores_for(
                    idea, board=board, upvote_times=[when for _, v, when in cast if v == 1]
                )
                ideas.append(idea)
                threads.append(
                    Thread(space_id=board.space_id, title=title, author_id=author, created_at=created,
                           last_activity_at=created, post_counter=1)
                )  # fmt: skip
                votes.append(cast)
            Thread.objects.bulk_create(threads, batch_size=BATCH)
            for idea, thread in zip(ideas, threads, strict=True):
                idea.thread_id = thread.pk
            Idea.objects.bulk_create(ideas, batch_size=BATCH)
            through = Idea.tags.through
            through.objects.bulk_create(
                [
                    through(idea_id=idea.pk, tag_id=tag.pk)
                    for idea in ideas
                    for tag in rng.sample(tags, rng.randint(1, 2))
                ],
                batch_size=BATCH,
            )
            IdeaFollow.objects.bulk_create(
                [IdeaFollow(idea_id=idea.pk, user_id=idea.author_id, created_at=idea.created_at) for idea in ideas],
                batch_size=BATCH,
            )
            rows = [
                (idea.pk, voter, value, True, 1, when)
                for idea, cast in zip(ideas, votes, strict=True)
                for voter, value, when in cast
            ]
            _votes_write(connection, rows)
            voted = sorted({voter for cast in votes for voter, _, _ in cast})
            VoteWallet.objects.bulk_create([VoteWallet(board_id=board.pk, voter_id=voter) for voter in voted])
            board.idea_count, board.question = count, str(len(rows))
            board.save(update_fields=["idea_count", "question"])
            built.boards[slug] = (board.pk, count)
            built.votes += len(rows)
            log(f"  {slug}: {count:,} ideas, {len(rows):,} votes ({time.perf_counter() - clock:.0f} s)")
    return built


def _votes_write(connection, rows: list[tuple]) -> None:
    columns = "idea_id, voter_id, value, holds_budget, seen_version, created_at"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY ideas_vote ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            adapt = connection.ops.adapt_datetimefield_value
            rows = [(*row[:5], adapt(row[5])) for row in rows]
            sql = f"INSERT INTO ideas_vote ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608 (constants)
            cursor.executemany(sql, rows)


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
