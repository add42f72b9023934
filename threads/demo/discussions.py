"""Generate the demo company's discussions from a seed. Pure Python, no Django: the same seed and
size always give the same spaces, threads, replies and reactions, and `seed.discussions_seed`
writes them to the database.

Reproducible across Python versions: like `accounts.demo.company`, the only random primitive used
is `Random.random()`.

Prefix-stable: thread *i* depends only on the seed and on threads 0..i-1, never on the size, so the
threads of "small" are exactly the first threads of "large". Threads of the small prefix are written
by the 200 people of the small company, the others by anyone in the large one.

The shape of a thread: replies go to the opening post or to a recent reply no deeper than 2, so
most replies sit at depth 1 to 3; now and then two people go back and forth in a chain 6 to 8 deep.
Times are seconds before an anchor the loader chooses; replies come in order, bunched at the start
of the conversation, as on a real forum.
"""

import bisect
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from accounts.demo import data as company_data
from accounts.demo.company import SIZES as PEOPLE
from accounts.demo.company import PersonSpec, company_generate

from . import data

THREADS: dict[str, int] = {"small": 60, "large": 1_500}
# Mean number of replies of a thread in the small prefix and after it.
MEAN_REPLIES = {"small": 10.0, "large": 20.5}
MAX_REPLIES = 120
# Threads of the small prefix start within the last 75 days, the others within 18 months.
SPAN_DAYS = {"small": 75, "large": 540}
CHAIN_SHARE = 0.1  # of threads with enough replies: one back-and-forth chain 6 to 8 deep
ACCEPT_SHARE = 0.5  # of question threads with an answer from someone else
DELETED_SHARE = 0.01  # of replies nobody answered: deleted by their author
DAY = 86_400

_FIRST_SENTENCE = re.compile(r"^(.{12,140}?[.!?])(\s|$)")


@dataclass(frozen=True)
class SpacePlan:
    slug: str
    name: str
    description: str
    visibility: str
    departments: tuple[str, ...]
    creator: str  # username
    members: tuple[str, ...]  # usernames, private spaces only (the creator included)


@dataclass(frozen=True)
class PostPlan:
    number: int  # the thread's post counter when written: the last segment of its path
    parent: int | None  # the parent's number; None for the opening post
    depth: int
    author: str
    body: str
    age: int  # seconds before the anchor
    deleted_age: int | None = None  # deleted by its author this many seconds before the anchor
    reactions: tuple[tuple[str, str, int], ...] = ()  # (username, emoji, age)


@dataclass(frozen=True)
class ThreadPlan:
    space: str  # slug
    title: str
    posts: tuple[PostPlan, ...]  # in the order they were written; posts[0] opens the thread
    is_pinned: bool = False
    is_locked: bool = False
    accepted: int | None = None  # number of the accepted reply

    @property
    def author(self) -> str:
        return self.posts[0].author


@dataclass(frozen=True)
class Discussions:
    size: str
    seed: int
    spaces: tuple[SpacePlan, ...]
    threads: tuple[ThreadPlan, ...]

    @property
    def post_count(self) -> int:
        return sum(len(thread.posts) for thread in self.threads)


def discussions_generate(*, size: str, seed: int = 42) -> Discussions:
    if size not in THREADS:
        raise ValueError(f"size must be one of {', '.join(THREADS)}")
    people = company_generate(size=size, seed=seed).people
    spaces = spaces_plan(people[: PEOPLE["small"]])
    writer = _Writer(people, spaces, seed)
    threads = [writer.thread(index) for index in range(THREADS[size])]
    return Discussions(size=size, seed=seed, spaces=spaces, threads=tuple(threads))


def spaces_plan(people: Sequence[PersonSpec]) -> tuple[SpacePlan, ...]:
    """The spaces, their creators and the members of the private ones, from the small company."""
    heads = people[: len(company_data.DEPARTMENTS)]  # the generator places every head first
    head_of = {p.department: p.username for p in heads}
    ceo = people[0].username
    plans = []
    for spec in data.SPACES:
        members: tuple[str, ...] = ()
        if spec.visibility == "department":
            creator = head_of[spec.departments[0]]
        elif spec.slug == "project-atlas":
            creator = "manager"
            members = ("manager", "employee", *_atlas_team(people))
        elif spec.slug == "leadership-circle":
            creator = ceo
            members = (ceo, *[p.username for p in heads if p.username != ceo])
        else:
            creator = "moderator"
        plans.append(
            SpacePlan(spec.slug, spec.name, spec.description, spec.visibility, spec.departments, creator, members)
        )
    return tuple(plans)


