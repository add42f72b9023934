"""Generate a demo company from a seed. Pure Python, no Django: the same seed and size always give
the same company, and `seed.seed_demo` writes it to the database.

Reproducible across Python versions: the only random primitive used is `Random.random()`, whose
sequence for an integer seed Python guarantees not to change (`choice`, `sample`, `gauss` and
friends make no such promise).

Prefix-stable: person *i* depends only on the seed and on persons 0..i-1, never on the size, so
the 200 people of "small" are exactly the first 200 people of "large" with the same seed. The
first people are the department heads, in `data.DEPARTMENTS` order (the CEO first); the others
are spread over departments by a smooth weighted round-robin, which keeps every prefix close to
the target proportions.

The org chart: the CEO heads the Executive Office; the head of a top-level department reports to
the CEO and the head of a sub-department to the head of its parent. Inside a department, the first
TEAM_SIZE members report to the head; after that every TEAM_SIZE-th member is a team lead who
reports to the head, and the members after a lead report to that lead.
"""

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from . import data

SIZES: dict[str, int] = {"small": 200, "large": 5_000}
EMAIL_DOMAIN = "demo.collab"
TEAM_SIZE = 12

LEVELS = (1, 2, 3, 4, 5)
# Level weights by seniority (0 junior .. 3 principal), for a skill at the heart of the job...
CORE_LEVEL_WEIGHTS = ((15, 40, 35, 9, 1), (5, 20, 45, 25, 5), (2, 8, 30, 42, 18), (1, 4, 20, 40, 35))
# ... and for a skill on the side.
SIDE_LEVEL_WEIGHTS = ((45, 40, 13, 2, 0), (30, 40, 25, 5, 0), (20, 35, 30, 13, 2), (15, 30, 32, 18, 5))
SENIORITY_WEIGHTS = (22, 40, 28, 10)
SKILL_COUNT_WEIGHTS = ((2, 3, 4, 5, 6), (12, 26, 30, 20, 12))
INTEREST_COUNT_WEIGHTS = ((1, 2, 3, 4), (30, 35, 22, 13))
FREE_TOPIC_SHARE = 0.25
# Free hours a week: most people have a few, managers fewer.
HOURS = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12)
MEMBER_HOURS_WEIGHTS = (14, 10, 16, 12, 14, 8, 9, 8, 5, 4)
MANAGER_HOURS_WEIGHTS = (30, 20, 20, 12, 10, 4, 4, 0, 0, 0)

