"""Bad input never crashes: it is refused with every problem and its field path, or handled."""

import math

import pytest

from teams.formation import (
    FormationInput,
    FormationInputError,
    Person,
    Preference,
    Project,
    Role,
    Tie,
    UncoveredReason,
    Weights,
    propose,
)


def paths(inp: FormationInput) -> dict[str, str]:
    with pytest.raises(FormationInputError) as caught:
        propose(inp)
    return {e.path: e.message for e in caught.value.errors}


def test_every_problem_is_reported_with_its_path():
    inp = FormationInput(
        people=[
            Person(1, {"py": 7}, free_hours=-3),
            Person(1, {"py": 3}, free_hours=math.nan),
            Person(2, {"py": 2.5}, free_hours=10, active="yes"),
        ],
        projects=[
            Project(
                "x",
                roles=(
                    Role(10, "x", {"py": 0}, headcount=-1, hours_per_week=math.inf),
                    Role(10, "y", {}, headcount=1.5, hours_per_week=4),
                ),
                fixed_members={10: [99], 77: [1]},
            ),
            Project("x"),
        ],
        preferences=[Preference(2, 10, 4), Preference(5, 11), Preference(2, 10, 1), Preference(2, 10, 1)],
        ties=[Tie(1, 2, 1.5)],
        weights=Weights(coverage=-1),
    )
    found = paths(inp)
    assert found["people[0].skills['py']"].startswith("must be a whole level from 1 to 5")
    assert found["people[0].free_hours"] == "must be at least 0, got -3"
    assert found["people[1].id"] == "duplicate person id 1 (also people[0])"
    assert "finite" in found["people[1].free_hours"]
    assert "whole level" in found["people[2].skills['py']"]
    assert found["people[2].active"] == "must be true or false, got 'yes'"
    assert "whole level" in found["projects[0].roles[0].required_skills['py']"]
    assert "whole number >= 0" in found["projects[0].roles[0].headcount"]
    assert "finite" in found["projects[0].roles[0].hours_per_week"]
    assert found["projects[0].roles[1].id"] == "duplicate role id 10 (also projects[0].roles[0])"
    assert found["projects[0].roles[1].project_id"] == "is 'y' but the role is listed under 'x'"
    assert "whole number" in found["projects[0].roles[1].headcount"]
    assert found["projects[0].fixed_members[10][0]"] == "unknown person 99"
    assert found["projects[0].fixed_members[77]"] == "role 77 is not a role of project 'x'"
    assert found["projects[1].id"] == "duplicate project id 'x' (also projects[0])"
    assert found["preferences[0].strength"] == "must be 1, 2 or 3, got 4"
    assert found["preferences[1].person_id"] == "unknown person 5"
    assert found["preferences[1].role_id"] == "unknown role 11"
    assert "volunteered twice" in found["preferences[3]"]
    assert found["ties[0].weight"] == "must be in (0, 1], got 1.5"
    assert found["weights.coverage"] == "must be at least 0, got -1"
    assert "invalid formation input" in str(FormationInputError([]))


def test_wrong_types_are_refused_not_crashed_on():
    found = paths(FormationInput(people=[{"id": 1}], projects="abc", preferences=[("a", "b")], ties=None))
    assert found["people[0]"] == "must be a Person, got dict"
    assert found["projects"] == "must be a list"
    assert found["preferences[0]"] == "must be a Preference, got tuple"
    assert found["ties"] == "must be a list"
    found = paths(
        FormationInput(
            people=[Person([1])], projects=[Project("p", roles=(Role("r", "p", {"a": 1}, 1, 1),))], weights=None
        )
    )
    assert found["people[0].id"] == "person id [1] is not hashable"
    assert found["weights"] == "must be a Weights, got NoneType"
    found = paths(
        FormationInput(
            people=[Person("a", interests="python")],
            projects=[Project("p", topics=[["x"]])],
            skill_names=["Rust"],
        )
    )
    assert found["people[0].interests"] == "must be a set of skill or topic ids"
    assert found["projects[0].topics"] == "must be a set of topic ids"
    assert found["skill_names"] == "must map skill ids to names"


def test_fixed_members_beyond_seats_hours_or_twice_in_a_project():
    people = [Person("a", {"s": 3}, free_hours=10), Person("b", {"s": 3}, free_hours=10)]
    roles = (Role("r1", "p", {"s": 3}, headcount=1, hours_per_week=6), Role("r2", "p", {"s": 3}, 1, 6))
    found = paths(FormationInput(people=people, projects=[Project("p", roles, fixed_members={"r1": ["a", "b"]})]))
    assert found["projects[0].fixed_members['r1']"] == "2 fixed members but the role has 1 seats"
    found = paths(
        FormationInput(people=people, projects=[Project("p", roles, fixed_members={"r1": ["a"], "r2": ["a"]})])
    )
    assert "fixed twice in this project" in found["projects[0].fixed_members['r2'][0]"]
    two = [
        Project("p", roles[:1], fixed_members={"r1": ["a"]}),
        Project("q", (Role("r3", "q", {"s": 3}, 1, 6),), {"r3": ["a"]}),
    ]
    found = paths(FormationInput(people=people, projects=two))
    assert found["projects[0].fixed_members['r1'][0]"] == "person 'a' is fixed in roles of 12 h/week but has 10 h free"


