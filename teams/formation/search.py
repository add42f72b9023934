"""Local search over a complete assignment, and iterated local search on top of it.

`local_search` repeats passes of these moves until a pass changes nothing or time runs out:
- fill: an open seat takes its best available candidate;
- replace: a member gives their seat to the best available candidate (numpy-scored per seat);
- eject: a better candidate who is blocked (no hours left, or already in another role of the same
  project) takes the seat and leaves one of their other seats, which is then refilled: a chain of
  two moves;
- repair: a role covering fewer required skills than its candidates could is rebuilt around the
  best combination of skill patterns (`coverage.py`), ejecting people from other seats as needed,
  two levels deep;
- swap: two members of one project exchange roles;
and, once those are exhausted (`thorough`):
- polish: a role is rebuilt around each good skill combination covering as much as now, keeping
  the best (two single-skill people of high fit for one two-skill person of low fit);
- rebuild team: a project's team is refilled greedily from several starts, including pairs of
  tied candidates, which single moves cannot bring in together.
`perturb.py` then kicks the assignment (force a holder of a missing skill into a role; rebuild
a random team), repairs around the kick, and keeps the result only if it is better.

Every compound move is applied tentatively through a journal and undone unless the objective rises
overall, so the search only ever improves and terminates. Fixed members never move."""

from __future__ import annotations

import time

import numpy as np

from .coverage import best_combinations, maximal_patterns
from .journal import Journal, best_of, sparse_triu, undo_to
from .state import EPS, State

REPAIR_DEPTH = 2  # a repair may eject someone, whose role is rebuilt ejecting someone else


def local_search(st: State, *, deadline: float, eject_tries: int = 2, thorough: bool = True) -> int:
    """Improve `st` in place until no move gains or the deadline passes; return the moves made.
    `thorough` adds the slower role polish and team rebuilds once the cheap moves are exhausted."""
    pb = st.pb
    moves = 0
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for r in range(pb.n_roles):
            if time.perf_counter() >= deadline:
                break
            made = fill(st, r) + replace(st, r, eject_tries)
            moves += made
            improved |= made > 0
        for r in range(pb.n_roles):
            if time.perf_counter() >= deadline:
                break
            if repair(st, r, depth=REPAIR_DEPTH if thorough else 1):
                moves += 1
                improved = True
        made = _swap_roles(st)
        moves += made
        improved |= made > 0
        if not improved and thorough:
            for r in range(pb.n_roles):
                if time.perf_counter() >= deadline:
                    break
                if _polish_role(st, r):
                    moves += 1
                    improved = True
        if not improved and thorough and st.w_comm > 0 and st.pb.adj.nnz:
            for t in range(len(pb.project_ids)):
                if time.perf_counter() >= deadline:
                    break
                if _rebuild_team(st, t):
                    moves += 1
                    improved = True
    return moves