def _atlas_team(people: Sequence[PersonSpec]) -> list[str]:
    """The first non-manager people of the departments that build Atlas (the demo logins aside)."""
    wanted = {"web": 3, "design": 2, "product": 2, "data": 1, "customer-support": 1}
    team = []
    for person in people:
        if wanted.get(person.department) and person.role == "employee" and person.username != "employee":
            wanted[person.department] -= 1
            team.append(person.username)
    return team


class _Writer:
    """Writes threads one after the other from one random stream."""

    def __init__(self, people: Sequence[PersonSpec], spaces: tuple[SpacePlan, ...], seed: int):
        self.rng = random.Random(seed * 1_000_003 + 7)
        self.people = people
        self.spaces = {space.slug: space for space in spaces}
        self.specs = {spec.slug: spec for spec in data.SPACES}
        # How much each person writes: a few write a lot, most a little. Person i's activity depends
        # only on the seed and i, so it is the same in the small and the large company.
        activity_rng = random.Random(seed * 1_000_003 + 11)
        self.activity = {p.username: 0.15 + 6 * activity_rng.random() ** 4 for p in people}
        self.activity.update({"employee": 4.0, "manager": 4.0, "moderator": 5.0, "admin": 1.5})
        self.titles: dict[str, set[str]] = {slug: set() for slug in self.spaces}
        self.space_slugs = [spec.slug for spec in data.SPACES]
        self.space_weights = list(accumulate(spec.weight for spec in data.SPACES))
        fixed = {thread.space for thread in data.FIXED_THREADS}
        self.uncovered = [slug for slug in self.space_slugs if slug not in fixed]
        self._pools: dict[tuple[str, str], tuple[list[str], list[float]]] = {}

    # --- people ----------------------------------------------------------------------------------

    def pool(self, space: str, tier: str) -> tuple[list[str], list[float]]:
        """Who can see the space (so may write and be mentioned there), with cumulative activity."""
        key = (space, tier)
        if key not in self._pools:
            plan = self.spaces[space]
            people = self.people[: PEOPLE[tier]]
            if plan.visibility == "department":
                names = [p.username for p in people if p.department in plan.departments]
            elif plan.visibility == "private":
                names = list(plan.members)
            else:
                names = [p.username for p in people]
            self._pools[key] = (names, list(accumulate(self.activity[n] for n in names)))
        return self._pools[key]

    def person(self, space: str, tier: str, *, avoid: str | None = None) -> str:
        names, cumulative = self.pool(space, tier)
        for _attempt in range(4):
            name = names[min(bisect.bisect(cumulative, self.rng.random() * cumulative[-1]), len(names) - 1)]
            if name != avoid:
                return name
        return name

    # --- threads ---------------------------------------------------------------------------------

    def thread(self, index: int) -> ThreadPlan:
        rng = self.rng
        tier = "small" if index < THREADS["small"] else "large"
        fixed = data.FIXED_THREADS[index] if index < len(data.FIXED_THREADS) else None
        if fixed:
            space, title, body = fixed.space, fixed.title, fixed.body
            author = fixed.author or self.person(space, tier)
            replies = fixed.replies
            topic = data.TOPICS[self.specs[space].topic]
            slots = self.slots(topic)
        else:
            if index < len(data.FIXED_THREADS) + len(self.uncovered):
                space = self.uncovered[index - len(data.FIXED_THREADS)]  # every space has a thread
            else:
                space = self.space_slugs[bisect.bisect(self.space_weights, rng.random() * self.space_weights[-1])]
            topic = data.TOPICS[self.specs[space].topic]
            slots = self.slots(topic)
            title, opening = self.title(space, topic, slots)
            author = self.person(space, tier)
            body = self.opening(topic.openings[opening], slots, space, tier, author)
            replies = min(MAX_REPLIES, int(-MEAN_REPLIES[tier] * math.log(1 - rng.random())))
        self.titles[space].add(title)

        start = int(DAY * SPAN_DAYS[tier] * rng.random() ** 1.5) + 3_600
        posts = [_Draft(1, None, 0, author, body)]
        chain = fixed.chain if fixed else (rng.random() < CHAIN_SHARE and replies >= 14) * (6 + int(rng.random() * 3))
        chain_at = int(replies * (0.2 + 0.4 * rng.random())) if chain else -1
        if fixed and fixed.answer:
            posts.append(_Draft(2, 1, 1, self.person(space, tier, avoid=author), fixed.answer, topical=True))
        while len(posts) <= replies:
            if len(posts) == chain_at + 1:
                self.chain(posts, space, tier, topic, slots, chain, limit=replies + 1)
                continue
            parent = self.parent(posts)
            posts.append(self.reply(posts, parent, space, tier, topic, slots))

        accepted = None
        question = (topic.question and not fixed) or (fixed and fixed.accepted)
        if question and (fixed or rng.random() < ACCEPT_SHARE):
            answers = [p for p in posts if p.depth == 1 and p.author != author]
            answer = next((p for p in answers if p.topical), answers[0] if answers else None)
            if answer is not None:
                accepted = answer.number
                thanks = rng.random() < 0.5 or bool(fixed)
                if thanks:
                    body = f"That fixed it, thank you @{answer.author}!"
                    posts.append(_Draft(len(posts) + 1, answer.number, 2, author, body))
        if fixed and fixed.locked_by:
            posts.append(_Draft(len(posts) + 1, 1, 1, fixed.locked_by, data.LOCKING_REPLY))

        ages = self.ages(start, len(posts))
        return ThreadPlan(
            space=space,
            title=title,
            posts=tuple(self.finish(posts, ages, space, tier, accepted)),
            is_pinned=bool(fixed and fixed.pinned),
            is_locked=bool(fixed and fixed.locked_by),
            accepted=accepted,
        )

    def slots(self, topic: data.Topic) -> dict[str, str]:
        values = {}
        for name, choices in topic.slots.items():
            values[name] = _pick(self.rng, choices)
            others = [c for c in choices if c != values[name]]
            values[f"{name}2"] = _pick(self.rng, others) if others else values[name]
        if topic.code:
            language, snippet = _pick(self.rng, topic.code)
            values["code"] = f"```{language}\n{snippet}\n```"
        else:
            values["code"] = ""
        return values

    def title(self, space: str, topic: data.Topic, slots: dict[str, str]) -> tuple[str, int]:
        """A title not yet used in the space, and the index of the opening post that goes with it."""
        taken = self.titles[space]
        for _attempt in range(40):
            template, opening = _pick(self.rng, topic.titles)
            title = _capitalized(template.format_map(slots))
            if title not in taken:
                return title, opening
            slots.update(self.slots(topic))  # the same template with other values, or another one
        number = 2
        while f"{title} ({number})" in taken:
            number += 1
        return f"{title} ({number})", opening

    def opening(self, template: str, slots: dict[str, str], space: str, tier: str, author: str) -> str:
        body = template.format_map(slots)
        if self.rng.random() < 0.12:
            body += f"\n\ncc @{self.person(space, tier, avoid=author)}"
        return _capitalized(body)

    def parent(self, posts: list["_Draft"]) -> "_Draft":
        """The opening post about half the time, otherwise a recent reply at depth 1 or 2."""
        replies = [p for p in posts if 1 <= p.depth <= 2]
        if not replies or self.rng.random() < 0.5:
            return posts[0]
        return replies[len(replies) - 1 - int(len(replies) * self.rng.random() ** 2)]

    def reply(
        self,
        posts: list["_Draft"],
        parent: "_Draft",
        space: str,
        tier: str,
        topic: data.Topic,
        slots: dict[str, str],
        *,
        author: str | None = None,
    ) -> "_Draft":
        rng = self.rng
        if author is None:
            grandparent = posts[parent.parent - 1] if parent.parent else None
            if grandparent and rng.random() < 0.3:
                author = grandparent.author  # answering the answer
            else:
                author = self.person(space, tier, avoid=parent.author)
        parts = []
        if parent.depth > 0:
            draw = rng.random()
            if draw < 0.25:
                parts.append(f"@{parent.author} ")
            elif draw < 0.35 and (sentence := _first_sentence(parent.body)):
                parts.append(f"> {sentence}\n\n")
        draw, topical = rng.random(), False
        if parent.depth > 0 and draw < 0.3:
            text = _pick(rng, data.FOLLOW_UPS)
        elif draw < 0.65:
            text, topical = _pick(rng, topic.replies).format_map(slots), True
        else:
            text = _pick(rng, data.GENERIC_REPLIES)
        parts.append(text if parts and parts[-1].startswith("@") else _capitalized(text))
        draw = rng.random()
        if topical and topic.code and draw < 0.08:
            language, snippet = _pick(rng, topic.code)
            parts.append(f"\n\nSomething like this:\n\n```{language}\n{snippet}\n```")
        elif topical and topic.tips and draw < 0.2:
            tips = sorted({_pick(rng, topic.tips) for _ in range(3)})
            parts.append("\n\nWhat helped us:\n\n" + "\n".join(f"- {tip}" for tip in tips))
        if rng.random() < 0.04:
            parts.append(f"\n\ncc @{self.person(space, tier, avoid=author)}")
        return _Draft(len(posts) + 1, parent.number, parent.depth + 1, author, "".join(parts), topical)

    def chain(self, posts, space, tier, topic, slots, depth: int, *, limit: int) -> None:
        """Two people going back and forth under one reply until the chain is `depth` deep."""
        start = next((p for p in reversed(posts) if p.depth == 1), None)
        if start is None:
            start = self.reply(posts, posts[0], space, tier, topic, slots)
            posts.append(start)
        other = self.person(space, tier, avoid=start.author)
        speakers = (other, start.author)
        parent = start
        while parent.depth < depth and len(posts) < limit:
            parent = self.reply(posts, parent, space, tier, topic, slots, author=speakers[parent.depth % 2 == 0])
            posts.append(parent)

    def ages(self, start: int, count: int) -> list[int]:
        """When each post was written: the first at `start`, the others bunched early, in order."""
        length = min(start - 600, int(-3 * DAY * math.log(1 - self.rng.random())) + 1_800, 30 * DAY)
        offsets = sorted(int(length * self.rng.random() ** 2) for _ in range(count - 1))
        return [start, *(start - offset for offset in offsets)]

    def finish(self, posts, ages, space, tier, accepted) -> list[PostPlan]:
        rng = self.rng
        answered = {p.parent for p in posts}
        result = []
        for draft, age in zip(posts, ages, strict=True):
            deleted_age = None
            leaf = draft.depth > 0 and draft.number not in answered and draft.number != accepted
            if leaf and rng.random() < DELETED_SHARE:
                deleted_age = max(0, age - 60 - int(rng.random() * 3_600))
            reactions = {}
            if deleted_age is None and rng.random() < (0.6 if draft.depth == 0 else 0.25):
                for _ in range(1 + int(rng.random() * (6 if draft.depth == 0 else 3))):
                    user = self.person(space, tier, avoid=draft.author)
                    emoji = _weighted_emoji(rng)
                    reactions.setdefault((user, emoji), max(0, age - int(rng.random() * 4 * 3_600)))
            result.append(
                PostPlan(
                    number=draft.number,
                    parent=draft.parent,
                    depth=draft.depth,
                    author=draft.author,
                    body=draft.body,
                    age=age,
                    deleted_age=deleted_age,
                    reactions=tuple((user, emoji, when) for (user, emoji), when in reactions.items()),
                )
            )
        return result


@dataclass
class _Draft:
    number: int
    parent: int | None
    depth: int
    author: str
    body: str
    topical: bool = False  # a reply about the thread's subject (an answer, for questions)


def _first_sentence(body: str) -> str:
    for line in body.splitlines():
        line = line.strip()
        if line and not line.startswith((">", "`", "-", "#", "|", "@", "cc ")) and not line[0].isdigit():
            match = _FIRST_SENTENCE.match(line)
            return match.group(1) if match else ""
    return ""


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick(rng: random.Random, items: Sequence):
    return items[int(rng.random() * len(items))]


_EMOJI, _EMOJI_WEIGHTS = zip(*data.EMOJI_WEIGHTS, strict=True)
_EMOJI_CUMULATIVE = list(accumulate(_EMOJI_WEIGHTS))


def _weighted_emoji(rng: random.Random) -> str:
    return _EMOJI[bisect.bisect(_EMOJI_CUMULATIVE, rng.random() * _EMOJI_CUMULATIVE[-1])]
