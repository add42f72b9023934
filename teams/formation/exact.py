"""The exact solver: the whole problem as one mixed-integer linear program, solved by HiGHS
(`scipy.optimize.milp`); with integrality dropped, the same program's LP relaxation gives a proven
upper bound for instances too large to solve exactly.

Variables (all in [0, 1]):
- x[k], binary: candidate pair k = (person, role) gets a seat; fixed pairs have x = 1.
- c[j]: requirement j (role, skill, minimum level) is covered. Row c[j] - sum of x over the
  role's candidates who qualify <= 0.
- y[e, t]: both ends a, b of tie e are on project t's team. Rows y - z[a, t] <= 0 and
  y - z[b, t] <= 0, where z[a, t] = sum of x[a, r] over the roles r of t (0 or 1: one seat per
  person per project). Plus, for a person with more ties inside the project than the team has
  other seats, sum of y over their ties <= (seats - 1) z[a, t]: valid for every team, it makes the
  relaxation much tighter.
- d[t, g]: project t's team has someone from department g. Row d - sum of x over department g's
  candidates of t <= 0 (only when the diversity weight is positive).
Because every objective coefficient is positive and the problem maximizes, c, y and d take the
largest value their rows allow: exactly the coverage, the ties and the departments of the teams.

Maximize coverage x sum(c) + fit x sum(fit[k] x[k]) + communication x sum(w[e] y[e, t])
         + diversity x sum(d)
subject to: headcount (sum of x over a role's candidates <= seats), hours (sum of a person's
roles' hours <= their free hours; only written when their candidate roles could exceed it), one
seat per person per project, fixed members.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .problem import Problem


@dataclass
class Model:
    objective: np.ndarray  # maximized
    rows: sparse.csr_matrix  # rows x <= upper
    upper: np.ndarray
    lower_var: np.ndarray
    upper_var: np.ndarray
    integrality: np.ndarray
    n_pairs: int

    @property
    def size(self) -> tuple[int, int]:
        return self.rows.shape


@dataclass
class ExactResult:
    selected: np.ndarray | None  # bool[K], None when no solution was found in time
    bound: float | None  # proven upper bound on the objective
    optimal: bool
    message: str
    variables: int
    constraints: int


class _Rows:
    def __init__(self) -> None:
        self.r: list[np.ndarray] = []
        self.c: list[np.ndarray] = []
        self.v: list[np.ndarray] = []
        self.rhs: list[np.ndarray] = []
        self.n = 0

    def add(self, row: np.ndarray, col: np.ndarray, val: np.ndarray, rhs: np.ndarray) -> None:
        """Rows given with local ids 0..len(rhs)-1 in `row`."""
        self.r.append(np.asarray(row, dtype=np.int64) + self.n)
        self.c.append(np.asarray(col, dtype=np.int64))
        self.v.append(np.asarray(val, dtype=np.float64))
        self.rhs.append(np.asarray(rhs, dtype=np.float64))
        self.n += len(rhs)


def build_model(pb: Problem, *, min_covered: int | None = None, coverage_weight: float | None = None) -> Model:
    """The MILP. `min_covered` adds the row sum(c) >= min_covered; `coverage_weight` overrides the
    coverage weight (0 with `min_covered` bounds fit + ties + diversity among assignments covering
    at least that many skills)."""
    w = pb.inp.weights
    w_cov = float(w.coverage if coverage_weight is None else coverage_weight)
    K = pb.n_pairs
    obj = [float(w.fit) * pb.fit]
    n_vars = K
    rows = _Rows()
    ones = np.ones(K)

    # headcount, one row per role
    rows.add(pb.pair_role, np.arange(K), ones, pb.role_headcount.astype(float))

    # hours, only for people whose candidate roles could add up to more than they have free
    demand = np.bincount(pb.pair_person, weights=pb.pair_hours, minlength=pb.n_people)
    tight = np.flatnonzero(demand > pb.free_hours + 1e-9)
    if len(tight):
        local = np.full(pb.n_people, -1)
        local[tight] = np.arange(len(tight))
        ks = np.flatnonzero(local[pb.pair_person] >= 0)
        rows.add(local[pb.pair_person[ks]], ks, pb.pair_hours[ks], pb.free_hours[tight])

    # one seat per person per project, where a person is a candidate of several of its roles
    key = pb.pair_person * len(pb.project_ids) + pb.pair_project
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    multi = counts[inverse] > 1
    if multi.any():
        _, local_rows = np.unique(inverse[multi], return_inverse=True)
        rows.add(local_rows, np.flatnonzero(multi), ones[multi], np.ones(local_rows.max() + 1))

    # coverage
    coverable = np.flatnonzero(pb.req_coverable)
    if len(coverable) and (w_cov > 0 or min_covered is not None):
        req_role = np.repeat(np.arange(pb.n_roles), np.diff(pb.req_ptr))
        cov_rows, cov_cols = [], []
        for local, j in enumerate(coverable):
            r = int(req_role[j])
            seg = pb.role_pairs(r)
            bit = np.uint64(j - int(pb.req_ptr[r]))
            ks = seg.start + np.flatnonzero((pb.qual[seg] >> bit) & np.uint64(1))
            cov_rows.append(np.full(len(ks) + 1, local))
            cov_cols.append(np.concatenate([[n_vars + local], ks]))
        cols = np.concatenate(cov_cols)
        vals = np.where(cols >= n_vars, 1.0, -1.0)
        rows.add(np.concatenate(cov_rows), cols, vals, np.zeros(len(coverable)))
        obj.append(np.full(len(coverable), w_cov))
        if min_covered is not None:
            rows.add(
                np.zeros(len(coverable)), n_vars + np.arange(len(coverable)), -np.ones(len(coverable)), [-min_covered]
            )
        n_vars += len(coverable)
    elif min_covered:
        rows.add([0], [0], [0.0], [-float(min_covered)])  # nothing can be covered: infeasible

    if w.communication > 0 and pb.adj.nnz:
        n_vars = _ties(pb, rows, obj, n_vars, float(w.communication))
    if w.diversity > 0:
        n_vars = _departments(pb, rows, obj, n_vars, float(w.diversity))

    matrix = sparse.csr_matrix(
        (np.concatenate(rows.v), (np.concatenate(rows.r), np.concatenate(rows.c))), shape=(rows.n, n_vars)
    )
    lower = np.zeros(n_vars)
    lower[:K][pb.fixed] = 1.0
    integrality = np.zeros(n_vars, dtype=np.uint8)
    integrality[:K] = 1
    return Model(
        objective=np.concatenate(obj),
        rows=matrix,
        upper=np.concatenate(rows.rhs),
        lower_var=lower,
        upper_var=np.ones(n_vars),
        integrality=integrality,
        n_pairs=K,
    )


def _ties(pb: Problem, rows: _Rows, obj: list, n_vars: int, weight: float) -> int:
    for t, roles in enumerate(pb.project_roles):
        ks = (
            np.concatenate([np.arange(*pb.role_pairs(int(r)).indices(pb.n_pairs)) for r in roles]) if len(roles) else []
        )
        if len(ks) == 0:
            continue
        persons = pb.pair_person[ks]
        team, local = np.unique(persons, return_inverse=True)
        sub = sparse.triu(pb.adj[team][:, team], k=1).tocoo()
        if sub.nnz == 0:
            continue
        # pairs of each local person, grouped: z[u] = sum of x over ks[by_person[ptr[u]:ptr[u+1]]]
        by_person = np.argsort(local, kind="stable")
        ptr = np.zeros(len(team) + 1, dtype=np.int64)
        np.cumsum(np.bincount(local, minlength=len(team)), out=ptr[1:])
        n_e = sub.nnz
        y = n_vars + np.arange(n_e)
        obj.append(weight * sub.data)
        n_vars += n_e
        ends = np.concatenate([sub.row, sub.col])
        y_twice = np.concatenate([y, y])
        # rows y - z[end] <= 0
        counts = ptr[ends + 1] - ptr[ends]
        row_ids = np.repeat(np.arange(2 * n_e), counts)
        starts = np.repeat(ptr[ends], counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        x_cols = ks[by_person[starts + offsets]]
        rows.add(
            np.concatenate([np.arange(2 * n_e), row_ids]),
            np.concatenate([y_twice, x_cols]),
            np.concatenate([np.ones(2 * n_e), -np.ones(len(x_cols))]),
            np.zeros(2 * n_e),
        )
        # sum of a person's ties in the team <= (seats - 1) z
        seats = int(pb.project_seats[t])
        degree = np.bincount(ends, minlength=len(team))
        heavy = np.flatnonzero(degree > max(seats - 1, 0))
        if len(heavy):
            local_row = np.full(len(team), -1)
            local_row[heavy] = np.arange(len(heavy))
            pick = local_row[ends] >= 0
            pc = ptr[heavy + 1] - ptr[heavy]
            hr = np.repeat(np.arange(len(heavy)), pc)
            hs = np.repeat(ptr[heavy], pc) + np.arange(pc.sum()) - np.repeat(np.cumsum(pc) - pc, pc)
            rows.add(
                np.concatenate([local_row[ends[pick]], hr]),
                np.concatenate([y_twice[pick], ks[by_person[hs]]]),
                np.concatenate([np.ones(int(pick.sum())), -float(max(seats - 1, 0)) * np.ones(len(hs))]),
                np.zeros(len(heavy)),
            )
    return n_vars


def _departments(pb: Problem, rows: _Rows, obj: list, n_vars: int, weight: float) -> int:
    dept = pb.dept[pb.pair_person]
    ks = np.flatnonzero(dept >= 0)
    if len(ks) == 0:
        return n_vars
    key = pb.pair_project[ks] * (int(pb.dept.max()) + 1) + dept[ks]
    _, local = np.unique(key, return_inverse=True)
    n_d = int(local.max()) + 1
    rows.add(
        np.concatenate([np.arange(n_d), local]),
        np.concatenate([n_vars + np.arange(n_d), ks]),
        np.concatenate([np.ones(n_d), -np.ones(len(ks))]),
        np.zeros(n_d),
    )
    obj.append(np.full(n_d, weight))
    return n_vars + n_d


def _solve(model: Model, *, integral: bool, time_limit: float, gap: float):
    return milp(
        -model.objective,
        integrality=model.integrality if integral else None,
        bounds=Bounds(model.lower_var, model.upper_var),
        constraints=LinearConstraint(model.rows, -np.inf, model.upper) if model.rows.shape[0] else None,
        options={"time_limit": max(time_limit, 0.01), "mip_rel_gap": gap, "disp": False},
    )


def start_vector(model: Model, selected: np.ndarray) -> np.ndarray:
    """A full MILP point from an assignment (bool[K]): x as given, every coverage, tie and
    department variable at the largest value its rows allow (exactly what the assignment scores)."""
    values = np.ones(len(model.objective))
    values[: model.n_pairs] = selected
    rows = model.rows.tocoo()
    aux = (rows.col >= model.n_pairs) & (rows.data > 0)
    single = np.bincount(rows.row[aux], minlength=model.rows.shape[0]) == 1  # aux - sum of x <= rhs
    x_part = model.rows[:, : model.n_pairs] @ values[: model.n_pairs]
    pick = aux & single[rows.row]
    room = (model.upper[rows.row[pick]] - x_part[rows.row[pick]]) / rows.data[pick]
    np.minimum.at(values, rows.col[pick], np.clip(room, 0.0, 1.0))
    values[model.n_pairs :] = np.floor(values[model.n_pairs :] + 1e-9)
    return values


def _solve_with_start(model: Model, *, time_limit: float, gap: float, start: np.ndarray):
    """The MILP through HiGHS's own interface as scipy ships it (`scipy.optimize._highspy`), which,
    unlike `milp`, takes a starting solution: HiGHS then prunes with its objective from the first
    node. None when that interface is not there (another scipy), and the caller uses `milp`."""
    try:
        from scipy.optimize._highspy import _core as highs
    except ImportError:  # pragma: no cover - depends on the scipy build
        return None
    try:
        matrix = model.rows.tocsc()
        n_rows, n_cols = matrix.shape
        lp = highs.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, n_rows
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows
        lp.a_matrix_.format_ = highs.MatrixFormat.kColwise
        lp.col_cost_ = -model.objective
        lp.col_lower_, lp.col_upper_ = model.lower_var, model.upper_var
        lp.row_lower_, lp.row_upper_ = np.full(n_rows, -highs.kHighsInf), model.upper
        lp.a_matrix_.start_, lp.a_matrix_.index_ = matrix.indptr, matrix.indices
        lp.a_matrix_.value_ = matrix.data
        lp.integrality_ = [highs.HighsVarType(int(i)) for i in model.integrality]
        solver = highs._Highs()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("time_limit", float(max(time_limit, 0.01)))
        solver.setOptionValue("mip_rel_gap", float(gap))
        solver.passModel(lp)
        solver.setSolution(n_cols, np.arange(n_cols, dtype=np.int32), np.asarray(start, dtype=np.float64))
        solver.run()
        status = solver.getModelStatus()
        info = solver.getInfo()
        found = int(info.primal_solution_status) == 2 and np.isfinite(info.objective_function_value)  # feasible
        x = np.array(solver.getSolution().col_value) if found else None
        return SimpleNamespace(
            x=x,
            fun=info.objective_function_value if found else None,
            status=0 if status == highs.HighsModelStatus.kOptimal else 1,
            message=solver.modelStatusToString(status),
            mip_dual_bound=info.mip_dual_bound,
        )
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - another HiGHS binding
        return None


def solve_exact(
    pb: Problem, *, time_limit: float = 30.0, gap: float = 1e-6, start: np.ndarray | None = None
) -> ExactResult:
    """Solve the MILP; `selected` is the best assignment found, `bound` HiGHS's dual bound. `start`
    (bool[K], e.g. the heuristic's assignment) is handed to HiGHS as its first incumbent."""
    model = build_model(pb)
    n_rows, n_cols = model.size
    if n_cols == 0:
        return ExactResult(np.zeros(0, dtype=bool), 0.0, True, "nothing to assign", 0, 0)
    res = None
    if start is not None and n_rows:
        res = _solve_with_start(model, time_limit=time_limit, gap=gap, start=start_vector(model, start))
    if res is None:
        res = _solve(model, integral=True, time_limit=time_limit, gap=gap)
    selected = None if res.x is None else res.x[: model.n_pairs] > 0.5
    bound = getattr(res, "mip_dual_bound", None)
    bound = None if bound is None or not np.isfinite(bound) else -float(bound)
    if res.status == 0 and bound is None and res.fun is not None:
        bound = -float(res.fun)
    return ExactResult(selected, bound, res.status == 0, str(res.message), n_cols, n_rows)


def lp_bound(
    pb: Problem, *, time_limit: float = 300.0, min_covered: int | None = None, coverage_weight: float | None = None
) -> float | None:
    """The optimum of the LP relaxation: no assignment can score more. None if it did not finish
    (or, with `min_covered`, if no assignment covers that many). See `build_model` for the options."""
    model = build_model(pb, min_covered=min_covered, coverage_weight=coverage_weight)
    if model.size[1] == 0:
        return 0.0
    res = _solve(model, integral=False, time_limit=time_limit, gap=0.0)
    if res.status != 0 or res.fun is None:
        return None
    return -float(res.fun) * (1 + 1e-9) + 1e-9
