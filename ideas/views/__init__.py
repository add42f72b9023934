"""Pages of idea boards (server-rendered, htmx and ideas.js on top). Split by what they show;
ideas/urls.py imports them from here."""

from .actions import (
    idea_coauthor,
    idea_customer_vote,
    idea_follow,
    idea_merge,
    idea_moderate,
    idea_status,
    idea_vote,
)
from .boards import board_create, board_detail, board_edit, board_list
from .guests import board_guests, guest_accept
from .ideas import idea_create, idea_detail, idea_edit, idea_similar

__all__ = [
    "board_create",
    "board_detail",
    "board_edit",
    "board_guests",
    "board_list",
    "guest_accept",
    "idea_coauthor",
    "idea_create",
    "idea_customer_vote",
    "idea_detail",
    "idea_edit",
    "idea_follow",
    "idea_merge",
    "idea_moderate",
    "idea_similar",
    "idea_status",
    "idea_vote",
]
