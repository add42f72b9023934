"""Hand-made cases whose optimum is known: the solvers must find it (or, for the plain greedy
baseline, visibly miss it)."""

import pytest

from teams.formation import FormationInput, Person, Preference, Project, Role, Tie, Weights, propose
from teams.formation.heuristic import marginal_greedy
from teams.formation.problem import compile_problem
from teams.formation.state import breakdown
from teams.formation.validate import validate

from .checks import close, fit, hard_constraint_violations, objective


def one_project(*roles: Role, fixed=None, topics=frozenset()) -> Project:
    return Project(id="p", roles=roles, fixed_members=fixed or {}, topics=topics)


def test_greedy_takes_the_star_for_the_first_role_exact_gives_her_the_role_only_she_can_cover():
    # Alice is the best Python person but also the only one with Rust; she has hours for one role.
    inp = FormationInput(
        people=[
            Person("alice", {"python": 5, "rust": 3}, free_hours=10),
            Person("bob", {"python": 3}, free_hours=10),
            Person("carol", {"python": 1, "rust": 1}, free_hours=10),
        ],
        projects=[
            one_project(
                Role("backend", "p", {"python": 3}, headcount=1, hours_per_week=10),
                Role("systems", "p", {"rust": 3}, headcount=1, hours_per_week=10),
            )
        ],
        preferences=[Preference("carol", "systems", 1)],  # she does not qualify, but asked
    )
    greedy = propose(inp, solver="greedy")
    assert greedy.assignment() == {"backend": ("alice",), "systems": ("carol",)}
    assert greedy.objective.covered == 1

    exact = propose(inp, solver="exact")
    assert exact.assignment() == {"backend": ("bob",), "systems": ("alice",)}
    assert exact.objective.covered == exact.objective.coverable == 2
    assert exact.optimal
    assert close(exact.objective.total, objective(inp, exact.assignment()))
    assert exact.objective.total > greedy.objective.total + 99  # one more covered skill

    heuristic = propose(inp, solver="heuristic")
    assert heuristic.assignment() == exact.assignment()


def test_coverage_beats_fit():
    # Eve volunteered eagerly and loves the topic, but only Dan has Python at the required 4.
    inp = FormationInput(
        people=[
            Person("dan", {"python": 4}, free_hours=20),
            Person("eve", {"python": 3}, interests=frozenset({"python"}), free_hours=20),
        ],
        projects=[one_project(Role("dev", "p", {"python": 4}, headcount=1, hours_per_week=8))],
        preferences=[Preference("eve", "dev", 3, "pick me")],
    )
    assert fit(inp, "eve", "dev") > fit(inp, "dan", "dev")
    for solver in ("exact", "heuristic"):
        proposal = propose(inp, solver=solver)
        assert proposal.assignment() == {"dev": ("dan",)}
        (alternative,) = proposal.role("dev").seats[0].alternatives
        assert alternative.person_id == "eve"
        assert alternative.fit > proposal.role("dev").seats[0].member.fit
        assert alternative.gain < -99  # swapping her in loses the coverage


def test_fit_decides_when_coverage_ties():
    inp = FormationInput(
        people=[
            Person("dan", {"python": 4}, free_hours=20),
            Person("eve", {"python": 4}, interests=frozenset({"python"}), free_hours=20),
        ],
        projects=[one_project(Role("dev", "p", {"python": 4}, headcount=1, hours_per_week=8))],
    )
    assert propose(inp, solver="exact").assignment() == {"dev": ("eve",)}


def kotlin_round(free_hours: float) -> FormationInput:
    # Two projects both need Frank's Kotlin; he prefers project B.
    return FormationInput(
        people=[Person("frank", {"kotlin": 4}, free_hours=free_hours), Person("gina", {"kotlin": 2}, free_hours=40)],
        projects=[
            Project("A", roles=(Role("a-mobile", "A", {"kotlin": 4}, headcount=1, hours_per_week=8),)),
            Project("B", roles=(Role("b-mobile", "B", {"kotlin": 4}, headcount=1, hours_per_week=8),)),
        ],
        preferences=[Preference("frank", "b-mobile", 3), Preference("gina", "a-mobile", 1)],
    )


@pytest.mark.parametrize("solver", ["exact", "heuristic"])
def test_company_round_two_projects_want_the_same_person(solver):
    proposal = propose(kotlin_round(free_hours=10), solver=solver)
    assert proposal.assignment() == {"a-mobile": ("gina",), "b-mobile": ("frank",)}
    (uncovered,) = proposal.role("a-mobile").uncovered
    assert uncovered.reason == "committed_elsewhere"
    assert "committed to other seats of this round" in uncovered.message
    member = proposal.role("b-mobile").seats[0].member
    assert member.hours_after == 2
    assert hard_constraint_violations(kotlin_round(10), proposal) == []


def test_hours_constraint_binds_exactly():
    proposal = propose(kotlin_round(free_hours=16), solver="exact")
    assert proposal.assignment() == {"a-mobile": ("frank",), "b-mobile": ("frank",)}
    assert proposal.role("a-mobile").seats[0].member.hours_after == 0
    proposal = propose(kotlin_round(free_hours=15.5), solver="exact")
    assert sorted(proposal.assignment().values()) == [("frank",), ("gina",)]