def _rebuild_team(st: State, t: int, *, seeds: int = 6) -> bool:
    """Large-neighbourhood move for communication: take project t's non-fixed members off, then
    refill its seats greedily (best marginal gain over the project's roles) from several starts:
    as it was, and seeded with each of the few pairs of tied candidates that look best together;
    keep the best team if it beats the current one. Greedy alone adds people one at a time and
    misses two people who are only worth it together."""
    pb = st.pb
    roles = [int(r) for r in pb.project_roles[t]]
    if not roles:
        return False
    journal = Journal(st)
    for k in [k for k in st.team[t].values() if not pb.fixed[k]]:
        journal.remove(k)
    start = len(journal.steps)
    best_pair: dict[int, tuple[float, int]] = {}  # person -> (best gain, pair) over the open roles
    for r in roles:
        seg = pb.role_pairs(r)
        if seg.start == seg.stop or st.filled[r] >= pb.role_headcount[r]:
            continue
        gain, feasible = st.gains(r)
        for i in np.flatnonzero(feasible & (gain > EPS)):
            p = int(pb.pair_person[seg.start + i])
            if p not in best_pair or gain[i] > best_pair[p][0]:
                best_pair[p] = (float(gain[i]), seg.start + int(i))
    pairs = []
    if len(best_pair) > 1:
        people = np.array(sorted(best_pair))
        sub = sparse_triu(pb.adj[people][:, people])
        value = np.array([best_pair[p][0] for p in people])
        score = value[sub.row] + value[sub.col] + st.w_comm * sub.data
        for e in np.argsort(-score)[:seeds]:
            pairs.append((best_pair[int(people[sub.row[e]])][1], best_pair[int(people[sub.col[e]])][1]))
    best_gain, best_steps = journal.gain, None
    for seed in [(), *pairs]:
        for k in seed:
            if st.can_add(k):
                journal.add(k)
            else:  # both wanted the same last seat: the other may fit another role
                p = int(pb.pair_person[k])
                for r in roles:
                    k2 = pb.pair_of(p, r)
                    if k2 >= 0 and st.can_add(k2):
                        journal.add(k2)
                        break
        greedy_team(journal, roles)
        for r in roles:
            polish_role(journal, r)
        if journal.gain > best_gain + EPS:
            best_gain, best_steps = journal.gain, journal.steps[start:]
        undo_to(journal, start)
    if best_steps is None:
        journal.undo()
        return False
    for k, added in best_steps:
        if added:
            journal.add(k)
        else:
            journal.remove(k)
    return journal.settle()


def greedy_team(journal: Journal, roles: list[int]) -> None:
    st = journal.st
    while True:
        best_k, best_g = -1, EPS
        for r in roles:
            if st.filled[r] >= st.pb.role_headcount[r]:
                continue
            i, g = best_of(*st.gains(r))
            if i >= 0 and g > best_g:
                best_k, best_g = st.pb.role_pairs(r).start + i, g
        if best_k < 0:
            return
        journal.add(best_k)


def fill(st: State, r: int) -> int:
    made = 0
    while st.filled[r] < st.pb.role_headcount[r]:
        i, g = best_of(*st.gains(r))
        if i < 0 or g <= EPS:
            break
        st.add(st.pb.role_pairs(r).start + i)
        made += 1
    return made


def replace(st: State, r: int, eject_tries: int) -> int:
    pb = st.pb
    seg = pb.role_pairs(r)
    made = 0
    seats = [k for k in st.role_members[r] if not pb.fixed[k]]
    if st.filled[r] < pb.role_headcount[r]:
        seats.append(-1)  # an open seat nobody available wants: a blocked candidate may
    for k in seats:
        if k >= 0 and not st.sel[k]:
            continue
        gain, feasible = st.gains(r, without=k)
        loss = -st.remove_delta(k) if k >= 0 else 0.0
        i, g = best_of(gain, feasible)
        if i >= 0 and g - loss > EPS:
            journal = Journal(st)
            if k >= 0:
                journal.remove(k)
            journal.add(seg.start + i)
            if journal.settle():
                made += 1
                continue
        blocked = ~feasible & ~st.sel[seg] & (gain - loss > EPS)
        if not blocked.any():
            continue
        order = np.flatnonzero(blocked)
        order = order[np.argsort(-gain[order])][:eject_tries]
        for i in order:
            journal = Journal(st)
            if k >= 0:
                journal.remove(k)
            if seat_with_ejection(journal, seg.start + int(i)) and journal.settle():
                made += 1
                break
            journal.undo()
    return made


