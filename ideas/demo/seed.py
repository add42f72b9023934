"""Write the demo idea boards (see `boards.py`) to the database, in one transaction.

Bulk inserts, not the services, so that "large" (1,450 ideas, ~60,000 votes) loads in seconds, as
`threads.demo.seed` does for discussions. The rows are the ones the services would have left had
every board, idea, vote, status change and merge gone through them at its time:

- a board's discussion space is the one `board_create` opens (`space_create`'s name, description,
  visibility, departments and slug `ideas-<slug>`); the guest has the `BoardGuest` row and space
  membership `board_guest_invite` writes;
- each idea's discussion is a thread of that space with the opening post `idea_post` writes (through
  `threads.demo.seed`, which writes what `thread_start` and `reply_post` write, replies included);
  a merge adds `idea_merge`'s note, linking the duplicate's thread, to the original's discussion;
- counters equal `COUNT(*)` (`upvotes`, `downvotes`, `customer_votes`, `follower_count`, the board's
  `idea_count` of ideas not merged away) and scores are `ideas.services.votes.scores_for` over them
  and the up-votes' times; every voter has the `VoteWallet` row `vote_cast` creates; `holds_budget`
  is false on closed ideas;
- status changes are `IdeaStatusChange` rows (already notified) and the idea keeps the last
  response given; an edit keeps the old text as an `IdeaRevision`; hidden ideas hide their thread.

Nothing is published and no task is enqueued: seeded history has no live audience.

Idempotent: boards, customers and tags are found by slug, the guest by username, an idea by its
board and title. An idea that exists is never rewritten, whatever happened to it since, so a second
run writes nothing and "large" after "small" only adds the ideas after the small prefix. Times are
kept relative to the first run: the anchor is recovered from the first board's creation time.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.demo.seed import DEMO_PASSWORD, DEMO_PASSWORD_SALT
from accounts.models import Department, Role, User
from accounts.roles import group_name
from accounts.services import user_role_set
from threads.demo.discussions import PostPlan, ThreadPlan
from threads.demo.seed import _People, _threads_write
from threads.demo.seed import _Writes as _ThreadWrites
from threads.models import Space, SpaceMembership, Thread

from ..models import (
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
from ..services._common import render_body
from ..services.votes import scores_for
from . import data
from .boards import CLOSED, BoardPlan, IdeaPlan, Ideas, ideas_generate, is_material

BATCH_SIZE = 1_000
NOTIFIED_AFTER = timedelta(seconds=5)  # `idea_status_notify` runs right after the change commits


@transaction.atomic
def ideas_seed(*, size: str, seed: int = 42) -> dict[str, int]:
    """Create the demo boards and the ideas that are missing. Returns what the seed holds and how
    many rows were written. Needs the demo company (`accounts.demo.seed.seed_demo`) first."""
    plan = ideas_generate(size=size, seed=seed)
    writes = _Writes()
    anchor = _anchor(plan)
    guest = _guest_sync(writes)
    people = _people(plan)
    _grants_sync(plan, people, writes)
    customers = _slugged_sync(CustomerAccount, data.CUSTOMERS, writes, created_at=anchor - timedelta(days=400))
    tags = _slugged_sync(Tag, [tag for idea in plan.ideas for tag in idea.tags], writes)
    boards = _boards_sync(plan, people, guest, anchor, writes)
    existing = set(Idea.objects.filter(board__in=boards.values()).values_list("board_id", "title"))
    missing = [idea for idea in plan.ideas if (boards[idea.board].pk, idea.title) not in existing]
    if missing:
        threads = _threads_sync(missing, plan, boards, people, anchor, writes)
        _ideas_write(missing, plan, boards, people, customers, tags, threads, anchor, writes)
    _wallets_sync(plan, boards, people, writes)
    _idea_counts_sync(boards, writes)
    return {
        "boards": len(plan.boards),
        "campaigns": sum(board.spec.kind == Board.Kind.CAMPAIGN for board in plan.boards),
        "ideas": len(plan.ideas),
        "merged": sum(idea.merged_into is not None for idea in plan.ideas),
        "votes": plan.vote_count,
        "customers": len(data.CUSTOMERS),
        "customer_votes": plan.customer_vote_count,
        "guests": 1,
        "ideas_created": len(missing),
        "votes_created": writes.votes,
        "rows_written": writes.rows,
    }


@dataclass
class _Writes:
    rows: int = 0
    votes: int = 0


def _anchor(plan: Ideas) -> datetime:
    """The moment seeded ages count back from: now on the first run, the same moment after."""
    first = plan.boards[0]
    created = Board.objects.filter(slug=first.spec.slug).values_list("created_at", flat=True).first()
    if created is not None:
        return created + timedelta(seconds=first.age)
    return timezone.now().replace(microsecond=0)


def _at(anchor: datetime, age: int) -> datetime:
    return anchor - timedelta(seconds=age)


# --- people ----------------------------------------------------------------------------------------


def _guest_sync(writes: _Writes) -> User:
    """The demo guest: an external guest account with the demo password, as the demo logins have."""
    spec = data.GUEST
    values = {
        "first_name": spec["first_name"],
        "last_name": spec["last_name"],
        "email": spec["email"],
        "password": make_password(DEMO_PASSWORD, salt=DEMO_PASSWORD_SALT),
        "is_active": True,
        "department_id": None,
    }
    guest = User.objects.filter(username=spec["username"]).first()
    if guest is None:
        guest = User.objects.create(username=spec["username"], **values)
        writes.rows += 1
    elif any(getattr(guest, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(guest, name, value)
        guest.save(update_fields=list(values))
        writes.rows += 1
    groups = set(guest.groups.values_list("name", flat=True))
    if (guest.role, guest.is_staff, guest.is_superuser) != (Role.GUEST, False, False) or groups != {
        group_name(Role.GUEST)
    }:
        user_role_set(user=guest, role=Role.GUEST)
        writes.rows += 1
    return guest


def _people(plan: Ideas) -> _People:
    rows = list(User.objects.values_list("username", "pk", "is_active"))
    people = _People({name: pk for name, pk, _ in rows}, {name: pk for name, pk, active in rows if active})
    named = {idea.author for idea in plan.ideas} | {v.voter for idea in plan.ideas for v in idea.votes}
    named |= {reply.author for idea in plan.ideas for reply in idea.replies} | {b.owner for b in plan.boards}
    named |= set(plan.recorders)
    if unknown := named - people.ids.keys():
        raise ValueError(f"{len(unknown)} demo people are missing (e.g. {min(unknown)}): seed the company first")
    return people


def _grants_sync(plan: Ideas, people: _People, writes: _Writes) -> None:
    """The customer-voice permission for the sales and support people who capture it, as an admin
    gives it in the admin (managers have it through their role)."""
    permission = Permission.objects.get(content_type__app_label="ideas", codename="capture_customer_voice")
    through = User.user_permissions.through
    wanted = {people.ids[name] for name in plan.grants}
    have = set(through.objects.filter(permission=permission, user_id__in=wanted).values_list("user_id", flat=True))
    rows = [through(user_id=user_id, permission=permission) for user_id in sorted(wanted - have)]
    through.objects.bulk_create(rows)
    writes.rows += len(rows)


def _slugged_sync(model, names, writes: _Writes, **defaults) -> dict:
    """Customers and tags by slug, for each name given (a tag keeps the first spelling, as `idea_post`)."""
    slugs = {name: slugify(name)[:40] for name in dict.fromkeys(names)}
    spelling: dict[str, str] = {}
    for name, slug in slugs.items():
        spelling.setdefault(slug, name)
    rows = {row.slug: row for row in model.objects.filter(slug__in=spelling)}
    created = [model(slug=slug, name=name, **defaults) for slug, name in spelling.items() if slug not in rows]
    model.objects.bulk_create(created)
    writes.rows += len(created)
    rows.update({row.slug: row for row in created})
    return {name: rows[slug] for name, slug in slugs.items()}


# --- boards ----------------------------------------------------------------------------------------


def _boards_sync(plan: Ideas, people: _People, guest: User, anchor: datetime, writes: _Writes) -> dict[str, Board]:
    """Boards with the discussion space `board_create` opens; found by slug, never rewritten."""
    boards = {board.slug: board for board in Board.objects.filter(slug__in=[b.spec.slug for b in plan.boards])}
    departments = dict(Department.objects.values_list("slug", "pk"))
    for board_plan in plan.boards:
        if board_plan.spec.slug not in boards:
            boards[board_plan.spec.slug] = _board_create(board_plan, people, departments, anchor, writes)
    for board_plan in plan.boards:
        if board_plan.spec.guest:
            board = boards[board_plan.spec.slug]
            _, created = BoardGuest.objects.get_or_create(
                board=board,
                user=guest,
                defaults={"invited_by_id": people.ids[board_plan.owner], "invited_at": board.created_at},
            )
            _, joined = SpaceMembership.objects.get_or_create(
                space_id=board.space_id, user=guest, defaults={"added_at": board.created_at}
            )
            writes.rows += created + joined
    return boards


def _board_create(board_plan: BoardPlan, people: _People, departments: dict, anchor: datetime, writes) -> Board:
    spec = board_plan.spec
    created_at = _at(anchor, board_plan.age)
    department_ids = [departments[slug] for slug in spec.departments]
    space_slug = f"ideas-{spec.slug}"[:120]
    if Space.objects.filter(slug=space_slug).exists():
        space_slug = f"ideas-{spec.slug}-{Board.objects.count() + 1}"[:120]
    space = Space.objects.create(
        name=_("Ideas: %(title)s") % {"title": spec.title[:100]},
        slug=space_slug,
        description=spec.question or spec.title,
        visibility=Space.Visibility.DEPARTMENT if department_ids else Space.Visibility.PUBLIC,
        created_by_id=people.ids[board_plan.owner],
        created_at=created_at,
    )
    space.departments.set(department_ids)
    description = render_body(spec.description, field="description", required=False, max_length=5000)
    board = Board.objects.create(
        title=spec.title,
        slug=spec.slug,
        kind=spec.kind,
        question=spec.question,
        description=description.body,
        description_html=description.html,
        opens_at=None if board_plan.opens_age is None else _at(anchor, board_plan.opens_age),
        closes_at=None if board_plan.closes_age is None else _at(anchor, board_plan.closes_age),
        audience=spec.audience,
        voting=spec.voting,
        vote_budget=spec.vote_budget,
        owner_id=people.ids[board_plan.owner],
        space=space,
        created_at=created_at,
    )
    board.departments.set(department_ids)
    writes.rows += 2 + 2 * len(department_ids)
    return board


# --- discussions -----------------------------------------------------------------------------------


def _threads_sync(missing, plan, boards, people, anchor, writes: _Writes) -> dict[tuple[int, str], int]:
    """Each idea's thread in its board's space: first those without a merge note, then the
    originals whose note links the duplicate's (now existing) thread."""
    spaces = {board.space.slug: board.space for board in boards.values()}
    by_key = {(idea.board, idea.title): idea for idea in plan.ideas}
    first = [idea for idea in missing if not any(reply.merged for reply in idea.replies)]
    then = [idea for idea in missing if any(reply.merged for reply in idea.replies)]
    thread_ids: dict[tuple[int, str], int] = {}
    for batch in (first, then):
        if not batch:
            continue
        plans = [_thread_plan(idea, boards[idea.board], by_key, boards, thread_ids) for idea in batch]
        counted = _ThreadWrites()
        _threads_write(plans, spaces, people, anchor, counted)
        writes.rows += counted.rows
        titles = [idea.title for idea in batch]
        space_ids = {boards[idea.board].space_id: boards[idea.board].pk for idea in batch}
        for space_id, title, pk in Thread.objects.filter(space_id__in=space_ids, title__in=titles).values_list(
            "space_id", "title", "pk"
        ):
            thread_ids[(space_ids[space_id], title)] = pk
    return thread_ids


