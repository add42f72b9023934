"""Generate the demo company's idea boards from a seed. Pure Python, no Django: the same seed and size
always give the same boards, ideas, votes, statuses and discussions, and `seed.ideas_seed` writes
them to the database.

Reproducible across Python versions: like `accounts.demo.company`, the only random primitive used
is `Random.random()`, on streams seeded from the seed, the board and the idea's position.

Prefix-stable: idea *i* of a board depends only on the seed, the board and ideas 0..i-1 (their
titles and ages), never on the size, so the ideas of "small" are exactly the first ideas of each
board in "large". Ideas of the small prefix are posted, voted on and discussed by the 200 people
of the small company, the others by anyone in the large one.

The plan is the state the services would have left: votes that a merge moved are on the original
(a person who voted for both keeps the original's vote), votes on a budgeted board never exceed the
budget at the moment they were cast (a budget simulation replays casts, closings and merges in
time order), nobody votes after an idea was closed or its campaign ended, and `holds_budget` is
false on closed ideas. Times are seconds before an anchor the loader chooses.
"""

import difflib
import hashlib
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from accounts.demo import data as company_data
from accounts.demo.company import SIZES as PEOPLE
from accounts.demo.company import PersonSpec, company_generate

from . import data

DAY = 86_400
HOUR = 3_600
# Ideas of the small prefix were posted within the last 150 days, the others within 400 (open
# boards; campaigns between their dates).
SPAN_DAYS = {"small": 150, "large": 400}
# Mean employee votes per idea, by tier (the voters differ: 200 people or 5,000).
MEAN_VOTES = {"small": 14.0, "large": 47.0}
VOTE_SHARE_CAP = 0.5  # at most this share of a board's audience votes for one idea
REVIVAL_SHARE = 0.2  # of open ideas: a late burst of votes (trending differs from top)
FOLLOW_SHARE = 0.12  # of voters also follow the idea
CUSTOMER_SHARE = 0.35  # of customer-feedback ideas: posted on behalf of a customer
MATERIAL_CHANGE_RATIO = 0.85  # ideas.services.ideas.MATERIAL_CHANGE_RATIO (the loader checks it)
STATUS_WEIGHTS = {
    # (new, under_review, planned, in_progress, done, declined)
    "open": (42, 15, 13, 8, 12, 10),
    "campaign_open": (75, 25, 0, 0, 0, 0),
    "campaign_ended": (8, 7, 30, 15, 20, 20),
}
STATUSES = ("new", "under_review", "planned", "in_progress", "done", "declined")
CLOSED = frozenset({"done", "declined"})
PATHS = {
    "new": (),
    "under_review": ("under_review",),
    "planned": ("under_review", "planned"),
    "in_progress": ("under_review", "planned", "in_progress"),
    "done": ("under_review", "planned", "in_progress", "done"),
}


@dataclass(frozen=True)
class BoardPlan:
    spec: data.BoardSpec
    owner: str  # username
    actors: tuple[str, ...]  # who changes statuses and merges (the owner first)
    age: int  # seconds before the anchor
    opens_age: int | None
    closes_age: int | None  # negative: in the future


@dataclass(frozen=True)
class VotePlan:
    voter: str
    value: int
    age: int
    seen_version: int = 1


@dataclass(frozen=True)
class CustomerVotePlan:
    customer: str  # name
    recorder: str
    note: str
    age: int


@dataclass(frozen=True)
class StatusPlan:
    old: str
    new: str
    response: str
    actor: str
    age: int


@dataclass(frozen=True)
class ReplyPlan:
    author: str
    body: str  # empty for a merge note (the loader writes it: it links to the duplicate's thread)
    age: int
    parent: int | None  # index of the reply answered; None: the opening post
    merged: str = ""  # title of the duplicate, for a merge note


