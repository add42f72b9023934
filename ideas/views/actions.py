"""What people do to an idea: vote, follow, co-author, and what its board's managers do: status,
merge, customers' votes, hiding. Each works as a plain form POST (then back to the page) and,
where the page uses htmx, answers with the fragment it replaces."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import User
from collab.exceptions import ApplicationError, Forbidden, NotFound

from .. import selectors, services
from ..forms import CoauthorForm, CustomerVoteForm, FollowForm, ModerateForm, StatusForm, VoteForm
from ._common import form_error, is_htmx, redirect_back, write_rate
from .ideas import merge_form_for, render_idea_page


def _refuse(exc: ApplicationError) -> str:
    if isinstance(exc, Forbidden | NotFound):
        raise exc
    return exc.message


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_vote(request, idea_id: int):
    """Vote (value 1 or -1), take the vote back (value 0), or keep a vote on an idea that changed
    since (action=acknowledge). htmx gets the vote widget back; a plain POST goes back to the page."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    form = VoteForm(request.POST)
    result, error = None, None
    if not form.is_valid():
        error = _("Choose a vote.")
    else:
        try:
            if form.cleaned_data["action"] == "acknowledge":
                services.idea_vote_acknowledge(idea_id=idea.pk, voter=request.user)
            elif form.cleaned_data["value"] == 0:
                result = services.vote_retract(idea_id=idea.pk, voter=request.user)
            else:
                result = services.vote_cast(idea_id=idea.pk, voter=request.user, value=form.cleaned_data["value"])
        except ApplicationError as exc:
            error = _refuse(exc)
    if is_htmx(request):
        if result is not None:
            idea, my_vote, votes_left = result.idea, result.value, result.votes_left
        else:
            vote = selectors.vote_get(idea=idea, user=request.user)
            my_vote = vote.value if vote else None
            votes_left = selectors.votes_left(board=idea.board, user=request.user)
        context = {
            "idea": idea,
            "board": idea.board,
            "my_vote": my_vote,
            "votes_left": votes_left,
            "voting_open": idea.board.is_open,
            "vote_error": error,
            "next_url": request.POST.get("next", ""),
            "oob_votes_left": True,
            "bare": request.POST.get("widget") == "bare",
        }
        return render(request, "ideas/includes/vote.html", context)
    if error:
        messages.error(request, error)
    elif form.cleaned_data["action"] == "acknowledge":
        messages.success(request, _("Your vote stays on the idea as it is now."))
    return redirect_back(request, reverse("idea_detail", args=[idea.pk]))


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_follow(request, idea_id: int):
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    form = FollowForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["action"] == "follow":
            services.idea_follow(idea_id=idea.pk, user=request.user)
        else:
            services.idea_unfollow(idea_id=idea.pk, user=request.user)
    following = selectors.is_following(idea=idea, user=request.user)
    if is_htmx(request):
        return render(request, "ideas/includes/follow.html", {"idea": idea, "following": following})
    if form.is_valid():
        messages.success(
            request,
            _("You follow this idea: status changes are sent to you.") if following else _("You no longer follow it."),
        )
    return redirect("idea_detail", idea_id=idea.pk)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_coauthor(request, idea_id: int):
    """Invite a co-author by username (authors), accept or decline an invitation (the invitee),
    remove a co-author (authors, managers, or the co-author themselves)."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    form = CoauthorForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            if action == "invite":
                invitee = User.objects.filter(username__iexact=form.cleaned_data["username"].lstrip("@")).first()
                if invitee is None:
                    form.add_error("username", _("No one has this username."))
                else:
                    services.idea_coauthor_invite(idea_id=idea.pk, actor=request.user, user_id=invitee.pk)
                    messages.success(
                        request, _("%(name)s is invited to co-author the idea.") % {"name": invitee.display_name}
                    )
            elif action == "accept":
                services.idea_coauthor_accept(idea_id=idea.pk, user=request.user)
                messages.success(request, _("You are a co-author of this idea now: you can edit it."))
            elif action == "decline":
                services.idea_coauthor_remove(idea_id=idea.pk, actor=request.user, user_id=request.user.pk)
                messages.success(request, _("You declined the invitation."))
            else:
                services.idea_coauthor_remove(idea_id=idea.pk, actor=request.user, user_id=form.cleaned_data["user_id"])
                messages.success(request, _("The co-author is removed."))
        except ApplicationError as exc:
            if exc.field == "user_id":
                exc.field = "username"
            form_error(form, exc)
    if form.errors:
        return render_idea_page(request, idea, status=400, coauthor_form=form)
    return redirect("idea_detail", idea_id=idea.pk)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_status(request, idea_id: int):
    """Move an idea to a status with an official response (the board's owner, managers, moderators)."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    if not selectors.can_manage_board(user=request.user, board=idea.board):
        raise Forbidden(_("Only the board's owner, managers and moderators can change an idea's status."))
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            idea = services.idea_status_change(
                idea_id=idea.pk,
                actor=request.user,
                status=form.cleaned_data["status"],
                response=form.cleaned_data["response"] or None,
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The idea is now “%(status)s”.") % {"status": idea.get_status_display()})
            return redirect("idea_detail", idea_id=idea.pk)
    return render_idea_page(request, idea, status=400, status_form=form)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_merge(request, idea_id: int):
    """Merge this idea (the duplicate) into the chosen original of the same board."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    if not selectors.can_manage_board(user=request.user, board=idea.board):
        raise Forbidden(_("Only the board's owner, managers and moderators can merge ideas."))
    if idea.is_merged:
        messages.error(request, _("This idea was already merged."))
        return redirect("idea_detail", idea_id=idea.merged_into_id)
    form = merge_form_for(request, idea, request.POST)
    if form.is_valid():
        try:
            original = services.idea_merge(
                duplicate_id=idea.pk, original_id=form.cleaned_data["original"], actor=request.user
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("“%(duplicate)s” is merged into this idea: its votes, followers and tags are here now.")
                % {"duplicate": idea.title},
            )
            return redirect("idea_detail", idea_id=original.pk)
    return render_idea_page(request, idea, status=400, merge_form=form)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_customer_vote(request, idea_id: int):
    """Record or withdraw a customer's vote (staff who capture customer voice)."""
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    if not selectors.can_capture_customer_voice(request.user):
        raise Forbidden(_("Only sales and support staff can vote on behalf of a customer."))
    form = CustomerVoteForm(request.POST, customers=selectors.customer_list())
    if form.is_valid():
        customer = form.cleaned_data["customer"]
        try:
            if form.cleaned_data["action"] == "add":
                services.customer_vote_add(
                    idea_id=idea.pk, recorder=request.user, customer_id=customer.pk, note=form.cleaned_data["note"]
                )
                messages.success(request, _("%(customer)s's vote is recorded.") % {"customer": customer.name})
            else:
                services.customer_vote_remove(idea_id=idea.pk, recorder=request.user, customer_id=customer.pk)
                messages.success(request, _("%(customer)s's vote is withdrawn.") % {"customer": customer.name})
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("idea_detail", idea_id=idea.pk)
    return render_idea_page(request, idea, status=400, customer_vote_form=form)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def idea_moderate(request, idea_id: int):
    """Hide an idea (and its discussion) or bring it back (moderators)."""
    form = ModerateForm(request.POST)
    if not form.is_valid():
        return redirect("idea_detail", idea_id=idea_id)
    if form.cleaned_data["action"] == "hide":
        services.idea_hide(idea_id=idea_id, actor=request.user)
        messages.success(request, _("The idea is hidden: only moderators see it now."))
    else:
        services.idea_restore(idea_id=idea_id, actor=request.user)
        messages.success(request, _("The idea is back on its board."))
    return redirect("idea_detail", idea_id=idea_id)