def seat_with_ejection(journal: Journal, q: int, *, depth: int = 1) -> bool:
    """Seat pair q within `journal`. When its person is blocked, free them from one other seat (the
    one costing least) and refill that role: rebuilt around its best skill combination when that
    covers more (ejecting in turn, `depth` levels down), else with its best candidate. False if q
    cannot be seated."""
    st = journal.st
    pb = st.pb
    if st.can_add(q):
        journal.add(q)
        return True
    p, t, r = int(pb.pair_person[q]), int(pb.pair_project[q]), int(pb.pair_role[q])
    if st.sel[q] or st.filled[r] >= pb.role_headcount[r]:
        return False
    if st.taken[q]:
        release = st.team[t][p]
        if pb.fixed[release]:
            return False
    else:
        short = pb.pair_hours[q] - st.hours_left[p]
        options = [
            int(b)
            for b in pb.person_pairs[pb.person_ptr[p] : pb.person_ptr[p + 1]]
            if st.sel[b] and not pb.fixed[b] and pb.pair_hours[b] >= short - EPS
        ]
        if not options:
            return False
        release = max(options, key=st.remove_delta)
    journal.remove(release)
    if not st.can_add(q):
        return False
    journal.add(q)
    r_b = int(pb.pair_role[release])
    if not rebuild_role(journal, r_b, depth=depth - 1):
        _fill_in(journal, r_b)
    return True


def _fill_in(journal: Journal, r: int) -> None:
    st = journal.st
    start = st.pb.role_pairs(r).start
    while st.filled[r] < st.pb.role_headcount[r]:
        i, g = best_of(*st.gains(r))
        if i < 0 or g <= EPS:
            break
        journal.add(start + i)


def _combos(st: State, r: int, *, strict: bool, top: int = 3) -> list[tuple[int, ...]]:
    """The best skill-pattern combinations for role r's non-fixed seats that cover more of its
    requirements than now (`strict`) or at least as many."""
    pb = st.pb
    seg = pb.role_pairs(r)
    if pb.role_headcount[r] <= 0 or seg.start == seg.stop:
        return []
    base = 0
    for k in st.role_members[r]:
        if pb.fixed[k]:
            base |= int(pb.qual[k])
    free = int(pb.role_headcount[r]) - sum(1 for k in st.role_members[r] if pb.fixed[k])
    masks = pb.qual[seg] & np.uint64(~base & (2**64 - 1))
    _, best = best_combinations(maximal_patterns(masks[~pb.fixed[seg]]), free)
    current = int(st.role_mask[r]).bit_count()
    out = []
    for combo in best[:top]:
        union = base
        for m in combo:
            union |= m
        if union.bit_count() > current or (not strict and union.bit_count() == current):
            out.append(combo)
    return out


def _seat_combo(journal: Journal, r: int, combo: tuple[int, ...], *, depth: int, tries: int = 3) -> bool:
    """Within `journal`: take role r's non-fixed members off and seat, for each pattern of `combo`,
    the best candidate bringing what only that pattern brings (available people first, then, when
    `depth` > 0, people ejected from other seats). False if some pattern found nobody (the journal
    then holds the removals; the caller undoes)."""
    st = journal.st
    pb = st.pb
    seg = pb.role_pairs(r)
    masks = pb.qual[seg]
    fits = pb.fit[seg]
    for k in [k for k in st.role_members[r] if not pb.fixed[k]]:
        journal.remove(k)
    for n, m in enumerate(combo):
        others = 0
        for other in combo[:n] + combo[n + 1 :]:
            others |= other
        need = np.uint64(m & ~others)  # what only this pattern brings; anyone with it will do
        if not need:
            continue
        holders = np.flatnonzero((masks & need) == need)
        persons = pb.pair_person[seg][holders]
        available = (st.taken[seg][holders] == 0) & (st.hours_left[persons] >= pb.role_hours[r] - EPS)
        available &= ~st.sel[seg][holders]
        holders = holders[np.lexsort((-fits[holders], ~available))][: tries * (depth + 1)]
        for i in holders:
            step = len(journal.steps)
            q = seg.start + int(i)
            if st.can_add(q):
                journal.add(q)
                break
            if depth > 0 and seat_with_ejection(journal, q, depth=depth):
                break
            undo_to(journal, step)
        else:
            return False
    return True


