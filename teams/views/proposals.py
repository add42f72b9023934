"""Proposed teams: ask the optimizer, read its explanation, swap people, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import User
from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.pages import int_or_none, write_rate

from .. import selectors, services
from ..models import Proposal


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def proposal_create(request, project_id: int):
    try:
        proposal = services.proposal_create(
            project_id=project_id, actor=request.user, solver=request.POST.get("solver") or "auto"
        )
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("project_detail", project_id=project_id)
    return redirect("proposal_detail", proposal_id=proposal.pk)


def _people(result: dict) -> dict[int, User]:
    ids = set()
    for role in result.get("roles", []):
        for seat in role["seats"]:
            if seat["member"]:
                ids.add(seat["member"]["person_id"])
                ids.update(link["person_id"] for link in seat["member"]["links"])
            ids.update(alt["person_id"] for alt in seat["alternatives"])
    return User.objects.select_related("department").in_bulk(ids)


@login_required
def proposal_detail(request, proposal_id: int):
    """The proposed team, seat by seat: why each member, who else could sit there, what stays
    uncovered and why. Queries: the proposal, the project's roles, the people named in it."""
    proposal = selectors.proposal_get_for_user(proposal_id=proposal_id, user=request.user)
    project = proposal.project
    roles = {role.pk: role for role in project.roles.all()}
    people = _people(proposal.result)
    role_views = []
    for data in proposal.result.get("roles", []):
        role = roles.get(data["role_id"])
        if role is None:
            continue  # removed since
        seats = []
        for seat in data["seats"]:
            member = seat["member"]
            seats.append(
                {
                    "member": member,
                    "person": people.get(member["person_id"]) if member else None,
                    "links": [
                        {"person": people.get(link["person_id"]), "weight": link["weight"]}
                        for link in (member["links"] if member else [])
                    ],
                    "alternatives": [
                        {**alt, "person": people.get(alt["person_id"])}
                        for alt in seat["alternatives"]
                        if alt["person_id"] in people
                    ],
                }
            )
        role_views.append({"role": role, "seats": seats, "uncovered": data["uncovered"]})
    context = {
        "proposal": proposal,
        "project": project,
        "roles": role_views,
        "is_draft": proposal.status == Proposal.Status.DRAFT,
        "problems": request.session.pop(f"proposal-{proposal.pk}-problems", None),
    }
    return render(request, "teams/proposal_detail.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def proposal_swap(request, proposal_id: int):
    try:
        services.proposal_swap(
            proposal_id=proposal_id,
            actor=request.user,
            role_id=int_or_none(request.POST.get("role_id")) or 0,
            remove_person_id=int_or_none(request.POST.get("remove_person_id")),
            add_person_id=int_or_none(request.POST.get("add_person_id")),
        )
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Swapped. The team is explained again below."))
    return redirect("proposal_detail", proposal_id=proposal_id)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def proposal_confirm(request, proposal_id: int):
    try:
        proposal = services.proposal_confirm(proposal_id=proposal_id, actor=request.user)
    except (Forbidden, NotFound):
        raise
    except services.SeatsUnavailable as exc:
        messages.error(request, exc.message)
        request.session[f"proposal-{proposal_id}-problems"] = exc.extra.get("problems", [])
        return redirect("proposal_detail", proposal_id=proposal_id)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("proposal_detail", proposal_id=proposal_id)
    messages.success(request, _("Confirmed: the people are invited. The team fills as they accept."))
    return redirect("project_detail", project_id=proposal.project_id)
