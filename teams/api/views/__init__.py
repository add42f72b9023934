"""The project teams API: projects and their roles with the reader's fit, volunteering, the team's
seats and invitations, proposed teams (the optimizer's, explained; a manager's swaps; confirming),
one's own memberships, and company-wide formation rounds.

Every action validates an input serializer, calls a service or a selector, and answers with an output
serializer. Access is decided by the selectors and services only (`project_get_for_user`,
`can_manage_project`, `proposal_get_for_user`, `membership_get_for_user`, `round_get_for_user`): a
project, proposal, seat or round a person may not see answers 404 exactly like a missing one; a
project they see but do not run answers 403 to changes. Services raise ApplicationError subclasses,
which `collab.api.exceptions` turns into 4xx JSON with a stable `code` and their extra keys
(`problems` of `seats_unavailable`, `errors` of `invalid_assignment`). External guests never reach
these routes (accounts.guests: they are not on the guests' allow-list).

The viewsets carry no docstrings: drf-spectacular would make them every operation's description.
"""

from .memberships import MembershipViewSet
from .projects import ProjectViewSet
from .proposals import ProposalViewSet
from .roles import RoleViewSet
from .rounds import RoundViewSet

__all__ = ["MembershipViewSet", "ProjectViewSet", "ProposalViewSet", "RoleViewSet", "RoundViewSet"]