def rebuild_role(journal: Journal, r: int, *, depth: int) -> bool:
    """Within `journal`, rebuild role r's non-fixed seats around a combination of skill patterns
    covering more of its requirements than now; seated people may be ejected from other seats
    when `depth` > 0. True if done; otherwise the journal is left as it was."""
    for combo in _combos(journal.st, r, strict=True):
        mark = len(journal.steps)
        if _seat_combo(journal, r, combo, depth=depth):
            _fill_in(journal, r)
            return True
        undo_to(journal, mark)
    return False


def _polish_role(st: State, r: int) -> bool:
    journal = Journal(st)
    polish_role(journal, r)
    return journal.settle()


def polish_role(journal: Journal, r: int) -> None:
    """Within `journal`, try every good skill combination for role r that covers at least as much
    as now (available people only) and keep the best if it gains: trades a member covering two
    skills with a low fit for two covering one each with a high fit, which single replacements
    cannot see."""
    st = journal.st
    pb = st.pb
    seg = pb.role_pairs(r)
    if pb.role_headcount[r] <= 1 or seg.start == seg.stop:
        return
    mark, before = len(journal.steps), journal.gain
    best_gain, best_steps = before + EPS, None
    for combo in _combos(st, r, strict=False):
        if _seat_combo(journal, r, combo, depth=0):
            _fill_in(journal, r)
            if journal.gain > best_gain:
                best_gain, best_steps = journal.gain, journal.steps[mark:]
        undo_to(journal, mark)
    for k, added in best_steps or ():
        if added:
            journal.add(k)
        else:
            journal.remove(k)


def repair(st: State, r: int, *, depth: int) -> bool:
    """Rebuild role r around a combination of candidates covering more of its skills."""
    journal = Journal(st)
    if rebuild_role(journal, r, depth=depth) and journal.settle():
        return True
    journal.undo()
    return False


def _swap_roles(st: State) -> int:
    """Two members of one project exchange roles. The team stays the same, so only fit and
    coverage move, and the gain is computed on the spot before anything is applied."""
    pb = st.pb
    made = 0
    for t, roles in enumerate(pb.project_roles):
        if len(roles) < 2 or len(st.team[t]) < 2:
            continue
        members = [k for k in st.team[t].values() if not pb.fixed[k]]
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                k1, k2 = members[a], members[b]
                r1, r2 = int(pb.pair_role[k1]), int(pb.pair_role[k2])
                if r1 == r2 or not (st.sel[k1] and st.sel[k2]):
                    continue
                p1, p2 = int(pb.pair_person[k1]), int(pb.pair_person[k2])
                n1, n2 = pb.pair_of(p2, r1), pb.pair_of(p1, r2)
                if n1 < 0 or n2 < 0:
                    continue
                if st.hours_left[p1] + pb.role_hours[r1] < pb.role_hours[r2] - EPS:
                    continue
                if st.hours_left[p2] + pb.role_hours[r2] < pb.role_hours[r1] - EPS:
                    continue
                old = _bits(st, r1, -1).bit_count() + _bits(st, r2, -1).bit_count()
                new = (_bits(st, r1, k1) | int(pb.qual[n1])).bit_count() + (
                    _bits(st, r2, k2) | int(pb.qual[n2])
                ).bit_count()
                delta = st.w_cov * (new - old) + st.w_fit * (pb.fit[n1] + pb.fit[n2] - pb.fit[k1] - pb.fit[k2])
                if delta <= EPS:
                    continue
                journal = Journal(st)
                journal.remove(k1)
                journal.remove(k2)
                journal.add(n2)
                journal.add(n1)
                if journal.settle():
                    made += 1
                    members[a], members[b] = n2, n1
    return made


def _bits(st: State, r: int, exclude: int) -> int:
    bits = 0
    for k in st.role_members[r]:
        if k != exclude:
            bits |= int(st.pb.qual[k])
    return bits