def test_a_role_nobody_can_fill_is_explained():
    inp = FormationInput(
        people=[
            Person("a", {"rust": 3, "go": 5}, free_hours=20),
            Person("b", {"go": 4}, free_hours=2),
            Person("c", {"cobol": 5}, free_hours=20, active=False),
        ],
        projects=[
            Project(
                "p",
                roles=(
                    Role("core", "p", {"rust": 4, "go": 4, "cobol": 3}, headcount=2, hours_per_week=10),
                    Role("none", "p", {"go": 1}, headcount=0, hours_per_week=1),
                ),
            )
        ],
        skill_names={"rust": "Rust", "go": "Go", "cobol": "COBOL"},
    )
    for solver in ("exact", "heuristic", "greedy"):
        proposal = propose(inp, solver=solver)
        core = proposal.role("core")
        assert core.members == ("a",)
        assert core.open_seats == 1
        reasons = {u.name: (u.reason, u.message) for u in core.uncovered}
        assert reasons["Rust"] == (
            UncoveredReason.NOBODY_QUALIFIED,
            "nobody in the company has Rust >= 4 (the best level is 3)",
        )
        assert reasons["COBOL"] == (UncoveredReason.ONLY_INACTIVE, "only inactive people have COBOL >= 3")
        assert "Go" not in reasons
        (none,) = proposal.role("none").uncovered
        assert (none.reason, none.message) == (UncoveredReason.NO_SEATS, "the role has no seats")


def test_people_without_the_hours_are_named_as_the_reason():
    inp = FormationInput(
        people=[Person("a", {"x": 5}, free_hours=4), Person("b", {"x": 4}, free_hours=0)],
        projects=[Project("p", (Role("r", "p", {"x": 4}, headcount=1, hours_per_week=8),))],
    )
    (uncovered,) = propose(inp).role("r").uncovered
    assert uncovered.reason == UncoveredReason.NO_FREE_HOURS
    assert uncovered.message == "the only people with x >= 4 (2) have less than 8 h a week free"
    assert uncovered.qualified == 2


def test_headcount_exhausted_when_seats_went_to_other_skills():
    inp = FormationInput(
        people=[Person("a", {"x": 5}, free_hours=40), Person("b", {"y": 5}, free_hours=40)],
        projects=[Project("p", (Role("r", "p", {"x": 4, "y": 4}, headcount=1, hours_per_week=8),))],
    )
    (uncovered,) = propose(inp).role("r").uncovered
    assert uncovered.reason == UncoveredReason.HEADCOUNT_EXHAUSTED
    assert "1 person with" in uncovered.message


def test_inactive_people_are_never_assigned_and_an_inactive_fixed_member_is_dropped_with_a_warning():
    inp = FormationInput(
        people=[Person("gone", {"x": 5}, free_hours=40, active=False), Person("here", {"x": 3}, free_hours=40)],
        projects=[
            Project("p", (Role("r", "p", {"x": 3}, headcount=2, hours_per_week=8),), fixed_members={"r": ["gone"]})
        ],
        preferences=[Preference("gone", "r", 3)],
    )
    for solver in ("exact", "heuristic", "greedy"):
        proposal = propose(inp, solver=solver)
        assert proposal.assignment() == {"r": ("here",)}
        assert proposal.warnings == (
            "projects[0].fixed_members['r'][0]: person 'gone' is inactive and was dropped from the team",
        )
        assert proposal.blocking_pairs == ()


def test_zero_hours_empty_projects_and_nobody_at_all():
    inp = FormationInput(
        people=[Person("z", {"x": 5}, free_hours=0)],
        projects=[
            Project("empty"),
            Project("p", (Role("r", "p", {"x": 1}, 1, 0),)),
            Project("q", (Role("s", "q", {"x": 1}, 1, 1),)),
        ],
    )
    proposal = propose(inp)
    assert proposal.team("empty").roles == ()
    assert proposal.assignment() == {"r": ("z",), "s": ()}  # a 0-hour role fits a 0-hour person
    assert propose(FormationInput(people=[], projects=[])).teams == ()
    nobody = propose(FormationInput(people=[], projects=[Project("p", (Role("r", "p", {"x": 2}, 2, 4),))]))
    assert nobody.role("r").open_seats == 2
    assert nobody.role("r").uncovered[0].reason == UncoveredReason.NOBODY_QUALIFIED


def test_ties_to_strangers_are_ignored_with_a_warning():
    inp = FormationInput(
        people=[Person("a", {"x": 3}, free_hours=5)],
        projects=[Project("p", (Role("r", "p", {"x": 3}, 1, 5),))],
        ties=[Tie("a", "ghost", 0.5), Tie("a", "a", 0.5)],
    )
    proposal = propose(inp)
    assert proposal.assignment() == {"r": ("a",)}
    assert proposal.warnings == ("ties: 2 ties name people outside the input, or one person twice, and were ignored",)


def test_unknown_solver_is_refused():
    with pytest.raises(FormationInputError, match="unknown solver"):
        propose(FormationInput(people=[], projects=[]), solver="magic")
