"""What a proposal says about itself: member explanations, alternatives, stability, the gap, and
what a manager's swap does (evaluate / check_assignment)."""

import pytest

from teams.formation import (
    FormationInput,
    FormationInputError,
    Person,
    Preference,
    Project,
    Role,
    Tie,
    check_assignment,
    collaboration_weight,
    evaluate,
    propose,
)

from .checks import close, fit, objective


def stability_case() -> FormationInput:
    # One seat needing Python and SQL. Walt covers both; Vera covers Python only but volunteered
    # eagerly, so her fit is higher. Yuri volunteered too, with a fit below Walt's.
    return FormationInput(
        people=[
            Person("walt", {"py": 5, "sql": 5}, free_hours=20),
            Person("vera", {"py": 4}, interests=frozenset({"py"}), free_hours=20),
            Person("yuri", {"sql": 3}, free_hours=20),
        ],
        projects=[Project("p", (Role("dev", "p", {"py": 3, "sql": 3}, headcount=1, hours_per_week=8),))],
        preferences=[Preference("vera", "dev", 3, "Python is my thing"), Preference("yuri", "dev", 1)],
    )


def test_blocking_pair_counted_on_a_known_case():
    inp = stability_case()
    assert fit(inp, "vera", "dev") > fit(inp, "walt", "dev") > fit(inp, "yuri", "dev")
    proposal = propose(inp, solver="exact")
    assert proposal.assignment() == {"dev": ("walt",)}  # coverage first
    (pair,) = proposal.blocking_pairs  # Vera and the seat prefer each other; Yuri's fit is too low
    assert (pair.person_id, pair.role_id, pair.strength, pair.held_strength, pair.displaces) == (
        "vera",
        "dev",
        3,
        0,
        "walt",
    )


def test_a_manager_swap_is_explained_and_removes_the_blocking_pair():
    inp = stability_case()
    swapped = evaluate(inp, {"dev": ["vera"]})
    assert swapped.solver == "manual"
    assert swapped.assignment() == {"dev": ("vera",)}
    assert swapped.blocking_pairs == ()
    assert swapped.objective.covered == 1
    assert close(swapped.objective.total, objective(inp, {"dev": ("vera",)}))
    (uncovered,) = swapped.role("dev").uncovered
    assert uncovered.skill_id == "sql" and uncovered.reason == "headcount_exhausted"
    seat = swapped.role("dev").seats[0]
    assert not seat.member.fixed
    assert seat.alternatives[0].person_id == "walt"
    assert seat.alternatives[0].gain > 99  # taking Walt back covers SQL


def test_check_assignment_lists_broken_constraints():
    inp = FormationInput(
        people=[Person("a", {"x": 3}, free_hours=10), Person("b", {"x": 3}, free_hours=10, active=False)],
        projects=[
            Project(
                "p", (Role("r1", "p", {"x": 3}, 1, 6), Role("r2", "p", {"x": 3}, 1, 6)), fixed_members={"r2": ["a"]}
            ),
            Project("q", (Role("r3", "q", {"x": 3}, 1, 6),)),
        ],
    )
    errors = check_assignment(inp, {"r1": ["a", "b"], "r3": ["a"], "nope": ["a"], "r2": ["zed"]})
    found = {(e.path, e.message) for e in errors}
    assert ("assignment['r1']", "2 people for 1 seats") in found
    assert ("assignment['r1'][1]", "person 'b' is inactive") in found
    assert ("assignment['nope']", "unknown role 'nope'") in found
    assert ("assignment['r2'][0]", "unknown person 'zed'") in found
    assert ("assignment['r2']", "fixed member 'a' is missing") in found
    assert ("people['a']", "booked 12 h a week but has 10 h free") in found
    with pytest.raises(FormationInputError):
        evaluate(inp, {"r1": ["a"], "r2": ["a"]})  # one seat per project
    assert check_assignment(inp, {"r2": ["a"]}) == []