def _thread_plan(idea: IdeaPlan, board: Board, by_key, boards, thread_ids) -> ThreadPlan:
    """`idea_post`'s opening post (by the idea's author), then the replies in the order written."""
    opening = _("Discussion of an idea posted on the board [%(board)s](%(url)s).") % {
        "board": board.title.replace("[", "(").replace("]", ")"),
        "url": reverse("board_detail", args=[board.slug]),
    }
    posts = [PostPlan(number=1, parent=None, depth=0, author=idea.author, body=opening, age=idea.age)]
    for index, reply in enumerate(idea.replies):
        body = reply.body
        if reply.merged:
            duplicate = by_key[(idea.board, reply.merged)]
            thread_id = thread_ids.get((board.pk, duplicate.title))
            if thread_id is None:
                thread_id = Thread.objects.get(space_id=board.space_id, title=duplicate.title).pk
            body = _(
                "Merged the duplicate idea **%(title)s** into this one. Its earlier discussion: [%(link)s](%(url)s)."
            ) % {
                "title": duplicate.title.replace("*", ""),
                "link": _("read it"),
                "url": reverse("thread_detail", args=[thread_id]),
            }
        parent = posts[reply.parent + 1] if reply.parent is not None else posts[0]
        posts.append(
            PostPlan(number=index + 2, parent=parent.number, depth=parent.depth + 1, author=reply.author, body=body,
                     age=reply.age)
        )  # fmt: skip
    return ThreadPlan(space=board.space.slug, title=idea.title, posts=tuple(posts))


