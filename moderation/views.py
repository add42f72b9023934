"""The flag page: a reason and a note for moderators, reached from a "Flag" link under posts and
ideas. Works without JavaScript; rate limited per person and per address."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError

from . import services, targets
from .forms import FlagForm
from .models import TargetKind


def flag_rate(group, request) -> str:
    return settings.MODERATION_FLAG_RATE


def _flag(request, kind: str, target_id: int):
    target = targets.target_get_for_user(kind=kind, target_id=target_id, user=request.user)  # 404 if hidden
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(reporter=request.user, target_kind=kind, target_id=target_id, **form.cleaned_data)
        except services.TooManyFlags as exc:
            response = render(request, "error.html", {"message": exc.message}, status=429)
            response["Retry-After"] = str(exc.extra.get("retry_after", 3600))
            return response
        except ApplicationError as exc:
            if exc.status_code == 404:
                raise
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Thank you: moderators will look at it."))
            return redirect(target.url)
    status = 400 if form.errors else 200
    return render(request, "moderation/flag_form.html", {"form": form, "target": target}, status=status)


_decorators = [
    login_required,
    ratelimit(key="user", rate=flag_rate, method="POST", block=True),
    ratelimit(key="ip", rate=flag_rate, method="POST", block=True),
    require_http_methods(["GET", "POST"]),
]


def _view(kind: str):
    def view(request, target_id: int):
        return _flag(request, kind, target_id)

    view.__name__ = f"flag_{kind}"
    for decorator in reversed(_decorators):
        view = decorator(view)
    return view


flag_post = _view(TargetKind.POST)
flag_idea = _view(TargetKind.IDEA)
flag_person = _view(TargetKind.PERSON)