def test_member_explanation_has_what_the_page_shows():
    inp = FormationInput(
        people=[
            Person("lead", {"py": 5}, free_hours=40),
            Person("ann", {"py": 4, "viz": 2}, interests=frozenset({"dataviz"}), free_hours=18),
        ],
        projects=[
            Project(
                "p",
                (Role("r", "p", {"py": 3, "viz": 3}, headcount=2, hours_per_week=8),),
                fixed_members={"r": ["lead"]},
                topics=frozenset({"dataviz"}),
            )
        ],
        preferences=[Preference("ann", "r", 2, "I love charts")],
        ties=[Tie("ann", "lead", collaboration_weight(past_teams=1))],
        skill_names={"py": "Python", "viz": "D3"},
    )
    proposal = propose(inp)
    member = proposal.role("r").seats[1].member
    assert member.person_id == "ann"
    assert [(s.name, s.level, s.min_level, s.meets) for s in member.skills] == [
        ("Python", 4, 3, True),
        ("D3", 2, 3, False),
    ]
    assert member.covers == ("py",)
    assert member.interests == ("dataviz",) and member.interest == pytest.approx(1 / 3)
    assert (member.preference, member.note) == (2, "I love charts")
    assert (member.free_hours, member.hours_after) == (18, 10)
    assert member.links[0].person_id == "lead" and member.links[0].weight == pytest.approx(0.632, abs=1e-3)
    assert member.summary == (
        "Python 4/5 (needs 3), D3 2/5 (needs 3); interested in dataviz; volunteered: wants it; "
        "10 h free after this round; has worked with 1 of the team"
    )
    assert proposal.role("r").seats[0].member.fixed
    assert proposal.team("p").ties == pytest.approx(collaboration_weight(past_teams=1))


def test_alternatives_are_the_next_best_available_people():
    people = [Person(f"p{i}", {"x": 1 + i}, free_hours=10) for i in range(5)]
    people.append(Person("busy", {"x": 5}, free_hours=4))
    inp = FormationInput(people=people, projects=[Project("p", (Role("r", "p", {"x": 1}, 1, 8),))])
    seat = propose(inp, alternatives=2).role("r").seats[0]
    assert seat.member.person_id == "p4"
    assert [a.person_id for a in seat.alternatives] == ["p3", "p2"]
    assert all(a.gain < 0 for a in seat.alternatives)
    assert propose(inp, alternatives=0).role("r").seats[0].alternatives == ()


def test_exact_reports_the_heuristic_and_its_gap():
    inp = FormationInput(
        people=[Person(i, {"a": 1 + i % 5, "b": 1 + (i * 3) % 5}, free_hours=8 + 4 * (i % 3)) for i in range(12)],
        projects=[Project(t, (Role(f"{t}-1", t, {"a": 3}, 2, 8), Role(f"{t}-2", t, {"b": 3}, 1, 4))) for t in range(3)],
    )
    proposal = propose(inp, solver="exact")
    assert proposal.solver == "exact" and proposal.optimal
    assert proposal.upper_bound == pytest.approx(proposal.objective.total, rel=1e-5)
    assert proposal.gap == pytest.approx(0.0, abs=1e-5)
    assert proposal.heuristic_total is not None and proposal.heuristic_total <= proposal.objective.total + 1e-6
    assert 0 <= proposal.heuristic_gap < 0.05
    assert {"compile_seconds", "heuristic_seconds", "exact_seconds", "explain_seconds"} <= set(proposal.stats)


def test_heuristic_with_lp_bound():
    inp = FormationInput(
        people=[Person(i, {"a": 1 + i % 5}, free_hours=10) for i in range(8)],
        projects=[Project(t, (Role(f"r{t}", t, {"a": 3}, 2, 8),)) for t in range(3)],
    )
    proposal = propose(inp, solver="heuristic", bound=True)
    assert proposal.upper_bound >= proposal.objective.total - 1e-6
    assert proposal.gap < 0.01
    greedy = propose(inp, solver="greedy", bound=True)
    assert greedy.upper_bound == pytest.approx(proposal.upper_bound)
