"""Pages for people: the directory, a person's profile, editing your own, your API tokens."""

from contextlib import suppress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError
from collab.realtime.log import topic_last_seq

from . import events, selectors, services
from .filters import PersonFilter
from .forms import ApiTokenCreateForm, InterestAddForm, ProfileForm, SkillSetForm
from .profile import profile_sections


def write_rate(group, request) -> str:
    """Page writes per person; `PAGE_WRITE_RATE` in settings."""
    return settings.PAGE_WRITE_RATE


@login_required
def person_list(request):
    people = PersonFilter(request.GET, queryset=selectors.person_list(viewer=request.user))
    page = Paginator(people.qs, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/person_list.html", {"filter": people, "page": page, "query": query.urlencode()})


@login_required
def person_detail(request, user_id: int):
    """A person's profile; the card refreshes live when they change it (topic `person.<id>`)."""
    topic = events.person_topic(user_id)
    # Read the topic's position before the data: an event committed in between is replayed.
    live_after = topic_last_seq(topic)
    person = selectors.person_get(viewer=request.user, user_id=user_id)
    sections = profile_sections(person, request.user)
    if request.GET.get("fragment") == "card":
        return render(request, "accounts/includes/person_card.html", {"person": person, "sections": sections})
    context = {"person": person, "sections": sections, "live_topic": topic, "live_after": live_after}
    return render(request, "accounts/person_detail.html", context)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    me = selectors.me_get(user=request.user)
    form = ProfileForm(request.POST or None, instance=me, prefix="profile")
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=request.user, **form.to_service_kwargs())
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("profile_edit")
    return render(request, "accounts/profile_edit.html", _profile_context(me, form=form))


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def profile_skill_set(request):
    form = SkillSetForm(request.POST, prefix="skill")
    if not form.is_valid():
        return _profile_invalid(request, skill_form=form)
    services.user_skill_set(user=request.user, skill=form.cleaned_data["skill"], level=form.cleaned_data["level"])
    messages.success(request, _("Skill saved: %(skill)s.") % {"skill": form.cleaned_data["skill"]})
    return redirect("profile_edit")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def profile_skill_remove(request, skill_id: int):
    skill = selectors.skill_list().filter(pk=skill_id).first()
    if skill is not None:
        services.user_skill_remove(user=request.user, skill=skill)
        messages.success(request, _("Skill removed: %(skill)s.") % {"skill": skill})
    return redirect("profile_edit")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def profile_interest_add(request):
    form = InterestAddForm(request.POST, prefix="interest")
    if not form.is_valid():
        return _profile_invalid(request, interest_form=form)
    try:
        interest = services.interest_add(
            user=request.user, skill=form.cleaned_data["skill"], topic=form.cleaned_data["topic"] or ""
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return _profile_invalid(request, interest_form=form)
    messages.success(request, _("Interest added: %(interest)s.") % {"interest": interest.label})
    return redirect("profile_edit")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def profile_interest_remove(request, interest_id: int):
    with suppress(ApplicationError):  # already gone: the page shows the current list
        services.interest_remove(user=request.user, interest_id=interest_id)
    return redirect("profile_edit")


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = ApiTokenCreateForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ApplicationError as exc:
            form.add_error("name" if exc.field == "name" else None, exc.message)
        else:
            form = ApiTokenCreateForm()
    tokens = selectors.api_token_list_for_user(user=request.user)
    status = 400 if form.errors else 200
    return render(
        request, "accounts/token_list.html", {"form": form, "tokens": tokens, "new_key": new_key}, status=status
    )


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def token_revoke(request, token_id: int):
    try:
        token = services.api_token_revoke(user=request.user, token_id=token_id)
    except ApplicationError:
        pass
    else:
        messages.success(request, _("Token revoked: %(name)s.") % {"name": token.name})
    return redirect("token_list")


def _profile_context(me, *, form=None, skill_form=None, interest_form=None) -> dict:
    return {
        "me": me,
        "form": form or ProfileForm(instance=me, prefix="profile"),
        "skill_form": skill_form or SkillSetForm(prefix="skill"),
        "interest_form": interest_form or InterestAddForm(prefix="interest"),
    }


def _profile_invalid(request, **forms):
    me = selectors.me_get(user=request.user)
    return render(request, "accounts/profile_edit.html", _profile_context(me, **forms), status=400)