@dataclass(frozen=True)
class IdeaPlan:
    board: str  # slug
    title: str
    body: str
    author: str
    age: int
    tags: tuple[str, ...]
    customer: str | None = None
    votes: tuple[VotePlan, ...] = ()
    customer_votes: tuple[CustomerVotePlan, ...] = ()
    followers: tuple[tuple[str, int], ...] = ()  # (username, age)
    coauthors: tuple[tuple[str, int, int | None], ...] = ()  # (username, invited age, accepted age)
    statuses: tuple[StatusPlan, ...] = ()
    revision: tuple[str, str, int] | None = None  # (title, body) before the edit, and the edit's age
    version: int = 1
    merged_into: str | None = None  # title of the original
    merge: tuple[str, int] | None = None  # (who merged, age)
    hidden_by: str | None = None
    replies: tuple[ReplyPlan, ...] = ()

    @property
    def status(self) -> str:
        return self.statuses[-1].new if self.statuses else "new"


@dataclass(frozen=True)
class Ideas:
    size: str
    seed: int
    boards: tuple[BoardPlan, ...]
    ideas: tuple[IdeaPlan, ...]
    wallets: tuple[tuple[str, str], ...]  # (board slug, username): everyone who cast a vote there
    recorders: tuple[str, ...]  # sales and support people who capture customers' voice
    grants: tuple[str, ...]  # those of them who get the permission from the seed

    @property
    def vote_count(self) -> int:
        return sum(len(idea.votes) for idea in self.ideas)

    @property
    def customer_vote_count(self) -> int:
        return sum(len(idea.customer_votes) for idea in self.ideas)


def ideas_generate(*, size: str, seed: int = 42) -> Ideas:
    if size not in PEOPLE:
        raise ValueError(f"size must be one of {', '.join(PEOPLE)}")
    people = company_generate(size=size, seed=seed).people
    writer = _Writer(people, seed)
    boards, ideas, wallets = [], [], []
    for spec in data.BOARDS:
        board = writer.board(spec)
        planned, voters = writer.board_ideas(board, size)
        boards.append(board)
        ideas.extend(planned)
        wallets.extend((spec.slug, voter) for voter in voters)
    return Ideas(
        size=size,
        seed=seed,
        boards=tuple(boards),
        ideas=tuple(ideas),
        wallets=tuple(wallets),
        recorders=writer.recorders,
        grants=writer.grants,
    )


