"""Pages of project teams (package by noun; re-exported for urls.py)."""

from .projects import (
    project_close,
    project_create,
    project_detail,
    project_edit,
    project_list,
    project_publish,
    role_add,
    role_edit,
    role_remove,
    role_volunteer,
    role_withdraw,
)
from .proposals import proposal_confirm, proposal_create, proposal_detail, proposal_swap
from .rounds import round_confirm, round_detail, round_list
from .seats import membership_end, membership_respond, team_invitations

__all__ = [
    "membership_end",
    "membership_respond",
    "project_close",
    "project_create",
    "project_detail",
    "project_edit",
    "project_list",
    "project_publish",
    "proposal_confirm",
    "proposal_create",
    "proposal_detail",
    "proposal_swap",
    "role_add",
    "role_edit",
    "role_remove",
    "role_volunteer",
    "role_withdraw",
    "round_confirm",
    "round_detail",
    "round_list",
    "team_invitations",
]
