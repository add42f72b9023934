"""The optimizer's input read from the database: who could sit where, with what, and who knows whom.

`formation_data(projects=...)` builds one `teams.formation.FormationInput` for a manager's
proposal (one project) or a company round (many). Candidates are the active employees who have a
required skill of a role, volunteered for one or already hold a seat; their free hours are net of
the live seats they hold on other projects (seats on the projects being formed are passed as fixed
members, with their hours given back). Collaboration ties come from threads both posted in, ideas
both authored and past teams (`teams.formation.collaboration_weight`).
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q

from accounts.models import Interest, Role, User, UserSkill
from ideas.models import IdeaCoauthor
from teams import formation
from threads.models import Post

from ..models import Membership, Project, ProjectRole, RoleSkill, Volunteer
from .projects import committed_hours

# A thread with more posters than this says little about any two of them working together.
MAX_THREAD_PARTICIPANTS = 30


def topic_id(topic: str) -> str:
    return "topic:" + topic.strip().lower()


@dataclass
class FormationData:
    input: formation.FormationInput
    roles: dict[int, ProjectRole]
    candidate_ids: set[int]  # everyone passed to the optimizer
    seatable_ids: set[int]  # those of them who could take a seat (qualified, with the hours, or named)


def formation_data(
    *, projects: list[Project], extra_person_ids=(), weights: formation.Weights | None = None
) -> FormationData:
    project_ids = [p.pk for p in projects]
    roles = {r.pk: r for r in ProjectRole.objects.filter(project_id__in=project_ids).order_by("position", "id")}
    requirements: dict[int, dict[int, int]] = defaultdict(dict)
    skill_names: dict[int, str] = {}
    for role_id, skill_id, name, minimum in RoleSkill.objects.filter(role_id__in=roles).values_list(
        "role_id", "skill_id", "skill__name", "min_level"
    ):
        requirements[role_id][skill_id] = minimum
        skill_names[skill_id] = name
    fixed: dict[int, list[int]] = defaultdict(list)
    for role_id, person_id in (
        Membership.objects.live().filter(project_id__in=project_ids).values_list("role_id", "person_id")
    ):
        fixed[role_id].append(person_id)
    preferences = [
        formation.Preference(person_id=person_id, role_id=role_id, strength=strength, note=note)
        for person_id, role_id, strength, note in Volunteer.objects.filter(
            role_id__in=roles, withdrawn_at__isnull=True
        ).values_list("person_id", "role_id", "strength", "note")
    ]
    named = {p.person_id for p in preferences} | {pid for ids in fixed.values() for pid in ids} | set(extra_person_ids)
    required = set(skill_names)
    employees = User.objects.exclude(role=Role.GUEST)
    if any(not requirements.get(role_id) for role_id in roles):
        candidates = Q(is_active=True, weekly_availability__gt=0)
    else:
        # People with no free hours stay in: the explanation of an open seat names them.
        candidates = Q(is_active=True, user_skills__skill_id__in=required)
    people_rows = {
        pk: (active, hours, department)
        for pk, active, hours, department in employees.filter(candidates | Q(pk__in=named))
        .distinct()
        .values_list("pk", "is_active", "weekly_availability", "department_id")
    }
    ids = set(people_rows)
    skills: dict[int, dict[int, int]] = defaultdict(dict)
    held = UserSkill.objects.filter(skill_id__in=required)
    held = held.filter(user_id__in=ids) if len(ids) < 500 else held.filter(user__is_active=True)
    for user_id, skill_id, level in held.values_list("user_id", "skill_id", "level"):
        if user_id in people_rows:
            skills[user_id][skill_id] = level
    # Only the active people who meet some role's minimum for a skill and have the hours of the
    # smallest role (or are named) can be seated: interests and ties are read for them alone. The
    # others are passed too, for the explanations ("the best level is 3", "fewer free hours").
    lowest: dict[int, int] = {}
    for needs in requirements.values():
        for skill_id, minimum in needs.items():
            lowest[skill_id] = min(lowest.get(skill_id, minimum), minimum)
    if any(not requirements.get(role_id) for role_id in roles):
        seatable = set(ids)
    else:
        seatable = (named & ids) | {
            pk for pk, held in skills.items() if any(level >= lowest[skill] for skill, level in held.items())
        }
    booked = committed_hours(person_ids=seatable, exclude_project_ids=project_ids)
    fewest_hours = min((role.hours_per_week for role in roles.values()), default=0)
    seatable = (named & ids) | {
        pk for pk in seatable if people_rows[pk][0] and people_rows[pk][1] - booked[pk] >= fewest_hours
    }
    topics = {topic_id(t) for p in projects for t in p.topic_list}
    interests: dict[int, set] = defaultdict(set)
    for user_id, skill_id, topic in Interest.objects.filter(user_id__in=seatable).values_list(
        "user_id", "skill_id", "topic"
    ):
        tag = skill_id if skill_id else topic_id(topic)
        if tag in required or tag in topics:
            interests[user_id].add(tag)
    people = [
        formation.Person(
            id=pk,
            skills=skills.get(pk, {}),
            interests=frozenset(interests.get(pk, ())),
            free_hours=float(max(0, hours - booked[pk])),
            department_id=department,
            active=active,
        )
        for pk, (active, hours, department) in people_rows.items()
    ]
    by_project: dict[int, list[formation.Role]] = defaultdict(list)
    for role in roles.values():
        by_project[role.project_id].append(
            formation.Role(
                id=role.pk,
                project_id=role.project_id,
                required_skills=requirements.get(role.pk, {}),
                headcount=role.headcount,
                hours_per_week=float(role.hours_per_week),
            )
        )
    inp = formation.FormationInput(
        people=people,
        projects=[
            formation.Project(
                id=p.pk,
                roles=by_project.get(p.pk, []),
                fixed_members={r.id: fixed[r.id] for r in by_project.get(p.pk, []) if fixed.get(r.id)},
                topics=frozenset(topic_id(t) for t in p.topic_list),
            )
            for p in projects
        ],
        preferences=preferences,
        ties=collaboration_ties(seatable),
        weights=weights or formation.Weights(),
        # Topic ids name themselves in the explanations ("interested in data viz").
        skill_names={**{topic_id(t): t for p in projects for t in p.topic_list}, **skill_names},
    )
    return FormationData(input=inp, roles=roles, candidate_ids=ids, seatable_ids=seatable)


def _pairs(groups: dict[int, set[int]], limit: int | None = None) -> dict[tuple[int, int], int]:
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for members in groups.values():
        if len(members) < 2 or (limit and len(members) > limit):
            continue
        for a, b in combinations(sorted(members), 2):
            counts[a, b] += 1
    return counts


def collaboration_ties(person_ids: set[int]) -> list[formation.Tie]:
    """Ties among `person_ids` from threads both posted in, ideas both authored and past teams."""
    if len(person_ids) < 2:
        return []
    threads: dict[int, set[int]] = defaultdict(set)
    for thread_id, author_id in (
        Post.objects.filter(author_id__in=person_ids, is_deleted=False).values_list("thread_id", "author_id").distinct()
    ):
        threads[thread_id].add(author_id)
    ideas: dict[int, set[int]] = defaultdict(set)
    for idea_id, author_id, coauthor_id in IdeaCoauthor.objects.filter(
        user_id__in=person_ids, accepted_at__isnull=False
    ).values_list("idea_id", "idea__author_id", "user_id"):
        ideas[idea_id] |= {coauthor_id} | ({author_id} if author_id in person_ids else set())
    teams: dict[int, set[int]] = defaultdict(set)
    for project_id, person_id in Membership.objects.filter(
        person_id__in=person_ids, status__in=[Membership.Status.ACCEPTED, Membership.Status.LEFT]
    ).values_list("project_id", "person_id"):
        teams[project_id].add(person_id)
    shared_threads = _pairs(threads, MAX_THREAD_PARTICIPANTS)
    shared_ideas = _pairs(ideas)
    past_teams = _pairs(teams)
    return [
        formation.Tie(
            a=a,
            b=b,
            weight=formation.collaboration_weight(
                shared_threads=shared_threads.get((a, b), 0),
                shared_ideas=shared_ideas.get((a, b), 0),
                past_teams=past_teams.get((a, b), 0),
            ),
        )
        for a, b in set(shared_threads) | set(shared_ideas) | set(past_teams)
    ]
