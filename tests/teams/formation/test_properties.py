"""Property tests (hypothesis): on random small rounds every solver's proposal keeps every hard
constraint, reports the objective an independent recomputation gives, and the exact solver is
never beaten by the heuristic or the plain greedy."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams.formation import FormationInput, Person, Preference, Project, Role, Tie, Weights, propose
from teams.formation.exact import build_model, start_vector
from teams.formation.heuristic import marginal_greedy
from teams.formation.lns import coverage_lns, team_lns
from teams.formation.perturb import perturb_search
from teams.formation.problem import compile_problem
from teams.formation.search import local_search
from teams.formation.state import breakdown
from teams.formation.validate import validate

from .checks import close, hard_constraint_violations, objective

SKILLS = ["py", "sql", "ux", "go"]
HOURS = [0, 4, 8, 12, 20]


@st.composite
def rounds(draw) -> FormationInput:
    n_people = draw(st.integers(1, 9))
    people = []
    for i in range(n_people):
        skills = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=3))
        people.append(
            Person(
                id=i,
                skills=skills,
                interests=frozenset(draw(st.sets(st.sampled_from([*SKILLS, "topic"]), max_size=2))),
                free_hours=draw(st.sampled_from(HOURS)),
                department_id=draw(st.sampled_from([None, "a", "b"])),
                active=draw(st.booleans()) or i % 4 != 3,
            )
        )
    projects, role_id = [], 0
    booked = [0.0] * n_people
    for t in range(draw(st.integers(1, 3))):
        roles, fixed = [], {}
        in_project: set = set()
        for _ in range(draw(st.integers(0, 3))):
            role = Role(
                id=role_id,
                project_id=t,
                required_skills=draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=3)),
                headcount=draw(st.integers(0, 2)),
                hours_per_week=draw(st.sampled_from([0, 4, 8])),
            )
            role_id += 1
            roles.append(role)
            if role.headcount and draw(st.booleans()):
                p = draw(st.integers(0, n_people - 1))
                person = people[p]
                if p not in in_project and booked[p] + role.hours_per_week <= person.free_hours:
                    fixed[role.id] = [p]
                    in_project.add(p)
                    if person.active:
                        booked[p] += role.hours_per_week
        projects.append(Project(t, tuple(roles), fixed, topics=frozenset({"topic"}) if t % 2 else frozenset()))
    pairs = draw(st.sets(st.tuples(st.integers(0, n_people - 1), st.integers(0, max(role_id - 1, 0))), max_size=8))
    preferences = [Preference(p, r, draw(st.integers(1, 3))) for p, r in sorted(pairs) if r < role_id]
    ties = [
        Tie(a, b, draw(st.floats(0.05, 1.0)))
        for a, b in draw(st.sets(st.tuples(st.integers(0, n_people - 1), st.integers(0, n_people - 1)), max_size=8))
    ]
    weights = Weights(communication=draw(st.sampled_from([0.0, 0.1, 0.5])), diversity=draw(st.sampled_from([0.0, 0.3])))
    return FormationInput(people=people, projects=projects, preferences=preferences, ties=ties, weights=weights)


PROPERTIES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(rounds())
def test_every_solver_keeps_every_hard_constraint_and_exact_is_never_beaten(inp):
    exact = propose(inp, solver="exact", time_limit=20)
    assert exact.optimal
    results = {"exact": exact}
    for solver in ("heuristic", "greedy"):
        results[solver] = propose(inp, solver=solver, kicks=5)
    for solver, proposal in results.items():
        assert hard_constraint_violations(inp, proposal) == [], solver
        assert close(proposal.objective.total, objective(inp, proposal.assignment())), solver
        assert proposal.objective.covered <= proposal.objective.coverable
        assert proposal.objective.total <= exact.upper_bound + 1e-6, solver
        for team in proposal.teams:
            for role in team.roles:
                assert len(role.seats) == role.headcount
                assert len(role.uncovered) == len(
                    next(r for p in inp.projects for r in p.roles if r.id == role.role_id).required_skills
                ) - len({s for seat in role.seats if seat.member for s in seat.member.covers})
    assert exact.heuristic_total <= exact.objective.total + 1e-6
    assert results["heuristic"].objective.total <= exact.objective.total + 1e-6


@PROPERTIES
@given(rounds())
def test_incremental_objective_matches_a_recount_after_every_search(inp):
    pb = compile_problem(inp, validate(inp))
    state = marginal_greedy(pb)
    assert close(state.total, breakdown(pb, state.sel)["total"])
    local_search(state, deadline=float("inf"))
    perturb_search(state, deadline=float("inf"), kicks=5)
    assert close(state.total, breakdown(pb, state.sel)["total"])
    assert (state.hours_left >= -1e-9).all()


@PROPERTIES
@given(rounds())
def test_large_neighbourhood_steps_keep_the_objective_exact_and_the_start_is_a_milp_point(inp):
    pb = compile_problem(inp, validate(inp))
    state = marginal_greedy(pb)
    before = state.total
    coverage_lns(state, deadline=float("inf"))
    team_lns(state, deadline=float("inf"))
    assert state.total >= before - 1e-9
    assert close(state.total, breakdown(pb, state.sel)["total"])
    assert (state.hours_left >= -1e-9).all()
    model = build_model(pb)
    point = start_vector(model, state.sel)
    assert close(float(model.objective @ point), state.total)
    assert (model.lower_var <= point).all() and (point <= model.upper_var).all()
    if model.rows.shape[0]:
        assert (model.rows @ point <= model.upper + 1e-9).all()