_NOT_DECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L"})
_NOT_DECOMPOSED.update(str.maketrans({"đ": "d", "Đ": "D", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th"}))


@dataclass(frozen=True)
class PersonSpec:
    username: str
    first_name: str
    last_name: str
    email: str
    department: str  # slug
    job_title: str
    manager: str | None  # username
    role: str  # an accounts.models.Role value
    bio: str
    weekly_availability: int
    skills: tuple[tuple[str, int], ...]  # (skill slug, level 1-5)
    interests: tuple[tuple[str | None, str], ...]  # (skill slug, "") or (None, free topic)


@dataclass(frozen=True)
class Company:
    size: str
    seed: int
    categories: tuple[tuple[str, str], ...]  # (slug, name)
    skills: tuple[tuple[str, str, str], ...]  # (slug, name, category slug)
    departments: tuple[data.DepartmentSpec, ...]
    people: tuple[PersonSpec, ...]


def ascii_fold(value: str) -> str:
    value = unicodedata.normalize("NFKD", value.translate(_NOT_DECOMPOSED))
    return value.encode("ascii", "ignore").decode("ascii")


def slugify_ascii(value: str) -> str:
    """The same slug as `django.utils.text.slugify`, without importing Django."""
    value = re.sub(r"[^\w\s-]", "", ascii_fold(value).lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def username_base(first_name: str, last_name: str) -> str:
    """ "Søren", "O'Brien" -> "soren.obrien"."""
    parts = [re.sub(r"[^a-z0-9-]", "", ascii_fold(name).lower()) for name in (first_name, last_name)]
    return ".".join(parts)


CATEGORIES: tuple[tuple[str, str], ...] = tuple((slugify_ascii(name), name) for name, _ in data.SKILL_TAXONOMY)
SKILLS: tuple[tuple[str, str, str], ...] = tuple(
    (slugify_ascii(skill), skill, slugify_ascii(category))
    for category, skills in data.SKILL_TAXONOMY
    for skill in skills
)
SKILL_SLUGS: dict[str, str] = {name: slug for slug, name, _ in SKILLS}
SKILL_NAMES: tuple[str, ...] = tuple(name for _, name, _ in SKILLS)
DEPARTMENTS_BY_SLUG: dict[str, data.DepartmentSpec] = {spec.slug: spec for spec in data.DEPARTMENTS}
PERSONA_SEATS: dict[tuple[str, int], dict] = {(p["department"], p["position"]): p for p in data.PERSONAS}


def company_generate(*, size: str, seed: int = 42) -> Company:
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")
    return Company(
        size=size,
        seed=seed,
        categories=CATEGORIES,
        skills=SKILLS,
        departments=data.DEPARTMENTS,
        people=people_generate(count=SIZES[size], seed=seed),
    )


def people_generate(*, count: int, seed: int) -> tuple[PersonSpec, ...]:
    if count < len(data.DEPARTMENTS):
        raise ValueError("every department needs a head: count is too small")
    rng = random.Random(seed)
    ceo_department = data.DEPARTMENTS[0].slug
    seats: dict[tuple[str, int], str] = {}  # (department, position) -> username
    next_position = dict.fromkeys(DEPARTMENTS_BY_SLUG, 0)
    taken = {p["username"] for p in data.PERSONAS}
    people = []
    for department in department_sequence(count):
        spec = DEPARTMENTS_BY_SLUG[department]
        position = next_position[department]
        next_position[department] += 1
        persona = PERSONA_SEATS.get((department, position), {})

        first_name, last_name = _pick(rng, data.FIRST_NAMES), _pick(rng, data.LAST_NAMES)
        team = (position - 1) // TEAM_SIZE
        if position == 0:
            kind, seniority, job_title = "head", 3, spec.head_title
            if spec.parent:
                manager = seats[(spec.parent, 0)]
            else:
                manager = seats[(ceo_department, 0)] if department != ceo_department else None
        elif team > 0 and (position - 1) % TEAM_SIZE == 0:
            kind, seniority, job_title = "lead", 2 + (rng.random() < 0.5), spec.lead_title
            manager = seats[(department, 0)]
        else:
            kind = "member"
            seniority = _weighted(rng, (0, 1, 2, 3), SENIORITY_WEIGHTS)
            job_title = _title_pick(rng, spec, seniority)
            manager = seats[(department, 0 if team == 0 else 1 + team * TEAM_SIZE)]

        if persona:
            username = persona["username"]
            first_name, last_name, job_title = persona["first_name"], persona["last_name"], persona["job_title"]
            seniority = persona.get("seniority", seniority)
            role = persona["role"]
        else:
            username = _username_claim(username_base(first_name, last_name), taken)
            role = "employee" if kind == "member" else "manager"
        seats[(department, position)] = username

        skills = _skills_pick(rng, spec, seniority)
        interests = _interests_pick(rng, spec, skills)
        hours = _weighted(rng, HOURS, MEMBER_HOURS_WEIGHTS if kind == "member" else MANAGER_HOURS_WEIGHTS)
        if persona and "weekly_availability" in persona:  # drawn anyway: the rest of the company stays the same
            hours = persona["weekly_availability"]
        strongest = max(skills, key=lambda item: item[1])[0]
        years = 1 + int(rng.random() * 12)
        bio = _pick(rng, data.BIO_TEMPLATES).format(
            title=job_title,
            department=spec.name,
            skill=strongest,
            hobby=_pick(rng, data.HOBBIES),
            years="a year" if years == 1 else f"{years} years",
        )
        people.append(
            PersonSpec(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@{EMAIL_DOMAIN}",
                department=department,
                job_title=job_title,
                manager=manager,
                role=role,
                bio=bio,
                weekly_availability=hours,
                skills=tuple((SKILL_SLUGS[name], level) for name, level in skills),
                interests=interests,
            )
        )
    return tuple(people)


def department_sequence(count: int) -> list[str]:
    """The department of each person: the heads first, then a smooth weighted round-robin."""
    sequence = [spec.slug for spec in data.DEPARTMENTS][:count]
    total = sum(spec.weight for spec in data.DEPARTMENTS)
    credit = dict.fromkeys(DEPARTMENTS_BY_SLUG, 0)
    while len(sequence) < count:
        for spec in data.DEPARTMENTS:
            credit[spec.slug] += spec.weight
        chosen = max(credit, key=credit.__getitem__)  # the first of equals: dicts keep their order
        credit[chosen] -= total
        sequence.append(chosen)
    return sequence


def _username_claim(base: str, taken: set[str]) -> str:
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    taken.add(username)
    return username


def _title_pick(rng: random.Random, spec: data.DepartmentSpec, seniority: int) -> str:
    titles = [title for title, level in spec.titles if level == seniority]
    if not titles:
        closest = min(abs(level - seniority) for _, level in spec.titles)
        titles = [title for title, level in spec.titles if abs(level - seniority) == closest]
    return _pick(rng, titles)


def _skills_pick(rng: random.Random, spec: data.DepartmentSpec, seniority: int) -> list[tuple[str, int]]:
    """2-6 (skill name, level): mostly the department's core skills, at levels that grow with seniority."""
    wanted = _weighted(rng, *SKILL_COUNT_WEIGHTS)
    chosen = {_pick(rng, spec.core_skills): _weighted(rng, LEVELS, CORE_LEVEL_WEIGHTS[seniority])}
    for _attempt in range(40):
        if len(chosen) >= wanted:
            break
        draw = rng.random()
        if draw < 0.6:
            pool, weights = spec.core_skills, CORE_LEVEL_WEIGHTS
        elif draw < 0.88:
            pool, weights = spec.adjacent_skills, SIDE_LEVEL_WEIGHTS
        else:
            pool, weights = data.GENERAL_SKILLS, SIDE_LEVEL_WEIGHTS
        name = _pick(rng, pool)
        if name not in chosen:
            chosen[name] = _weighted(rng, LEVELS, weights[seniority])
    return list(chosen.items())


def _interests_pick(
    rng: random.Random, spec: data.DepartmentSpec, skills: list[tuple[str, int]]
) -> tuple[tuple[str | None, str], ...]:
    """1-4 interests: mostly skills to grow into (not held, or held below level 3), some free topics."""
    levels = dict(skills)
    wanted = _weighted(rng, *INTEREST_COUNT_WEIGHTS)
    interests: list[tuple[str | None, str]] = []
    for _attempt in range(40):
        if len(interests) >= wanted:
            break
        if rng.random() < FREE_TOPIC_SHARE:
            interest: tuple[str | None, str] = (None, _pick(rng, data.FREE_TOPICS))
        else:
            draw = rng.random()
            pool = spec.adjacent_skills if draw < 0.5 else spec.core_skills if draw < 0.7 else SKILL_NAMES
            name = _pick(rng, pool)
            if levels.get(name, 0) >= 3:
                continue
            interest = (SKILL_SLUGS[name], "")
        if interest not in interests:
            interests.append(interest)
    return tuple(interests) or ((None, data.FREE_TOPICS[0]),)


def _pick(rng: random.Random, items: Sequence):
    return items[int(rng.random() * len(items))]


def _weighted(rng: random.Random, items: Sequence, weights: Sequence[float]):
    point = rng.random() * sum(weights)
    for item, weight in zip(items, weights, strict=True):
        if point < weight:
            return item
        point -= weight
    return items[-1]
