"""Every write of the teams app (re-exported by noun)."""

from .errors import (
    InvalidAssignment,
    InvalidProject,
    InvalidRole,
    InvalidVolunteer,
    MembershipClosed,
    ProjectNotOpen,
    ProposalClosed,
    RoundBusy,
    SeatsUnavailable,
)
from .projects import project_close, project_create, project_publish, project_update, role_add, role_remove, role_update
from .proposals import proposal_confirm, proposal_create, proposal_store, proposal_swap
from .rounds import round_confirm_all, round_run, round_start
from .seats import SeatRequest, member_invite, membership_end, membership_respond, seats_give, team_space_ensure
from .volunteers import volunteer_set, volunteer_withdraw

__all__ = [
    "InvalidAssignment",
    "InvalidProject",
    "InvalidRole",
    "InvalidVolunteer",
    "MembershipClosed",
    "ProjectNotOpen",
    "ProposalClosed",
    "RoundBusy",
    "SeatRequest",
    "SeatsUnavailable",
    "member_invite",
    "membership_end",
    "membership_respond",
    "project_close",
    "project_create",
    "project_publish",
    "project_update",
    "proposal_confirm",
    "proposal_create",
    "proposal_store",
    "proposal_swap",
    "role_add",
    "role_remove",
    "role_update",
    "round_confirm_all",
    "round_run",
    "round_start",
    "seats_give",
    "team_space_ensure",
    "volunteer_set",
    "volunteer_withdraw",
]
