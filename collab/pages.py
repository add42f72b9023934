"""Helpers shared by the server-rendered pages of every app."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from collab.exceptions import ApplicationError, Forbidden, NotFound


def write_rate(group, request) -> str:
    """Page writes per person (django-ratelimit's `rate`); `PAGE_WRITE_RATE` in settings."""
    return settings.PAGE_WRITE_RATE


def form_error(form, exc: ApplicationError) -> None:
    """A service's refusal becomes a message on the form (on its field when the form has one)."""
    if isinstance(exc, Forbidden | NotFound):
        raise exc  # a 403/404 page, not a form error
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def redirect_back(request, fallback: str):
    """Back where the person came from (a `next` field, else the referring page of this site)."""
    for candidate in (request.POST.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(candidate)
    return redirect(fallback)


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
