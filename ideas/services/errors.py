"""Rules of idea boards that a request can break; each has a stable `code` for API clients."""

from http import HTTPStatus

from django.utils.translation import gettext_lazy as _

from collab.exceptions import ApplicationError, Conflict


class InvalidIdea(ApplicationError):
    code = "invalid_idea"


class InvalidBoard(ApplicationError):
    code = "invalid_board"


class BoardClosed(ApplicationError):
    code = "board_closed"
    status_code = HTTPStatus.CONFLICT
    default_message = _("This board is not open: it takes no new ideas or votes now.")


class VotingClosed(ApplicationError):
    code = "voting_closed"
    status_code = HTTPStatus.CONFLICT
    default_message = _("Voting is closed on this idea.")


class VoteBudgetExhausted(Conflict):
    code = "vote_budget_exhausted"
    default_message = _("You have used all your votes on this board. Take one back to vote here.")


class IdeaMerged(Conflict):
    code = "idea_merged"
    default_message = _("This idea was merged into another one: vote and discuss there.")


class InvalidMerge(ApplicationError):
    code = "invalid_merge"