def _rng(seed: int, *keys) -> random.Random:
    digest = hashlib.sha256(repr((seed, *keys)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _pick(rng: random.Random, items: Sequence):
    return items[int(rng.random() * len(items))]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_material(old: str, new: str) -> bool:
    """`ideas.services.ideas._is_material`, without Django."""
    return old != new and difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() < MATERIAL_CHANGE_RATIO


@dataclass
class _Entry:
    """One position on a board before it is written out: a paired or extra idea, or a generated one."""

    title: str = ""
    why: str = ""
    tags: tuple[str, ...] = ()
    author: str = ""
    hidden: bool = False
    original: str = ""  # for the second idea of a duplicate pair: the first's title
    merged: bool = False
    duplicate_first: bool = False  # the first idea of a duplicate pair: posted early


@dataclass
class _Draft:
    """An idea being planned, mutable until it is frozen into an IdeaPlan."""

    entry: _Entry
    title: str
    body: str
    author: str
    age: int
    tags: tuple[str, ...]
    tier: str
    customer: str | None = None
    statuses: list[StatusPlan] = field(default_factory=list)
    votes: dict[str, VotePlan] = field(default_factory=dict)
    customer_votes: dict[str, CustomerVotePlan] = field(default_factory=dict)
    followers: dict[str, int] = field(default_factory=dict)
    coauthors: list[tuple[str, int, int | None]] = field(default_factory=list)
    revision: tuple[str, str, int] | None = None
    version: int = 1
    merged_into: str | None = None
    merge: tuple[str, int] | None = None
    hidden_by: str | None = None
    hidden_age: int | None = None
    replies: list[ReplyPlan] = field(default_factory=list)

    @property
    def close_age(self) -> int | None:
        if self.statuses and self.statuses[-1].new in CLOSED:
            return self.statuses[-1].age
        return None

    @property
    def discussed_until(self) -> int:
        """The age of the last possible reply: the merge or hiding ends the discussion."""
        return max(60, self.merge[1] if self.merge else 0, self.hidden_age or 0)

    def voted_until(self, board: BoardPlan) -> int:
        """The age of the last possible vote: voting ends when the idea is closed, merged or hidden,
        or when its campaign ends."""
        campaign_end = board.closes_age if board.closes_age and board.closes_age > 0 else 0
        return max(60, self.discussed_until, self.close_age or 0, campaign_end)


class _Writer:
    def __init__(self, people: Sequence[PersonSpec], seed: int):
        self.people = people
        self.seed = seed
        heads = people[: len(company_data.DEPARTMENTS)]  # the generator places every head first
        self.head_of = {p.department: p.username for p in heads}
        activity_rng = random.Random(seed * 1_000_003 + 13)
        self.activity = {p.username: 0.15 + 6 * activity_rng.random() ** 4 for p in people}
        self.activity.update({"employee": 4.0, "manager": 4.0, "moderator": 3.0, "admin": 1.0})
        self._pools: dict[tuple[str, str], tuple[list[str], list[float]]] = {}
        small = people[: PEOPLE["small"]]
        grants, recorders = [], []
        for department in data.CUSTOMER_VOICE_DEPARTMENTS:
            staff = [p.username for p in small if p.department == department and p.role == "employee"]
            grants.extend(staff[: data.CUSTOMER_VOICE_GRANTS])
            recorders.extend([self.head_of[department], *staff[: data.CUSTOMER_VOICE_GRANTS]])
        self.grants, self.recorders = tuple(grants), tuple(recorders)

    # --- people ----------------------------------------------------------------------------------

    def _user(self, name: str) -> str:
        return self.head_of[name.split(":", 1)[1]] if name.startswith("head:") else name

    def pool(self, spec: data.BoardSpec, tier: str) -> tuple[list[str], list[float]]:
        """Who sees the board (so may post, vote and discuss there), with cumulative activity."""
        key = (spec.slug, tier)
        if key not in self._pools:
            people = self.people[: PEOPLE[tier]]
            if spec.audience == "departments":
                names = [p.username for p in people if p.department in spec.departments]
            else:
                names = [p.username for p in people]
            if spec.guest:
                names.append(data.GUEST["username"])
            weights = [self.activity.get(name, 2.0) for name in names]
            self._pools[key] = (names, list(accumulate(weights)))
        return self._pools[key]

    def person(self, rng: random.Random, spec: data.BoardSpec, tier: str, *, avoid: frozenset = frozenset()) -> str:
        names, cumulative = self.pool(spec, tier)
        for _attempt in range(8):
            name = names[min(bisect(cumulative, rng.random() * cumulative[-1]), len(names) - 1)]
            if name not in avoid:
                return name
        return name

    def people_sample(self, rng: random.Random, spec: data.BoardSpec, tier: str, count: int, avoid: frozenset):
        names, _cumulative = self.pool(spec, tier)
        count = min(count, max(0, len(names) - len(avoid)))
        chosen: dict[str, None] = {}
        for _attempt in range(count * 20):
            if len(chosen) >= count:
                break
            name = self.person(rng, spec, tier)
            if name not in avoid:
                chosen[name] = None
        return list(chosen)

    # --- boards ----------------------------------------------------------------------------------

    def board(self, spec: data.BoardSpec) -> BoardPlan:
        owner = self._user(spec.owner)
        actors = (owner, self.head_of["people"]) if spec.slug == "workplace" else (owner,)
        return BoardPlan(
            spec=spec,
            owner=owner,
            actors=actors,
            age=spec.age_days * DAY,
            opens_age=None if spec.opens_days is None else spec.opens_days * DAY,
            closes_age=None if spec.closes_days is None else spec.closes_days * DAY,
        )

    def entries(self, spec: data.BoardSpec, size: str) -> list[_Entry]:
        """The board's positions in order: small paired and extra ideas, generated ones up to the
        small count, then (large) the large-only paired ideas and generated ones."""
        tiers: dict[bool, list[_Entry]] = {True: [], False: []}
        seen: set[str] = set()
        pairs = [(pair, True) for pair in data.DUPLICATE_PAIRS] + [(pair, False) for pair in data.RELATED_PAIRS]
        for small in (True, False):
            for pair, duplicate in pairs:
                if pair.board != spec.slug or pair.small != small:
                    continue
                for title in (pair.first, pair.second):
                    if title in seen:
                        continue
                    seen.add(title)
                    curated = data.CURATED[title]
                    entry = _Entry(title=title, why=curated.why, tags=curated.tags)
                    if duplicate and title == pair.second:
                        entry.original, entry.merged = pair.first, pair.merged
                    if duplicate and title == pair.first:
                        entry.duplicate_first = True
                    tiers[small].append(entry)
            for extra in data.EXTRA_IDEAS:
                if extra.board == spec.slug and extra.small == small:
                    tiers[small].append(
                        _Entry(
                            title=extra.title, why=extra.why, tags=extra.tags, author=extra.author, hidden=extra.hidden
                        )
                    )
        small_count, total = spec.ideas["small"], spec.ideas[size]
        if len(tiers[True]) > small_count or len(tiers[True]) + len(tiers[False]) > spec.ideas["large"]:
            raise ValueError(f"board {spec.slug}: more paired ideas than ideas")
        entries = tiers[True] + [_Entry() for _ in range(small_count - len(tiers[True]))]
        if size != "small":
            entries += tiers[False] + [_Entry() for _ in range(total - small_count - len(tiers[False]))]
        return entries

    def board_ideas(self, board: BoardPlan, size: str) -> tuple[list[IdeaPlan], list[str]]:
        spec = board.spec
        drafts: list[_Draft] = []
        by_title: dict[str, _Draft] = {}
        for index, entry in enumerate(self.entries(spec, size)):
            rng = _rng(self.seed, spec.slug, index)
            tier = "small" if index < spec.ideas["small"] else "large"
            draft = self.idea(rng, board, entry, tier, by_title)
            self.statuses(rng, board, draft)
            self.votes(rng, board, draft)
            self.extras(rng, board, draft)
            drafts.append(draft)
            by_title[draft.title] = draft
        if spec.vote_budget:
            _budget_replay(drafts, by_title, spec.vote_budget)
        # Everyone who cast a vote has a wallet row (`vote_cast` creates it), merged votes included.
        voters = list(dict.fromkeys(voter for draft in drafts for voter in draft.votes))
        for draft in drafts:
            if draft.merge is not None:
                _merge(by_title[draft.merged_into], draft)
        for draft in drafts:
            _settle_versions(draft)
        return [_freeze(spec.slug, draft) for draft in drafts], voters

    # --- one idea --------------------------------------------------------------------------------

    def idea(self, rng: random.Random, board: BoardPlan, entry: _Entry, tier: str, by_title: dict) -> _Draft:
        spec = board.spec
        topic = data.TOPICS[spec.topic]
        if entry.title:
            title, tags = entry.title, entry.tags
            body = f"{entry.why}\n\n{_pick(rng, topic.closings)} {_pick(rng, topic.benefits)}"
        else:
            title, body, tags = self.generated(rng, topic, set(by_title))
        # When: campaigns between their dates, open boards within the tier's span.
        newest, oldest = HOUR, min(SPAN_DAYS[tier] * DAY, board.age - DAY)
        if board.opens_age is not None:
            oldest = board.opens_age - HOUR
            newest = max(HOUR, (board.closes_age or 0) + HOUR)
        if entry.original:  # the duplicate comes after its original
            oldest = min(oldest, by_title[entry.original].age - DAY // 2)
            if entry.merged:  # and lived a few days before it was merged
                newest = min(max(newest, 3 * DAY), oldest)
        elif entry.duplicate_first:
            newest = max(newest, int(oldest * 0.4))
        age = int(newest + (oldest - newest) * rng.random())
        customer = None
        if entry.author:
            author = entry.author
        elif spec.customer_voice and rng.random() < CUSTOMER_SHARE:
            customer = _pick(rng, data.CUSTOMERS)
            author = _pick(rng, self.recorders)
            why = _pick(rng, data.CUSTOMER_WHY).format(
                customer=customer,
                contact=_pick(rng, data.CUSTOMER_CONTACTS),
                meeting=_pick(rng, data.CUSTOMER_MEETINGS),
            )
            body = f"{why}\n\n{body}"
        else:
            author = self.person(rng, spec, tier, avoid=frozenset({data.GUEST["username"]}))
        draft = _Draft(entry, title, body, author, age, tags, tier, customer=customer)
        draft.followers[author] = age
        if entry.hidden:
            draft.hidden_by, draft.hidden_age = "moderator", max(60, age - 6 * HOUR)
        if entry.merged:  # merged by the board's owner some days after it was posted
            latest = max(HOUR, min(age // 3, age - 7 * HOUR))
            draft.merge = (board.owner, int(latest + (age - 6 * HOUR - latest) * (0.3 + 0.4 * rng.random())))
            draft.merged_into = entry.original
        return draft

    def generated(self, rng: random.Random, topic: data.Topic, taken: set[str]) -> tuple[str, str, tuple[str, ...]]:
        """A title not yet used on the board, with a description in the same family's words."""
        for attempt in range(80):
            family = _pick(rng, topic.families)
            thing = _pick(rng, family.things)
            slots = {name: _pick(rng, values) for name, values in family.slots.items()}
            template = _pick(rng, family.titles)
            title = _capitalized(template.format(x=thing, **slots))
            if title.lower().count(" for ") > 1 or (title in taken and attempt < 79):
                continue
            if title in taken:
                title = f"{title} ({len(taken)})"
            problem = _capitalized(_pick(rng, family.problems).format(x=thing))
            proposal = _capitalized(_pick(rng, family.proposals).format(x=thing))
            body = f"{problem} {proposal}\n\n{_pick(rng, topic.benefits)}"
            if rng.random() < 0.25:
                body += f" {_pick(rng, topic.closings)}"
            return title, body, family.tags[: 1 + int(rng.random() * len(family.tags))]
        raise AssertionError("unreachable")

    def statuses(self, rng: random.Random, board: BoardPlan, draft: _Draft) -> None:
        """The workflow so far: a path to the final status, each step later than the last."""
        spec = board.spec
        if draft.hidden_by or draft.entry.merged or draft.age < 5 * DAY:
            return
        if board.closes_age is None:
            weights = STATUS_WEIGHTS["open"]
        else:
            weights = STATUS_WEIGHTS["campaign_open" if board.closes_age < 0 else "campaign_ended"]
        point, final = rng.random() * sum(weights), STATUSES[-1]
        for status, weight in zip(STATUSES, weights, strict=True):
            if point < weight:
                final = status
                break
            point -= weight
        if final == "declined":
            path = ("under_review", "declined") if rng.random() < 0.7 else ("declined",)
        else:
            path = PATHS[final]
        if not path:
            return
        # Steps between a day after posting and an hour ago, in order.
        start, end = draft.age - DAY, HOUR
        if board.closes_age is not None and board.closes_age > 0:  # an ended campaign is reviewed after it
            start = min(start, board.closes_age - DAY)
        if start <= end:
            return
        ages = sorted((int(end + (start - end) * rng.random()) for _ in path), reverse=True)
        old = "new"
        for step, (status, age) in enumerate(zip(path, ages, strict=True)):
            last = step == len(path) - 1
            response = ""
            if rng.random() < (0.85 if last else 0.3):
                response = _pick(rng, data.RESPONSES[status]).format(
                    title=draft.title, team=spec.team, when=_pick(rng, data.WHEN)
                )
                response = _capitalized(response)
            actor = _pick(rng, board.actors)
            draft.statuses.append(StatusPlan(old, status, response, actor, age))
            old = status

    def votes(self, rng: random.Random, board: BoardPlan, draft: _Draft) -> None:
        """Employees' votes: how many (heavy-tailed), who (the board's audience, weighted by how
        active they are) and when (mostly soon after posting; some ideas get a late burst)."""
        spec = board.spec
        names, _cumulative = self.pool(spec, draft.tier)
        end = draft.voted_until(board)
        if draft.age - end < 600:
            return
        mean = MEAN_VOTES[draft.tier] * (0.6 if spec.customer_voice else 1.0)
        count = int(mean * 0.4 * rng.random() ** -0.6)
        if draft.hidden_by:
            count = min(count, 2)
        count = min(count, int(len(names) * VOTE_SHARE_CAP))
        avoid = frozenset() if rng.random() < 0.4 else frozenset({draft.author})
        down_share = 0.05 + 0.4 * rng.random() ** 2 if spec.voting == "updown" else 0.0
        revival = end <= HOUR and rng.random() < REVIVAL_SHARE
        for voter in self.people_sample(rng, spec, draft.tier, count, avoid):
            if revival and rng.random() < 0.4:
                age = int(end + (min(draft.age, 7 * DAY) - end) * rng.random())
            else:
                age = int(draft.age - (draft.age - end) * rng.random() ** 2.2)
            age = max(end, min(draft.age - 60, age))
            value = -1 if rng.random() < down_share else 1
            draft.votes[voter] = VotePlan(voter, value, age)
            if rng.random() < FOLLOW_SHARE and voter not in draft.followers:
                draft.followers[voter] = age

    def extras(self, rng: random.Random, board: BoardPlan, draft: _Draft) -> None:
        """Customers' votes, co-authors, an edit, and the discussion."""
        spec, topic = board.spec, data.TOPICS[board.spec.topic]
        if spec.customer_voice:
            customers = [draft.customer] if draft.customer else []
            wanted = 0 if rng.random() < 0.35 else 1 + int(rng.random() ** 1.5 * 5)
            for _attempt in range(wanted * 3):
                if len(customers) > wanted:
                    break
                name = _pick(rng, data.CUSTOMERS)
                if name not in customers:
                    customers.append(name)
            until = draft.voted_until(board)
            for n, name in enumerate(customers):
                # The customer an idea was posted for votes with it; the others come later.
                first = n == 0 and draft.customer
                age = draft.age - 60 if first else int(until + (draft.age - until) * rng.random())
                draft.customer_votes[name] = CustomerVotePlan(
                    name, _pick(rng, self.recorders), _pick(rng, data.CUSTOMER_NOTES), max(until, age)
                )
        invite = data.COAUTHORS.get(draft.title)
        if invite:
            accepted, pending = invite
            avoid = frozenset({draft.author, data.GUEST["username"]})
            for n, name in enumerate(self.people_sample(rng, spec, draft.tier, accepted + pending, avoid)):
                invited = max(120, draft.age - HOUR * (2 + n))
                accepted_age = max(60, invited - HOUR * 5) if n < accepted else None
                draft.coauthors.append((name, invited, accepted_age))
                if accepted_age is not None:
                    draft.followers.setdefault(name, accepted_age)
        update = data.EDITS.get(draft.title)
        if update:
            votes = sorted(v.age for v in draft.votes.values())
            edit_age = votes[len(votes) // 2] if votes else draft.age // 2
            draft.revision = (draft.title, draft.body, edit_age)
            draft.body = f"{draft.body}\n\n{update}"
            draft.version = 2 if is_material(draft.revision[1], draft.body) else 1
        # The discussion: a few replies, more on popular ideas, bunched after posting.
        wanted = int(rng.random() ** 2 * (3 + len(draft.votes) / 6))
        if draft.hidden_by:
            wanted = min(wanted, 1)
        end = draft.discussed_until
        ages = sorted((int(draft.age - (draft.age - end) * rng.random() ** 1.5) for _ in range(wanted)), reverse=True)
        for age in ages:
            author = self.person(rng, spec, draft.tier)
            parent = None
            if draft.replies and rng.random() < 0.3:
                parent = len(draft.replies) - 1 - int(rng.random() * min(3, len(draft.replies)))
                if draft.replies[parent].parent is not None:  # no deeper than 2
                    parent = draft.replies[parent].parent
            text = _pick(rng, topic.replies)
            if parent is None and rng.random() < 0.2 and draft.author not in (author, data.GUEST["username"]):
                text = f"@{draft.author} {text[:1].lower()}{text[1:]}"
            draft.replies.append(ReplyPlan(author, text, max(30, age), parent))


def _merge(original: _Draft, duplicate: _Draft) -> None:
    """`idea_merge`: the duplicate's votes, customers' votes and followers move to the original
    without double counting (what the person or customer had on the original at the merge wins),
    its tags join the original's, and the original's discussion gets the merge note."""
    actor, age = duplicate.merge
    for voter, vote in duplicate.votes.items():
        mine = original.votes.get(voter)
        if mine is None or mine.age < age:  # no vote on the original at the merge: the duplicate's moves
            original.votes[voter] = vote
    duplicate.votes = {}
    for name, vote in duplicate.customer_votes.items():
        mine = original.customer_votes.get(name)
        if mine is None or mine.age < age:
            original.customer_votes[name] = vote
    duplicate.customer_votes = {}
    for name, followed in duplicate.followers.items():
        if name not in original.followers or original.followers[name] < age:
            original.followers[name] = followed
    duplicate.followers = {}
    original.tags = tuple(dict.fromkeys(original.tags + duplicate.tags))
    original.replies.append(ReplyPlan(actor, "", age, None, merged=duplicate.title))
    _renumber_parents(original)


def _renumber_parents(draft: _Draft) -> None:
    """Replies were re-sorted by time: point every parent index at its (moved) reply again, keeping
    replies after their parents."""
    order = sorted(range(len(draft.replies)), key=lambda i: -draft.replies[i].age)
    if order == list(range(len(draft.replies))):
        return
    position = {old: new for new, old in enumerate(order)}
    draft.replies = [
        ReplyPlan(r.author, r.body, r.age, None if r.parent is None else position[r.parent], r.merged)
        for r in (draft.replies[i] for i in order)
    ]


def _budget_replay(drafts: list[_Draft], by_title: dict[str, _Draft], budget: int) -> None:
    """Replay casts, closings and merges in time order: a cast beyond the voter's budget never
    happened. A vote holds budget while its idea is open; a merge moves it to the original, or
    deletes it when the voter already has a vote there."""
    index = {id(draft): n for n, draft in enumerate(drafts)}
    events = []
    for n, draft in enumerate(drafts):
        events.extend((-vote.age, 2, n, voter) for voter, vote in draft.votes.items())
        if draft.close_age is not None:
            events.append((-draft.close_age, 0, n, ""))
        if draft.merge is not None:
            events.append((-draft.merge[1], 1, n, ""))
    held: dict[str, set[int]] = {}
    closed: set[int] = set()
    for _when, kind, n, voter in sorted(events):
        if kind == 0:
            closed.add(n)
            for ideas in held.values():
                ideas.discard(n)
        elif kind == 1:
            into = index[id(by_title[drafts[n].merged_into])]
            for ideas in held.values():
                if n in ideas:
                    ideas.discard(n)
                    if into not in closed:
                        ideas.add(into)
        else:
            mine = held.setdefault(voter, set())
            if len(mine) >= budget:
                del drafts[n].votes[voter]
                if drafts[n].author != voter:
                    drafts[n].followers.pop(voter, None)
            else:
                mine.add(n)


def _settle_versions(draft: _Draft) -> None:
    """Votes cast before a material edit saw version 1."""
    if draft.revision is None or draft.version == 1:
        return
    edit_age = draft.revision[2]
    draft.votes = {
        voter: VotePlan(v.voter, v.value, v.age, 1 if v.age > edit_age else draft.version)
        for voter, v in draft.votes.items()
    }


def _freeze(board: str, draft: _Draft) -> IdeaPlan:
    return IdeaPlan(
        board=board,
        title=draft.title,
        body=draft.body,
        author=draft.author,
        age=draft.age,
        tags=draft.tags,
        customer=draft.customer,
        votes=tuple(sorted(draft.votes.values(), key=lambda v: (-v.age, v.voter))),
        customer_votes=tuple(sorted(draft.customer_votes.values(), key=lambda v: (-v.age, v.customer))),
        followers=tuple(sorted(draft.followers.items(), key=lambda f: (-f[1], f[0]))),
        coauthors=tuple(draft.coauthors),
        statuses=tuple(draft.statuses),
        revision=draft.revision,
        version=draft.version,
        merged_into=draft.merged_into,
        merge=draft.merge,
        hidden_by=draft.hidden_by,
        replies=tuple(draft.replies),
    )
