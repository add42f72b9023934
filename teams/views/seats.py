"""A person's invitations and teams: accept, decline, leave (and a manager's removal)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.pages import redirect_back, write_rate

from .. import selectors, services
from ..models import Membership, Project


@login_required
def team_invitations(request):
    """Your invitations, your teams and your past teams, with your free hours."""
    seats = list(selectors.membership_list_for_user(user=request.user))
    context = {
        "invitations": [m for m in seats if m.status == Membership.Status.INVITED],
        "teams": [
            m for m in seats if m.status == Membership.Status.ACCEPTED and m.project.status != Project.Status.CLOSED
        ],
        "past": [
            m
            for m in seats
            if m.status in (Membership.Status.LEFT, Membership.Status.REMOVED, Membership.Status.DECLINED)
            or (m.status == Membership.Status.ACCEPTED and m.project.status == Project.Status.CLOSED)
        ],
        "volunteering": selectors.volunteer_list_for_user(user=request.user),
        "free_hours": selectors.free_hours_for(request.user),
    }
    return render(request, "teams/team_invitations.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def membership_respond(request, membership_id: int):
    accept = request.POST.get("answer") == "accept"
    try:
        membership = services.membership_respond(membership_id=membership_id, user=request.user, accept=accept)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("team_invitations")
    if accept:
        messages.success(request, _("Welcome to the %(title)s team.") % {"title": membership.project.title})
    else:
        messages.success(request, _("Declined; your hours stay free."))
    return redirect_back(request, fallback="/teams/mine/")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def membership_end(request, membership_id: int):
    try:
        membership = services.membership_end(membership_id=membership_id, actor=request.user)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect_back(request, fallback="/teams/mine/")
    if membership.person_id == request.user.pk:
        messages.success(request, _("You left the team; your hours are free again."))
    else:
        messages.success(request, _("%(name)s is off the team.") % {"name": membership.person.display_name})
    return redirect_back(request, fallback="/teams/mine/")
