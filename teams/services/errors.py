"""Rules of project teams that a request can break; each has a stable `code` for API clients."""

from http import HTTPStatus

from django.utils.translation import gettext_lazy as _

from collab.exceptions import ApplicationError, Conflict


class InvalidProject(ApplicationError):
    code = "invalid_project"


class InvalidRole(ApplicationError):
    code = "invalid_role"


class InvalidVolunteer(ApplicationError):
    code = "invalid_volunteer"


class ProjectNotOpen(ApplicationError):
    code = "project_not_open"
    status_code = HTTPStatus.CONFLICT
    default_message = _("This project is not taking volunteers or new members now.")


class InvalidAssignment(ApplicationError):
    """A manager's edit of a proposed team breaks a hard rule; `extra["errors"]` lists them."""

    code = "invalid_assignment"


class SeatsUnavailable(Conflict):
    """Confirming would over-book someone or a role; `extra["problems"]` lists each seat refused.
    Nothing was written: swap those people out (the proposal lists alternatives) and confirm again."""

    code = "seats_unavailable"
    default_message = _("Some seats cannot be given as proposed; nothing was confirmed.")


class MembershipClosed(Conflict):
    code = "membership_closed"
    default_message = _("This seat is no longer open to that change.")


class ProposalClosed(Conflict):
    code = "proposal_closed"
    default_message = _("This proposal was already confirmed or replaced by a newer one.")


class RoundBusy(Conflict):
    code = "round_busy"
    default_message = _("A formation round is already running; wait for it to finish.")
