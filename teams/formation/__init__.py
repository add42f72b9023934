"""Team formation: who should be on which project team, and why (pure Python + numpy/scipy).

No Django here: the `teams` app turns its rows into these dataclasses, calls `propose`, and
stores or shows the `Proposal`. See docs/formation.md for the model, the objective and the
figures of bench/formation.py.

    from teams.formation import FormationInput, Person, Project, Role, Preference, Tie, propose

    proposal = propose(FormationInput(people=[...], projects=[...], preferences=[...], ties=[...]))
    proposal.assignment()          # {role id: (person id, ...)}
    proposal.role(7).seats[0]      # member explanation and alternatives
    proposal.role(7).uncovered     # skills left uncovered, with the reason
    proposal.blocking_pairs        # stability

Input: `Person`, `Role`, `Project`, `Preference`, `Tie`, `Weights`, `FormationInput`
(`collaboration_weight` builds a tie weight from shared threads, ideas and past teams).
Entry points: `propose` (solvers "auto", "exact", "heuristic", "greedy"), `evaluate` (explain a
given assignment, e.g. after a manager's swap), `check_assignment` (hard-constraint violations).
Errors: `FormationInputError` with `errors`, a list of `FieldError(path, message)`.
"""

from .model import (
    FieldError,
    FormationInput,
    FormationInputError,
    Id,
    Person,
    Preference,
    Project,
    Role,
    Tie,
    Weights,
    collaboration_weight,
)
from .result import (
    Alternative,
    BlockingPair,
    Link,
    Member,
    Objective,
    Proposal,
    RoleProposal,
    Seat,
    SkillMatch,
    TeamProposal,
    Uncovered,
    UncoveredReason,
)
from .solve import Solver, check_assignment, evaluate, propose

__all__ = [
    "Alternative",
    "BlockingPair",
    "FieldError",
    "FormationInput",
    "FormationInputError",
    "Id",
    "Link",
    "Member",
    "Objective",
    "Person",
    "Preference",
    "Project",
    "Proposal",
    "Role",
    "RoleProposal",
    "Seat",
    "SkillMatch",
    "Solver",
    "TeamProposal",
    "Tie",
    "Uncovered",
    "UncoveredReason",
    "Weights",
    "check_assignment",
    "collaboration_weight",
    "evaluate",
    "propose",
]
