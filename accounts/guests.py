"""External guests: people outside the company let into one idea board (ideas.BoardGuest).

A guest reaches only the pages and API routes that apps allow for guests here (in their
AppConfig.ready); every other page answers 404, as if it did not exist. The data those pages show
is filtered again by each app's selectors (a guest sees only the boards and spaces they were let
into), so this allow-list is the outer wall, not the only one.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

_url_names: set[str] = {
    "account_login", "account_logout", "account_change_password", "account_reset_password",
    "account_reset_password_done", "account_reset_password_from_key", "account_reset_password_from_key_done",
    "set_language", "healthz", "readyz", "rate_limited", "markdown_preview",
}  # fmt: skip
_prefixes: set[str] = {"/static/", "/ws/"}


def allow_for_guests(*url_names: str, prefix: str | None = None) -> None:
    _url_names.update(url_names)
    if prefix:
        _prefixes.add(prefix)


def is_allowed_for_guests(path: str) -> bool:
    if any(path.startswith(prefix) for prefix in _prefixes):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 anyway
    return match.url_name in _url_names


class GuestScopeMiddleware:
    """Keeps guests inside what was opened to them; their home page is their boards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "is_guest", False):
            if request.path == "/":
                return redirect("board_list")
            if not is_allowed_for_guests(request.path_info):
                raise Http404()
        return self.get_response(request)


class GuestScopePermission:
    """The same wall for the API, where token authentication happens in the view (after the
    middleware): a guest's request to a route not allowed for guests is answered 404."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        is_guest = user is not None and user.is_authenticated and getattr(user, "is_guest", False)
        if is_guest and not is_allowed_for_guests(request.path_info):
            raise Http404()
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        return True