@pytest.mark.parametrize("solver", ["exact", "heuristic", "greedy"])
def test_fixed_members_are_kept_and_use_their_hours(solver):
    inp = FormationInput(
        people=[
            Person("hal", {"go": 1}, free_hours=10),
            Person("ivy", {"go": 5}, free_hours=10),
            Person("jon", {"go": 4}, free_hours=10),
        ],
        projects=[
            Project(
                "A",
                roles=(Role("a-go", "A", {"go": 3}, headcount=2, hours_per_week=6),),
                fixed_members={"a-go": ["hal"]},
            ),
            Project(
                "B",
                roles=(Role("b-go", "B", {"go": 3}, headcount=1, hours_per_week=6),),
                fixed_members={"b-go": ["ivy"]},
            ),
        ],
    )
    proposal = propose(inp, solver=solver)
    assert proposal.assignment() == {"a-go": ("hal", "jon"), "b-go": ("ivy",)}
    seats = proposal.role("a-go").seats
    assert seats[0].member.fixed and seats[0].alternatives == ()
    assert not seats[1].member.fixed


def test_one_seat_per_person_per_project():
    inp = FormationInput(
        people=[Person("kim", {"sql": 5, "css": 5}, free_hours=40), Person("lea", {"css": 2}, free_hours=40)],
        projects=[
            one_project(
                Role("data", "p", {"sql": 3}, headcount=1, hours_per_week=4),
                Role("web", "p", {"css": 3}, headcount=1, hours_per_week=4),
            )
        ],
        preferences=[Preference("lea", "web", 1)],
    )
    for solver in ("exact", "heuristic", "greedy"):
        proposal = propose(inp, solver=solver)
        assert proposal.assignment() == {"data": ("kim",), "web": ("lea",)}
        (uncovered,) = proposal.role("web").uncovered
        assert uncovered.reason == "committed_elsewhere"
        assert "already on this team in another role" in uncovered.message


def test_ties_to_the_team_break_a_fit_tie():
    inp = FormationInput(
        people=[
            Person("lead", {"ml": 5}, free_hours=40),
            Person("mo", {"ml": 3}, free_hours=40),
            Person("nia", {"ml": 3}, free_hours=40),
        ],
        projects=[one_project(Role("ml", "p", {"ml": 3}, headcount=2, hours_per_week=4), fixed={"ml": ["lead"]})],
        ties=[Tie("lead", "nia", 0.6)],
    )
    proposal = propose(inp, solver="exact")
    assert proposal.assignment() == {"ml": ("lead", "nia")}
    member = proposal.role("ml").seats[1].member
    assert [(link.person_id, link.weight) for link in member.links] == [("lead", 0.6)]
    assert proposal.objective.ties == pytest.approx(0.6)
    assert propose(inp, solver="heuristic").assignment() == proposal.assignment()


def test_department_diversity_when_weighted():
    people = [
        Person("o1", {"ux": 4}, free_hours=40, department_id="design"),
        Person("o2", {"ux": 4}, free_hours=40, department_id="design"),
        Person("o3", {"ux": 3}, free_hours=40, department_id="sales"),
    ]
    projects = [one_project(Role("ux", "p", {"ux": 3}, headcount=2, hours_per_week=4))]
    plain = propose(FormationInput(people=people, projects=projects), solver="exact")
    assert set(plain.assignment()["ux"]) == {"o1", "o2"}
    diverse = FormationInput(people=people, projects=projects, weights=Weights(diversity=0.5))
    for solver in ("exact", "heuristic"):
        proposal = propose(diverse, solver=solver)
        assert "o3" in proposal.assignment()["ux"]
        assert proposal.team("p").departments == 2


def test_volunteers_strength_raises_fit():
    inp = FormationInput(
        people=[Person("pat", {"qa": 3}, free_hours=10), Person("quinn", {"qa": 3}, free_hours=10)],
        projects=[one_project(Role("qa", "p", {"qa": 3}, headcount=1, hours_per_week=5))],
        preferences=[Preference("quinn", "qa", 2, "I like testing")],
    )
    proposal = propose(inp)
    member = proposal.role("qa").seats[0].member
    assert (member.person_id, member.preference, member.note) == ("quinn", 2, "I like testing")
    assert member.fit == pytest.approx(fit(inp, "quinn", "qa")) == pytest.approx((0.2 + 0.8 * 0.6) * 0.5 * 3 / 4)


def chain_round() -> FormationInput:
    # Role r0 needs s0, which only p1 has; p1 also has s1 and really wants r1, so the greedy by marginal
    # gain seats p1 there. Covering s0 takes a chain of four moves across four projects: p1 to r0, p2 (s1, s2)
    # to r1, p3 (s2, s3) to r2, and the spare p4 (s3) to r3. Each person has hours for one role.
    people = [
        Person(f"p{i}", {f"s{i - 1}": 4, f"s{i}": 4} if i < 4 else {"s3": 4}, free_hours=10) for i in (1, 2, 3, 4)
    ]
    projects = [
        Project(f"t{i}", roles=(Role(f"r{i}", f"t{i}", {f"s{i}": 3}, headcount=1, hours_per_week=8),)) for i in range(4)
    ]
    preferences = [Preference(f"p{i}", f"r{i}", 3, "my favourite") for i in (1, 2, 3)]
    return FormationInput(people=people, projects=projects, preferences=preferences)


def test_heuristic_covers_a_skill_that_needs_a_chain_of_four_moves():
    inp = chain_round()
    pb = compile_problem(inp, validate(inp))
    assert breakdown(pb, marginal_greedy(pb).sel)["covered"] == 3  # p1 went where she volunteered
    exact = propose(inp, solver="exact")
    assert exact.optimal
    assert exact.assignment() == {"r0": ("p1",), "r1": ("p2",), "r2": ("p3",), "r3": ("p4",)}
    heuristic = propose(inp, solver="heuristic")
    assert heuristic.assignment() == exact.assignment()
    assert heuristic.objective.covered == heuristic.objective.coverable == 4
    assert close(heuristic.objective.total, exact.objective.total)
    assert heuristic.stats["lns_kept"] >= 1  # single moves and two-level ejections cannot do it
    assert hard_constraint_violations(inp, heuristic) == []
