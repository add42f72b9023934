"""The validated input compiled to numpy arrays: people, roles, requirements and candidate pairs.

A *candidate pair* (person, role) is a seat the person could take on their own: the person is
active, has at least the role's hours free, and has at least one of the role's required skills at
its minimum level, or volunteered for the role, or is fixed in it; a role without required skills
takes any active person with the hours. Nobody else is ever proposed for the role: a seat nobody
suitable can take stays open, with the reason. Every solver works on these pairs only.

Fit of a pair, from 0.025 to 1 (docs/formation.md):

    fit = (0.2 + 0.8 x skill) x (0.5 + 0.5 x interest) x (1 + preference) / 4

- skill: the mean over the role's required skills of level / 5 (0 for a skill the person lacks;
  0.5 when the role requires nothing),
- interest: the share of the role's required skills and the project's topics that are among the
  person's interests (0 when there are none),
- preference: the volunteered strength, 0 (did not volunteer) to 3.

A requirement is a (role, skill, minimum level); a pair *qualifies* for it when the person's level
is at least the minimum. The bits of `qual` are the role's requirements in the order of
`Role.required_skills`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .model import FormationInput, Id


@dataclass
class Problem:
    inp: FormationInput
    warnings: list[str]
    person_ids: list[Id]
    person_index: dict[Id, int]
    active: np.ndarray  # bool[P]
    free_hours: np.ndarray  # float[P]
    dept: np.ndarray  # int[P], -1 for none
    project_ids: list[Id]
    project_roles: list[np.ndarray]  # role indices of each project
    role_ids: list[Id]
    role_index: dict[Id, int]
    role_project: np.ndarray  # int[R]
    role_headcount: np.ndarray  # int[R]
    role_hours: np.ndarray  # float[R]
    project_seats: np.ndarray  # int[T]: total headcount of the project's roles
    req_ptr: np.ndarray  # int[R+1]: requirements of role r are req_ptr[r]:req_ptr[r+1]
    req_skill: list[Id]  # [J]
    req_min: np.ndarray  # int[J]
    req_coverable: np.ndarray  # bool[J]: some candidate of the role qualifies (and it has seats)
    role_ptr: np.ndarray  # int[R+1]: pairs of role r are role_ptr[r]:role_ptr[r+1], by person
    pair_person: np.ndarray  # int[K]
    pair_role: np.ndarray  # int[K]
    pair_project: np.ndarray  # int[K]
    pair_hours: np.ndarray  # float[K]
    fit: np.ndarray  # float[K]
    interest: np.ndarray  # float[K]
    pref: np.ndarray  # int[K], 0-3
    qual: np.ndarray  # uint64[K]
    fixed: np.ndarray  # bool[K]
    person_ptr: np.ndarray  # int[P+1]: person_pairs[person_ptr[p]:person_ptr[p+1]] are p's pairs
    person_pairs: np.ndarray  # int[K]
    adj: sparse.csr_matrix  # P x P symmetric tie weights
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (person, role) -> volunteer note
    person_project_pairs: dict[int, list[int]] = field(default_factory=dict)  # p * T + t -> pairs

    @property
    def n_people(self) -> int:
        return len(self.person_ids)

    @property
    def n_roles(self) -> int:
        return len(self.role_ids)

    @property
    def n_pairs(self) -> int:
        return len(self.pair_person)

    @property
    def n_requirements(self) -> int:
        return len(self.req_skill)

    def role_pairs(self, r: int) -> slice:
        return slice(int(self.role_ptr[r]), int(self.role_ptr[r + 1]))

    def pair_of(self, p: int, r: int) -> int:
        """The index of pair (p, r), or -1 when p is not a candidate of r."""
        a, b = int(self.role_ptr[r]), int(self.role_ptr[r + 1])
        i = a + int(np.searchsorted(self.pair_person[a:b], p))
        return i if i < b and self.pair_person[i] == p else -1

    def neighbours(self, p: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.adj.indptr[p], self.adj.indptr[p + 1]
        return self.adj.indices[a:b], self.adj.data[a:b]


def _lookup(index: np.ndarray, values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """values[i] where index[i] == key, 0 where the key is absent (index sorted)."""
    out = np.zeros(len(keys), dtype=values.dtype)
    if len(index) == 0 or len(keys) == 0:
        return out
    pos = np.minimum(np.searchsorted(index, keys), len(index) - 1)
    hit = index[pos] == keys
    out[hit] = values[pos[hit]]
    return out


def compile_problem(inp: FormationInput, warnings: list[str]) -> Problem:
    """Build the arrays of a validated input."""
    people = list(inp.people)
    person_ids = [p.id for p in people]
    person_index = {pid: i for i, pid in enumerate(person_ids)}
    active = np.array([p.active for p in people], dtype=bool)
    free_hours = np.array([float(p.free_hours) for p in people], dtype=np.float64)
    depts: dict = {}
    dept = np.array(
        [-1 if p.department_id is None else depts.setdefault(p.department_id, len(depts)) for p in people],
        dtype=np.int64,
    )
    skill_people: dict = {}
    tag_people: dict = {}
    for i, person in enumerate(people):
        for skill_id, level in person.skills.items():
            skill_people.setdefault(skill_id, ([], []))
            skill_people[skill_id][0].append(i)
            skill_people[skill_id][1].append(int(level))
        for tag in person.interests:
            tag_people.setdefault(tag, []).append(i)
    skill_arrays = {
        s: (np.array(ix, dtype=np.int64), np.array(lv, dtype=np.int8)) for s, (ix, lv) in skill_people.items()
    }
    tag_arrays = {t: np.unique(np.array(ix, dtype=np.int64)) for t, ix in tag_people.items()}

    roles = [(t, role) for t, project in enumerate(inp.projects) for role in project.roles]
    role_ids = [role.id for _, role in roles]
    role_index = {rid: r for r, rid in enumerate(role_ids)}
    volunteers: list[dict[int, int]] = [{} for _ in roles]
    notes: dict[tuple[int, int], str] = {}
    for pref in inp.preferences:
        p, r = person_index[pref.person_id], role_index[pref.role_id]
        volunteers[r][p] = int(pref.strength)
        if pref.note:
            notes[(p, r)] = pref.note
    fixed_of: list[set[int]] = [set() for _ in roles]
    for project in inp.projects:
        for role_id, members in project.fixed_members.items():
            r = role_index[role_id]
            fixed_of[r] = {person_index[m] for m in members if people[person_index[m]].active}
    everyone = np.flatnonzero(active)

    req_skill: list[Id] = []
    req_min: list[int] = []
    req_ptr = [0]
    chunks: dict[str, list[np.ndarray]] = {k: [] for k in ("person", "fit", "interest", "pref", "qual", "fixed")}
    role_ptr = [0]
    for r, (t, role) in enumerate(roles):
        skills = list(role.required_skills.items())
        req_skill.extend(s for s, _ in skills)
        req_min.extend(int(m) for _, m in skills)
        req_ptr.append(len(req_skill))
        hours = float(role.hours_per_week)
        fixed_arr = np.array(sorted(fixed_of[r]), dtype=np.int64)
        vol_arr = np.array(sorted(volunteers[r]), dtype=np.int64)
        if skills:
            pools = [skill_arrays[s][0] for s, _ in skills if s in skill_arrays] + [vol_arr, fixed_arr]
            cands = np.unique(np.concatenate(pools)) if pools else np.zeros(0, dtype=np.int64)
        else:
            cands = np.union1d(everyone, fixed_arr)
        ok = active[cands] & (free_hours[cands] >= hours - 1e-9)
        cands = cands[ok | np.isin(cands, fixed_arr)]
        n = len(cands)
        qual = np.zeros(n, dtype=np.uint64)
        if skills:
            level_sum = np.zeros(n)
            for bit, (s, minimum) in enumerate(skills):
                if s not in skill_arrays:
                    continue
                lv = _lookup(skill_arrays[s][0], skill_arrays[s][1], cands)
                level_sum += np.minimum(lv, 5)
                qual |= (lv >= int(minimum)).astype(np.uint64) << np.uint64(bit)
            keep = (qual > 0) | np.isin(cands, vol_arr) | np.isin(cands, fixed_arr)
            cands, qual, level_sum = cands[keep], qual[keep], level_sum[keep]
            n = len(cands)
            skill_term = level_sum / (5.0 * len(skills))
        else:
            skill_term = np.full(n, 0.5)
        tags = set(role.required_skills) | set(inp.projects[t].topics)
        interest = np.zeros(n)
        for tag in tags:
            if tag in tag_arrays:
                interest += np.isin(cands, tag_arrays[tag], assume_unique=True)
        if tags:
            interest /= len(tags)
        pref = _lookup(vol_arr, np.array([volunteers[r][p] for p in vol_arr], dtype=np.int64), cands)
        fit = (0.2 + 0.8 * skill_term) * (0.5 + 0.5 * interest) * (1.0 + pref) / 4.0
        for key, value in (("person", cands), ("fit", fit), ("interest", interest), ("pref", pref), ("qual", qual)):
            chunks[key].append(value)
        chunks["fixed"].append(np.isin(cands, fixed_arr))
        role_ptr.append(role_ptr[-1] + n)

    def cat(key: str, dtype) -> np.ndarray:
        return np.concatenate(chunks[key]).astype(dtype) if chunks[key] else np.zeros(0, dtype=dtype)

    n_roles = len(roles)
    role_ptr_arr = np.array(role_ptr, dtype=np.int64)
    pair_role = np.repeat(np.arange(n_roles, dtype=np.int64), np.diff(role_ptr_arr))
    role_project = np.array([t for t, _ in roles], dtype=np.int64)
    role_headcount = np.array([int(role.headcount) for _, role in roles], dtype=np.int64)
    role_hours = np.array([float(role.hours_per_week) for _, role in roles], dtype=np.float64)
    pair_person = cat("person", np.int64)
    qual = cat("qual", np.uint64)
    order = np.argsort(pair_person, kind="stable")
    person_ptr = np.zeros(len(people) + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_person, minlength=len(people)), out=person_ptr[1:])

    req_ptr_arr = np.array(req_ptr, dtype=np.int64)
    req_coverable = np.zeros(len(req_skill), dtype=bool)
    for r in range(n_roles):
        if role_headcount[r] <= 0:
            continue
        any_bits = (
            np.bitwise_or.reduce(qual[role_ptr_arr[r] : role_ptr_arr[r + 1]]) if role_ptr[r + 1] > role_ptr[r] else 0
        )
        for bit in range(req_ptr[r + 1] - req_ptr[r]):
            req_coverable[req_ptr[r] + bit] = bool(int(any_bits) >> bit & 1)

    return Problem(
        inp=inp,
        warnings=warnings,
        person_ids=person_ids,
        person_index=person_index,
        active=active,
        free_hours=free_hours,
        dept=dept,
        project_ids=[p.id for p in inp.projects],
        project_roles=[np.flatnonzero(role_project == t) for t in range(len(inp.projects))],
        role_ids=role_ids,
        role_index=role_index,
        role_project=role_project,
        role_headcount=role_headcount,
        role_hours=role_hours,
        project_seats=np.bincount(role_project, weights=role_headcount, minlength=len(inp.projects)).astype(np.int64),
        req_ptr=req_ptr_arr,
        req_skill=req_skill,
        req_min=np.array(req_min, dtype=np.int64),
        req_coverable=req_coverable,
        role_ptr=role_ptr_arr,
        pair_person=pair_person,
        pair_role=pair_role,
        pair_project=role_project[pair_role],
        pair_hours=role_hours[pair_role],
        fit=cat("fit", np.float64),
        interest=cat("interest", np.float64),
        pref=cat("pref", np.int64),
        qual=qual,
        fixed=cat("fixed", bool),
        person_ptr=person_ptr,
        person_pairs=order.astype(np.int64),
        adj=_ties(inp, person_index),
        notes=notes,
        person_project_pairs=_by_person_and_project(pair_person * len(inp.projects) + role_project[pair_role]),
    )


def _by_person_and_project(keys: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for k, key in enumerate(keys.tolist()):
        if key in out:
            out[key].append(k)
        else:
            out[key] = [k]
    return out


def _ties(inp: FormationInput, person_index: dict[Id, int]) -> sparse.csr_matrix:
    best: dict[tuple[int, int], float] = {}
    for tie in inp.ties:
        a, b = person_index.get(tie.a), person_index.get(tie.b)
        if a is None or b is None or a == b:
            continue
        key = (a, b) if a < b else (b, a)
        best[key] = max(best.get(key, 0.0), float(tie.weight))
    n = len(person_index)
    if not best:
        return sparse.csr_matrix((n, n))
    keys = np.array(list(best), dtype=np.int64)
    weights = np.array(list(best.values()))
    rows = np.concatenate([keys[:, 0], keys[:, 1]])
    cols = np.concatenate([keys[:, 1], keys[:, 0]])
    adj = sparse.csr_matrix((np.concatenate([weights, weights]), (rows, cols)), shape=(n, n))
    adj.sort_indices()
    return adj
