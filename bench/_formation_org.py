"""Deterministic synthetic organizations for bench/formation.py (seeded numpy RNG, no Django).

A company of `people` employees in departments of about 100 (at least 5 departments). Skills
have a long-tailed popularity (a few everyone has, many rare ones); each department favours 30
skills. A person has 3 to 12 skills (two thirds from their department's favourites) at levels
1-5 (mostly 2-3), 2 to 6 interests (half among their skills), 0 to 40 free hours (one in ten has
none) and is active 97% of the time. Each person has about 8 collaboration ties, three quarters in
their own department, weighted from a random history of shared threads, ideas and past teams.

A project has 2 to 5 roles, each requiring 1 to 4 skills (mostly from one department's
favourites) at minimum level 2 to 4, 1 to 3 seats of 4 to 20 hours a week, and 1 or 2 topics.
One project in five has a fixed lead. About 4 volunteers per role, people with at least one of its
skills, with strengths 1 to 3.
"""

from __future__ import annotations

import numpy as np

from teams.formation import FormationInput, Person, Preference, Project, Role, Tie, collaboration_weight

LEVELS = np.array([1, 2, 3, 4, 5])
LEVEL_P = np.array([0.15, 0.27, 0.3, 0.18, 0.1])
HOURS = np.array([0, 4, 8, 12, 16, 20, 40])
HOURS_P = np.array([0.1, 0.15, 0.2, 0.2, 0.15, 0.15, 0.05])
ROLE_HOURS = np.array([4, 8, 12, 16, 20])


def organization(*, people: int, projects: int, skills: int, seed: int) -> FormationInput:
    rng = np.random.default_rng(seed)
    n_depts = max(5, people // 100)
    popularity = 1.0 / (np.arange(skills) + 5.0) ** 0.9
    popularity /= popularity.sum()
    favourites = [rng.choice(skills, size=min(30, skills), replace=False, p=popularity) for _ in range(n_depts)]
    dept_of = rng.integers(0, n_depts, size=people)

    persons: list[Person] = []
    holders: dict[int, list[int]] = {}
    for i in range(people):
        n_skills = int(rng.integers(3, 13))
        own = rng.choice(favourites[dept_of[i]], size=min(n_skills * 2 // 3, 30), replace=False)
        other = rng.choice(skills, size=n_skills - len(own), replace=False, p=popularity)
        chosen = list(dict.fromkeys(int(s) for s in np.concatenate([own, other])))
        levels = rng.choice(LEVELS, size=len(chosen), p=LEVEL_P)
        for s in chosen:
            holders.setdefault(s, []).append(i)
        n_interests = int(rng.integers(2, 7))
        interests = {int(s) for s in rng.choice(chosen, size=min(n_interests // 2, len(chosen)), replace=False)}
        interests |= {int(s) for s in rng.choice(skills, size=n_interests - len(interests), p=popularity)}
        persons.append(
            Person(
                id=i + 1,
                skills={s: int(v) for s, v in zip(chosen, levels, strict=True)},
                interests=frozenset(interests),
                free_hours=float(rng.choice(HOURS, p=HOURS_P)),
                department_id=int(dept_of[i]) + 1,
                active=bool(rng.random() < 0.97),
            )
        )

    booked = np.zeros(people)
    project_list: list[Project] = []
    preferences: list[Preference] = []
    volunteered: set[tuple[int, int]] = set()
    role_id = 0
    for t in range(projects):
        area = favourites[int(rng.integers(0, n_depts))]
        roles = []
        fixed: dict[int, list[int]] = {}
        for _ in range(int(rng.integers(2, 6))):
            role_id += 1
            n_req = int(rng.integers(1, 5))
            from_area = rng.random(n_req) < 0.8
            req = [int(rng.choice(area)) if a else int(rng.choice(skills, p=popularity)) for a in from_area]
            required = {s: int(rng.integers(2, 5)) for s in req}
            role = Role(
                id=role_id,
                project_id=t + 1,
                required_skills=required,
                headcount=int(rng.integers(1, 4)),
                hours_per_week=float(rng.choice(ROLE_HOURS)),
            )
            roles.append(role)
            pool = sorted({p for s in required for p in holders.get(s, [])})
            if pool:
                for p in rng.choice(pool, size=min(len(pool), int(rng.poisson(4))), replace=False):
                    if (int(p), role.id) not in volunteered and len(volunteered) < 10 * people:
                        volunteered.add((int(p), role.id))
                        preferences.append(
                            Preference(persons[p].id, role.id, int(rng.integers(1, 4)), note="I would like this")
                        )
        if rng.random() < 0.2:
            role = roles[0]
            pool = [
                p
                for s in role.required_skills
                for p in holders.get(s, [])
                if persons[p].active and persons[p].free_hours - booked[p] >= role.hours_per_week
            ]
            if pool:
                lead = int(rng.choice(pool))
                booked[lead] += role.hours_per_week
                fixed[role.id] = [persons[lead].id]
        topics = frozenset(int(s) for s in rng.choice(area, size=int(rng.integers(1, 3)), replace=False))
        project_list.append(Project(id=t + 1, roles=tuple(roles), fixed_members=fixed, topics=topics))

    ties: list[Tie] = []
    members: dict[int, np.ndarray] = {d: np.flatnonzero(dept_of == d) for d in range(n_depts)}
    for i in range(people):
        for _ in range(int(rng.poisson(4))):  # each tie has two ends: about 8 per person
            j = int(rng.choice(members[dept_of[i]])) if rng.random() < 0.75 else int(rng.integers(0, people))
            if j == i:
                continue
            weight = collaboration_weight(
                shared_threads=int(rng.poisson(2)), shared_ideas=int(rng.poisson(0.5)), past_teams=int(rng.poisson(0.3))
            )
            if weight > 0:
                ties.append(Tie(i + 1, j + 1, weight))
    return FormationInput(
        people=persons,
        projects=project_list,
        preferences=preferences,
        ties=ties,
        skill_names={s: f"skill-{s}" for s in range(skills)},
    )
