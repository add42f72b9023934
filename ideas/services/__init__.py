"""Every write to idea boards: boards and guests, ideas and co-authors, votes, status and merges.

Split by noun; import from `ideas.services`.
"""

from .boards import board_create, board_guest_invite, board_guest_remove, board_update
from .errors import (
    BoardClosed,
    IdeaMerged,
    InvalidBoard,
    InvalidIdea,
    InvalidMerge,
    VoteBudgetExhausted,
    VotingClosed,
)
from .ideas import (
    idea_coauthor_accept,
    idea_coauthor_invite,
    idea_coauthor_remove,
    idea_follow,
    idea_hide,
    idea_post,
    idea_restore,
    idea_status_change,
    idea_unfollow,
    idea_update,
    idea_vote_acknowledge,
)
from .merge import idea_merge
from .votes import (
    VoteResult,
    customer_vote_add,
    customer_vote_remove,
    idea_counts_rebuild,
    vote_cast,
    vote_retract,
)

__all__ = [
    "BoardClosed",
    "IdeaMerged",
    "InvalidBoard",
    "InvalidIdea",
    "InvalidMerge",
    "VoteBudgetExhausted",
    "VoteResult",
    "VotingClosed",
    "board_create",
    "board_guest_invite",
    "board_guest_remove",
    "board_update",
    "customer_vote_add",
    "customer_vote_remove",
    "idea_coauthor_accept",
    "idea_coauthor_invite",
    "idea_coauthor_remove",
    "idea_counts_rebuild",
    "idea_follow",
    "idea_hide",
    "idea_merge",
    "idea_post",
    "idea_restore",
    "idea_status_change",
    "idea_unfollow",
    "idea_update",
    "idea_vote_acknowledge",
    "vote_cast",
    "vote_retract",
]
