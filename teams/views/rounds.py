"""Company-wide formation rounds (admins): start one, watch it run live, confirm its teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.pages import write_rate
from collab.realtime.log import topic_last_seq

from .. import events, selectors, services
from ..models import Proposal


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def round_list(request):
    if not selectors.is_teams_admin(request.user):
        raise NotFound()
    open_projects = list(selectors.project_list_open_with_roles())
    if request.method == "POST":
        ids = [int(pk) for pk in request.POST.getlist("project_ids") if pk.isdigit()]
        try:
            formation_round = services.round_start(
                actor=request.user, project_ids=ids or None, solver=request.POST.get("solver") or "heuristic"
            )
        except (Forbidden, NotFound):
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("round_detail", round_id=formation_round.pk)
    context = {"rounds": selectors.round_list_for_user(user=request.user)[:20], "open_projects": open_projects}
    return render(request, "teams/round_list.html", context)


@login_required
def round_detail(request, round_id: int):
    """A round's progress (live on `round.<id>`), its summary and the proposed team per project."""
    topic = events.round_topic(round_id)
    live_after = topic_last_seq(topic)
    formation_round = selectors.round_get_for_user(round_id=round_id, user=request.user)
    proposals = Proposal.objects.filter(round=formation_round).select_related("project", "project__owner")
    context = {"round": formation_round, "proposals": proposals, "live_topic": topic, "live_after": live_after}
    if request.GET.get("fragment") == "progress":
        return render(request, "teams/includes/round_progress.html", context)
    return render(request, "teams/round_detail.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def round_confirm(request, round_id: int):
    selectors.round_get_for_user(round_id=round_id, user=request.user)
    outcome = services.round_confirm_all(round_id=round_id, actor=request.user)
    confirmed = sum(1 for problems in outcome.values() if not problems)
    messages.success(request, _("%(n)s teams confirmed and invited.") % {"n": confirmed})
    for problems in outcome.values():
        for problem in problems[:3]:
            messages.error(request, problem["message"])
    return redirect("round_detail", round_id=round_id)