# --- ideas -----------------------------------------------------------------------------------------


def _ideas_write(missing, plan, boards, people, customers, tags, threads, anchor, writes: _Writes) -> None:
    uid = people.ids

    def at(age: int) -> datetime:
        return _at(anchor, age)

    def build(spec: IdeaPlan, merged_into: Idea | None) -> Idea:
        board = boards[spec.board]
        body = render_body(spec.body)
        last_response = next((s for s in reversed(spec.statuses) if s.response), None)
        response = render_body(last_response.response, field="response", required=False, max_length=5000) if (
            last_response
        ) else None  # fmt: skip
        if spec.revision is not None and spec.version != (2 if is_material(spec.revision[1], spec.body) else 1):
            raise AssertionError(f"{spec.title}: the plan's version disagrees with ideas.services")
        idea = Idea(
            board=board,
            title=spec.title,
            body=body.body,
            body_html=body.html,
            author_id=uid[spec.author],
            customer=customers[spec.customer] if spec.customer else None,
            thread_id=threads[(board.pk, spec.title)],
            status=spec.status,
            response=response.body if response else "",
            response_html=response.html if response else "",
            responded_by_id=uid[last_response.actor] if last_response else None,
            responded_at=at(last_response.age) if last_response else None,
            merged_into=merged_into,
            is_hidden=spec.hidden_by is not None,
            created_at=at(spec.age),
            edited_at=at(spec.revision[2]) if spec.revision else None,
            version=spec.version,
            upvotes=sum(v.value == 1 for v in spec.votes),
            downvotes=sum(v.value == -1 for v in spec.votes),
            customer_votes=len(spec.customer_votes),
            follower_count=len(spec.followers),
        )
        upvote_times = [at(v.age) for v in spec.votes if v.value == 1]
        idea.score_top, idea.score_hot, idea.score_trending = scores_for(idea, board=board, upvote_times=upvote_times)
        return idea

    # Originals before the duplicates merged into them, which point at them.
    ideas: dict[tuple[str, str], Idea] = {}
    for merged in (False, True):
        batch = [spec for spec in missing if (spec.merged_into is not None) == merged]
        rows = []
        for spec in batch:
            into = None
            if spec.merged_into is not None:
                into = ideas.get((spec.board, spec.merged_into)) or Idea.objects.get(
                    board=boards[spec.board], title=spec.merged_into
                )
            rows.append(build(spec, into))
        Idea.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        ideas.update({(spec.board, spec.title): row for spec, row in zip(batch, rows, strict=True)})
    writes.rows += len(ideas)

    tagged, votes, customer_votes, follows, coauthors, revisions, changes = [], [], [], [], [], [], []
    for spec in missing:
        idea = ideas[(spec.board, spec.title)]
        tagged.extend(Idea.tags.through(idea=idea, tag=tags[name]) for name in dict.fromkeys(spec.tags))
        closed = spec.status in CLOSED
        votes.extend(
            Vote(idea=idea, voter_id=uid[v.voter], value=v.value, holds_budget=not closed, seen_version=v.seen_version,
                 created_at=at(v.age))
            for v in spec.votes
        )  # fmt: skip
        customer_votes.extend(
            CustomerVote(idea=idea, customer=customers[v.customer], recorded_by_id=uid[v.recorder], note=v.note,
                         created_at=at(v.age))
            for v in spec.customer_votes
        )  # fmt: skip
        follows.extend(IdeaFollow(idea=idea, user_id=uid[name], created_at=at(age)) for name, age in spec.followers)
        coauthors.extend(
            IdeaCoauthor(idea=idea, user_id=uid[name], invited_by_id=uid[spec.author], invited_at=at(invited),
                         accepted_at=at(accepted) if accepted is not None else None)
            for name, invited, accepted in spec.coauthors
        )  # fmt: skip
        if spec.revision is not None:
            title, body, age = spec.revision
            revisions.append(
                IdeaRevision(idea=idea, version=1, title=title, body=body, edited_by_id=uid[spec.author],
                             created_at=at(age))
            )  # fmt: skip
        changes.extend(
            IdeaStatusChange(idea=idea, old_status=s.old, new_status=s.new,
                             response=render_body(s.response, field="response", required=False).body,
                             changed_by_id=uid[s.actor], changed_at=at(s.age), notified_at=at(s.age) + NOTIFIED_AFTER)
            for s in spec.statuses
        )  # fmt: skip
    for model, rows in (
        (Idea.tags.through, tagged),
        (Vote, votes),
        (CustomerVote, customer_votes),
        (IdeaFollow, follows),
        (IdeaCoauthor, coauthors),
        (IdeaRevision, revisions),
        (IdeaStatusChange, changes),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        writes.rows += len(rows)
    writes.votes += len(votes)

    # `idea_hide` hides the discussion with the idea (`thread_hidden_set`).
    hidden = [threads[(boards[s.board].pk, s.title)] for s in missing if s.hidden_by is not None]
    writes.rows += Thread.objects.filter(pk__in=hidden, is_hidden=False).update(is_hidden=True)


def _wallets_sync(plan: Ideas, boards: dict[str, Board], people: _People, writes: _Writes) -> None:
    """The per-board wallet row `vote_cast` creates for every voter (also for votes a merge removed)."""
    wanted = {(boards[slug].pk, people.ids[name]) for slug, name in plan.wallets}
    have = set(VoteWallet.objects.filter(board__in=boards.values()).values_list("board_id", "voter_id"))
    rows = [VoteWallet(board_id=board, voter_id=voter) for board, voter in sorted(wanted - have)]
    VoteWallet.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    writes.rows += len(rows)


def _idea_counts_sync(boards: dict[str, Board], writes: _Writes) -> None:
    """A board's `idea_count` is its ideas not merged away (`idea_post` adds one, `idea_merge` takes one)."""
    counts = defaultdict(int)
    for board_id in Idea.objects.filter(board__in=boards.values(), merged_into__isnull=True).values_list(
        "board_id", flat=True
    ):
        counts[board_id] += 1
    stale = []
    for board in boards.values():
        current = Board.objects.filter(pk=board.pk).values_list("idea_count", flat=True).get()
        if current != counts[board.pk]:
            board.idea_count = counts[board.pk]
            stale.append(board)
    if stale:
        Board.objects.bulk_update(stale, ["idea_count"])
    writes.rows += len(stale)
