"""The ApplicationError family. `collab.api.exceptions` turns them into 4xx JSON, and
`collab.middleware` into 4xx pages."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain was broken. Services raise subclasses; clients see `code` and `message`."""

    code = "invalid"
    status_code = HTTPStatus.BAD_REQUEST
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, field: str | None = None, extra: dict | None = None):
        self.message = str(message or self.default_message)
        self.field = field
        self.extra = extra or {}
        super().__init__(self.message)


class NotFound(ApplicationError, Http404):
    code = "not_found"
    status_code = HTTPStatus.NOT_FOUND
    default_message = _("Not found.")


class Forbidden(ApplicationError, DjangoPermissionDenied):
    code = "forbidden"
    status_code = HTTPStatus.FORBIDDEN
    default_message = _("You do not have permission to do this.")


class Conflict(ApplicationError):
    code = "conflict"
    status_code = HTTPStatus.CONFLICT
    default_message = _("This conflicts with the current state.")
