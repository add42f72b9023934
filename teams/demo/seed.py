"""Write the demo projects (see `data.py`) through the teams services, in one transaction.

Unlike the discussions and idea boards, which are bulk-inserted history, projects go through the
services (`project_create` with its roles, `project_publish`, `volunteer_set`, `proposal_create`,
`proposal_swap`, `proposal_confirm`, `member_invite`, `membership_respond`, `project_close`): a
project is a handful of rows, and so the seeded ones have what a manager's would have: the
rendered goal, the team's private space with its members, the proposal's explanations, the events
in the log. Only the times are moved back afterwards (the services stamp "now"), so that the
list reads as weeks of activity and the closed project as a past one.

- small (200 people): the eight projects of `data.PROJECTS` by the demo managers: six open calls
  (one promoted from a demo idea, one with a confirmed team that is all in but one invited
  person: the `employee` login), a draft and a closed project with a past team; about 25
  volunteers with notes.
- large (5,000 people): those eight and 52 more generated from `data.THEMES` for the departments,
  some with confirmed teams, some drafts, some closed; about 600 volunteers.

The plan (`projects_plan`) is pure and depends only on the size and the seed; who volunteers or
sits in a team depends on the demo company's skills as the seed left them, drawn with a random
stream per project. Idempotent: a project is found by its title and, if it exists, left alone
whatever happened to it since, so a second run writes nothing, and "large" after "small" only
adds the projects "small" does not have. Needs the demo company and idea boards first.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.demo import data as company_data
from accounts.demo.company import SIZES as COMPANY_SIZES
from accounts.demo.company import company_generate
from accounts.models import Role, Skill, User, UserSkill
from ideas.models import Idea

from .. import services
from ..models import Membership, Project, ProjectRole, Proposal, Volunteer
from ..selectors import committed_hours
from . import data

SIZES: dict[str, dict[str, int]] = {
    "small": {"generated": 0, "volunteers": 25},
    "large": {"generated": 52, "volunteers": 600},
}
PERSONAS = frozenset(p["username"] for p in company_data.PERSONAS) | {"guest"}
# The optimizer for the confirmed teams. On 200 people the heuristic's search ends well before its
# time limit, so it gives the same team every run; on 5,000 the clock would cut it (5 s a project,
# and a team that depends on the machine's speed), so "large" takes the plain greedy.
SOLVERS = {"small": "heuristic", "large": "greedy"}


@dataclass(frozen=True)
class PlannedProject:
    index: int
    spec: data.ProjectSpec
    volunteers: tuple[int, ...]  # how many volunteer for each role


def projects_plan(*, size: str, seed: int = 42) -> list[PlannedProject]:
    """The projects of a size: `data.PROJECTS`, then the generated ones, with volunteer quotas."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")
    specs = list(data.PROJECTS) + _generated(SIZES[size]["generated"], seed)
    rng = random.Random(seed * 7_919 + 11)
    # Volunteers are spread over the roles of every project that was published: "small"'s number
    # over `data.PROJECTS` (so "large" plans the same for them), the rest over the generated ones.
    # The demo logins' own volunteering (data.EMPLOYEE_VOLUNTEERS) comes on top.
    small = SIZES["small"]["volunteers"] - len(data.EMPLOYEE_VOLUNTEERS)
    quotas: dict[tuple[int, int], int] = {}
    for first, last, target in ((0, len(data.PROJECTS), small), (len(data.PROJECTS), len(specs), None)):
        slots = [(i, r) for i in range(first, last) if specs[i].state != "draft" for r in range(len(specs[i].roles))]
        if not slots:
            continue
        if target is None:
            target = SIZES[size]["volunteers"] - SIZES["small"]["volunteers"]
        quotas.update(dict.fromkeys(slots, target // len(slots)))
        for _n in range(target - len(slots) * (target // len(slots))):
            quotas[slots[int(rng.random() * len(slots))]] += 1
    return [
        PlannedProject(index=i, spec=spec, volunteers=tuple(quotas.get((i, r), 0) for r in range(len(spec.roles))))
        for i, spec in enumerate(specs)
    ]


def _generated(count: int, seed: int) -> list[data.ProjectSpec]:
    if not count:
        return []
    rng = random.Random(seed * 104_729 + 3)
    company = company_generate(size="large", seed=seed)
    managers: dict[str, list[str]] = defaultdict(list)
    for person in company.people[: COMPANY_SIZES["small"]]:  # owners exist in every size
        if person.role == Role.MANAGER and person.username not in PERSONAS:
            managers[person.department].append(person.username)
    departments = [d for d in company_data.DEPARTMENTS if managers[d.slug]]
    used: set[tuple[int, str]] = set()
    specs = []
    for i in range(count):
        theme_index = i % len(data.THEMES)
        theme = data.THEMES[theme_index]
        department = _pick(rng, departments)
        while (theme_index, department.slug) in used:
            department = _pick(rng, departments)
        used.add((theme_index, department.slug))
        state = "team" if i % 10 == 3 else "closed" if i % 10 == 7 else "draft" if i % 12 == 5 else "open"
        roles = tuple(
            data.RoleSpec(
                name=name,
                headcount=_weighted(rng, (1, 2, 3), (50, 35, 15)),
                hours_per_week=_weighted(rng, (2, 3, 4, 5, 6, 8, 10), (20, 20, 20, 12, 12, 10, 6)),
                skills=tuple((skill, _weighted(rng, (2, 3, 4), (35, 45, 20))) for skill in skills),
                description=description,
            )
            for name, skills, description in theme.roles
        )
        closed = state == "closed"
        specs.append(
            data.ProjectSpec(
                title=f"{theme.title}: {department.name}",
                owner=_pick(rng, managers[department.slug]),
                goal=theme.goal,
                topics=theme.topics,
                roles=roles,
                state=state,
                starts_in=-(100 + int(rng.random() * 200)) if closed else 7 + int(rng.random() * 50),
                lasts=30 + int(rng.random() * 90),
            )
        )
    return specs


def _pick(rng: random.Random, items):
    return items[int(rng.random() * len(items))]


def _weighted(rng: random.Random, items, weights):
    point = rng.random() * sum(weights)
    for item, weight in zip(items, weights, strict=True):
        if point < weight:
            return item
        point -= weight
    return items[-1]


# --- the database --------------------------------------------------------------------------------


@dataclass
class _People:
    by_username: dict[str, User]
    by_id: dict[int, User]
    skills: dict[int, dict[int, int]]  # person id -> skill id -> level
    heads: dict[str, str]  # department slug -> username of its head
    holders: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # skill id -> [(person id, level)]
    pickable: dict[int, User] = field(default_factory=dict)  # employees the seed may pick at random


def _people(seed: int) -> _People:
    people = {u.username: u for u in User.objects.filter(is_active=True).exclude(role=Role.GUEST)}
    skills: dict[int, dict[int, int]] = defaultdict(dict)
    holders: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for user_id, skill_id, level in UserSkill.objects.values_list("user_id", "skill_id", "level"):
        skills[user_id][skill_id] = level
        holders[skill_id].append((user_id, level))
    heads = {}
    for person in company_generate(size="small", seed=seed).people:
        heads.setdefault(person.department, person.username)  # the head comes first
    pickable = {u.pk: u for name, u in people.items() if name not in PERSONAS}
    return _People(
        by_username=people,
        by_id={u.pk: u for u in people.values()},
        skills=skills,
        heads=heads,
        holders=holders,
        pickable=pickable,
    )


@dataclass
class _Counts:
    created: int = 0
    volunteers_created: int = 0
    seats_created: int = 0


@transaction.atomic
def teams_seed(*, size: str, seed: int = 42) -> dict[str, int]:
    """Create the demo projects that are missing. Returns what the seed holds and what it wrote.
    Needs the demo company (`accounts.demo.seed.seed_demo`) and idea boards (`ideas_seed`) first."""
    plan = projects_plan(size=size, seed=seed)
    existing = set(Project.objects.filter(title__in=[p.spec.title for p in plan]).values_list("title", flat=True))
    missing = [p for p in plan if p.spec.title not in existing]
    counts = _Counts()
    if missing:
        people = _people(seed)
        owners = {p.spec.owner for p in missing}
        unknown = {o for o in owners if _owner_name(o, people) not in people.by_username}
        if unknown:
            raise ValueError(f"demo owners are missing ({', '.join(sorted(unknown))}): seed the company first")
        skills = dict(Skill.objects.values_list("name", "pk"))
        now = timezone.now().replace(microsecond=0)
        for planned in missing:
            _project_seed(planned, people, skills, size=size, seed=seed, now=now, counts=counts)
    return _summary(plan, counts)


def _owner_name(owner: str, people: _People) -> str:
    return people.heads.get(owner.split(":", 1)[1], owner) if owner.startswith("head:") else owner


def _project_seed(
    planned: PlannedProject, people: _People, skills: dict, *, size: str, seed: int, now, counts: _Counts
) -> None:
    spec = planned.spec
    rng = random.Random(seed * 1_000 + planned.index)
    owner = people.by_username[_owner_name(spec.owner, people)]
    today = timezone.localdate()
    idea_id = None
    if spec.idea:
        board, title = spec.idea
        idea_id = (
            Idea.objects.filter(board__slug=board, title=title, merged_into__isnull=True, project__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
    project = services.project_create(
        owner=owner,
        title=spec.title,
        goal=spec.goal,
        topics=spec.topics,
        starts_on=today + timedelta(days=spec.starts_in),
        ends_on=today + timedelta(days=spec.starts_in + spec.lasts),
        idea_id=idea_id,
        roles=[
            {
                "name": role.name,
                "headcount": role.headcount,
                "hours_per_week": role.hours_per_week,
                "description": role.description,
                "skills": [{"skill_id": skills[name], "min_level": level} for name, level in role.skills],
            }
            for role in spec.roles
        ],
    )
    counts.created += 1
    if spec.state == "draft":
        _backdate(project, spec, rng, now)
        return
    services.project_publish(project_id=project.pk, actor=owner)
    roles = list(project.roles.prefetch_related("requirements__skill").order_by("position", "pk"))
    _volunteers_seed(project, roles, planned, people, rng, counts)
    if spec.state == "team":
        _team_seed(project, owner, people, SOLVERS[size], counts)
    elif spec.state == "closed":
        _past_team_seed(project, roles, owner, people, rng, counts)
        services.project_close(project_id=project.pk, actor=owner)
    _backdate(project, spec, rng, now)


def _requirements(role: ProjectRole) -> list[tuple[int, int]]:
    return [(requirement.skill_id, requirement.min_level) for requirement in role.requirements.all()]


def _matches(person_id: int, requirements: list[tuple[int, int]], people: _People) -> tuple[int, int]:
    """(required skills met, sum of levels over them)."""
    held = people.skills.get(person_id, {})
    levels = [held.get(skill_id, 0) for skill_id, _minimum in requirements]
    met = sum(level >= minimum for level, (_skill, minimum) in zip(levels, requirements, strict=True))
    return met, sum(levels)


def _candidates(role: ProjectRole, owner: User, people: _People) -> list[User]:
    """Everyone the seed may pick with a required skill at the minimum level or one below (to grow
    into it), those who meet most requirements and have the highest levels first."""
    requirements = _requirements(role)
    ids = {
        person_id
        for skill_id, minimum in requirements
        for person_id, level in people.holders.get(skill_id, ())
        if level >= max(1, minimum - 1)
    }
    pickable = [people.pickable[pk] for pk in ids if pk in people.pickable and pk != owner.pk]
    scored = [(_matches(p.pk, requirements, people), p) for p in pickable]
    scored.sort(key=lambda item: (-item[0][0], -item[0][1], item[1].username))
    return [p for _score, p in scored]


def _volunteers_seed(project, roles, planned: PlannedProject, people: _People, rng, counts: _Counts) -> None:
    taken: set[int] = set()
    for role, quota in zip(roles, planned.volunteers, strict=True):
        pool = [p for p in _candidates(role, project.owner, people) if p.pk not in taken][: max(3 * quota, 6)]
        for _n in range(min(quota, len(pool))):
            person = pool.pop(int(rng.random() * len(pool)))
            taken.add(person.pk)
            held = {r.skill.name for r in role.requirements.all() if r.skill_id in people.skills[person.pk]}
            note = _pick(rng, data.VOLUNTEER_NOTES).format(
                skill=sorted(held)[0] if held else role.name.lower(), project=project.title
            )
            strength = _weighted(rng, (1, 2, 3), (25, 45, 30))
            services.volunteer_set(role_id=role.pk, person=person, note=note, strength=strength)
            counts.volunteers_created += 1
    for title, role_name, strength, note in data.EMPLOYEE_VOLUNTEERS:
        if title == project.title:
            role = next(r for r in roles if r.name == role_name)
            person = people.by_username[data.INVITED]
            services.volunteer_set(role_id=role.pk, person=person, note=note, strength=strength)
            counts.volunteers_created += 1


def _team_seed(project: Project, owner: User, people: _People, solver: str, counts: _Counts) -> None:
    """Ask the optimizer, make sure the demo login who volunteered is in, confirm, and have everyone
    accept but one: the demo login (or, without one, the last person invited)."""
    proposal = services.proposal_create(project_id=project.pk, actor=owner, solver=solver)
    proposal = _personas_out(proposal, owner, people)
    invited = people.by_username.get(data.INVITED)
    wanted = [role_name for title, role_name, _s, _n in data.EMPLOYEE_VOLUNTEERS if title == project.title and invited]
    for role_name in wanted:
        role = project.roles.get(name=role_name)
        seated = proposal.assignment.get(str(role.pk), [])
        if invited.pk in seated:
            continue
        remove = seated[-1] if len(seated) >= role.headcount else None
        proposal = services.proposal_swap(
            proposal_id=proposal.pk, actor=owner, role_id=role.pk, remove_person_id=remove, add_person_id=invited.pk
        )
    services.proposal_confirm(proposal_id=proposal.pk, actor=owner)
    seats = list(project.memberships.filter(status=Membership.Status.INVITED).order_by("pk"))
    counts.seats_created += len(seats)
    waiting = invited.pk if wanted else seats[-1].person_id
    for seat in seats:
        if seat.person_id != waiting:
            services.membership_respond(membership_id=seat.pk, user=people.by_id[seat.person_id], accept=True)


def _personas_out(proposal: Proposal, owner: User, people: _People) -> Proposal:
    """The optimizer may seat a demo login (the owner has the skills too): swap them for their best
    alternative, so that what happens to the demo logins is what `data` says (the invited one stays)."""

    def persona(person_id: int) -> bool:
        person = people.by_id.get(person_id)
        return person is None or (person.username in PERSONAS and person.username != data.INVITED)

    for role in proposal.result.get("roles", []):
        for seat in role["seats"]:
            member = seat["member"]
            if member is None or member["fixed"] or not persona(member["person_id"]):
                continue
            seated = {p for ids in proposal.assignment.values() for p in ids}
            alternative = next(
                (
                    a["person_id"]
                    for a in seat["alternatives"]
                    if a["person_id"] not in seated and not persona(a["person_id"])
                ),
                None,
            )
            proposal = services.proposal_swap(
                proposal_id=proposal.pk,
                actor=owner,
                role_id=role["role_id"],
                remove_person_id=member["person_id"],
                add_person_id=alternative,
            )
    return proposal


def _past_team_seed(project: Project, roles, owner: User, people: _People, rng, counts: _Counts) -> None:
    """Invite people who meet a role's skills and have the hours, one by one; all of them accept."""
    seated: set[int] = set()
    for role in roles:
        fits = [p for p in _candidates(role, owner, people) if p.weekly_availability >= role.hours_per_week]
        requirements = _requirements(role)
        pool = [p for p in fits if _matches(p.pk, requirements, people)[0] == len(requirements)] or fits
        pool = [p for p in pool if p.pk not in seated][: 3 * role.headcount]
        booked = committed_hours(person_ids=[p.pk for p in pool])
        filled = 0
        while pool and filled < role.headcount:
            person = pool.pop(int(rng.random() * len(pool)))
            if booked[person.pk] + role.hours_per_week > person.weekly_availability:
                continue
            seat = services.member_invite(project_id=project.pk, role_id=role.pk, person_id=person.pk, actor=owner)
            services.membership_respond(membership_id=seat.pk, user=person, accept=True)
            seated.add(person.pk)
            filled += 1
            counts.seats_created += 1


def _backdate(project: Project, spec: data.ProjectSpec, rng, now) -> None:
    """Move the services' "now" back: open calls were published days or weeks ago, the closed
    project ran from its start to its end date."""
    if spec.state == "closed":
        start = now + timedelta(days=spec.starts_in)
        created = start - timedelta(days=21)
        published = created + timedelta(days=2)
        closed = now + timedelta(days=spec.starts_in + spec.lasts)
        Project.objects.filter(pk=project.pk).update(created_at=created, published_at=published, closed_at=closed)
        project.memberships.update(
            invited_at=published + timedelta(days=9), responded_at=published + timedelta(days=10)
        )
        Volunteer.objects.filter(role__project=project).update(created_at=published + timedelta(days=3))
        Proposal.objects.filter(project=project).update(created_at=published + timedelta(days=8))
        return
    age = timedelta(days=3 + int(rng.random() * 40), hours=int(rng.random() * 24))
    published = None if spec.state == "draft" else now - age + timedelta(days=1)
    Project.objects.filter(pk=project.pk).update(created_at=now - age, published_at=published)
    if published is not None:
        for volunteer in Volunteer.objects.filter(role__project=project).order_by("pk"):
            Volunteer.objects.filter(pk=volunteer.pk).update(
                created_at=published + (now - published) * rng.random() * 0.7
            )


def _summary(plan: list[PlannedProject], counts: _Counts) -> dict[str, int]:
    titles = [p.spec.title for p in plan]
    projects = Project.objects.filter(title__in=titles)
    status = dict(projects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    seats = Membership.objects.filter(project__in=projects)
    return {
        "projects": len(plan),
        "open": status.get(Project.Status.OPEN, 0),
        "draft": status.get(Project.Status.DRAFT, 0),
        "closed": status.get(Project.Status.CLOSED, 0),
        "roles": ProjectRole.objects.filter(project__in=projects).count(),
        "volunteers": Volunteer.objects.filter(role__project__in=projects, withdrawn_at__isnull=True).count(),
        "teams": Proposal.objects.filter(project__in=projects, status=Proposal.Status.CONFIRMED).count(),
        "members": seats.filter(status=Membership.Status.ACCEPTED, project__status=Project.Status.OPEN).count(),
        "invited": seats.filter(status=Membership.Status.INVITED).count(),
        "past_members": seats.filter(
            Q(status=Membership.Status.ACCEPTED), project__status=Project.Status.CLOSED
        ).count(),
        "spaces": projects.filter(space__isnull=False).count(),
        "projects_created": counts.created,
        "volunteers_created": counts.volunteers_created,
        "seats_created": counts.seats_created,
    }
