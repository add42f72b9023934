"""Pages: the list of your notifications (grouped, paginated), marking read, preferences, and the
one-click unsubscribe page of e-mail links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from collab.pages import int_or_none, is_htmx, write_rate

from . import selectors, services
from .forms import PreferencesForm
from .models import Kind

PAGE_SIZE = 30


def _list_context(request) -> dict:
    unread_only = request.GET.get("unread") == "1"
    rows = selectors.notification_list_for_user(user=request.user, unread_only=unread_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "groups": selectors.group_notifications(page.object_list), "unread_only": unread_only}


@login_required
def notification_list(request):
    return render(request, "notifications/notification_list.html", _list_context(request))


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def notification_read(request):
    ids = [i for i in (int_or_none(v) for v in request.POST.getlist("ids")) if i is not None]
    services.notification_mark_read(user=request.user, ids=ids)
    if is_htmx(request):
        return render(request, "notifications/includes/list.html", _list_context(request))
    return redirect("notification_list")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def notification_read_all(request):
    services.notification_mark_all_read(user=request.user)
    if is_htmx(request):
        return render(request, "notifications/includes/list.html", _list_context(request))
    messages.success(request, _("All notifications are marked read."))
    return redirect("notification_list")


@login_required
def notification_open(request, notification_id: int):
    """Jump to what the notification is about (marking it read on the way)."""
    notification = services.notification_open(user=request.user, notification_id=notification_id)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect("notification_list")
    return redirect(notification.url)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    current = selectors.preferences_for_user(user=request.user)
    form = PreferencesForm(request.POST or None, initial_channels=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, channels={k: form.cleaned_data[k] for k in Kind.values})
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification_preferences")
    return render(request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200)


@csrf_exempt  # the signed token is the authentication; mail clients POST here (RFC 8058 one-click)
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    """GET shows what the link stops, with one button (mail scanners follow GET links, so it changes
    nothing); POST stops it. Works signed out."""
    try:
        user, what = services.unsubscribe_token_read(token)
    except services.InvalidUnsubscribeLink:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = None
    if request.method == "POST":
        _user, done = services.unsubscribe(token=token)
    label = dict(Kind.choices).get(what) or (_("The daily digest") if what == "daily" else _("The weekly digest"))
    return render(
        request, "notifications/unsubscribe.html", {"person": user, "what": what, "label": label, "done": done}
    )
