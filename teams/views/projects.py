"""Project pages: browse open calls with "fits you", a project with its roles and team (live on
`project.<id>`), opening and editing a project and its roles, volunteering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from collab.exceptions import ApplicationError, Forbidden, NotFound
from collab.pages import form_error, redirect_back, write_rate
from collab.realtime.log import topic_last_seq
from ideas.selectors import idea_get_for_user

from .. import events, selectors, services
from ..forms import ProjectForm, RoleForm, VolunteerForm
from ..models import Membership, Project, ProjectRole, Proposal

PAGE_SIZE = 20
TABS = ("open", "mine", "closed", "drafts")


@login_required
def project_list(request):
    """Open calls sorted by how well they fit the person (or the projects they run, or closed ones).
    Queries: the page's count, the projects (+owner), their roles with counts, required skills, and
    the person's skills, interests and booked hours for the fit."""
    user = request.user
    tab = request.GET.get("tab", "open")
    if tab not in TABS:
        tab = "open"
    q = (request.GET.get("q") or "").strip()[:100]
    if tab == "mine":
        projects = selectors.project_list_for_user(user=user, owned=True, q=q)
    elif tab == "drafts":
        projects = selectors.project_list_for_user(user=user, status=Project.Status.DRAFT, q=q)
    else:
        projects = selectors.project_list_for_user(user=user, status=tab, q=q)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    profile = selectors.fit_profile(user)
    page.object_list = selectors.projects_with_fit(page.object_list, user, profile)
    if tab == "open":
        page.object_list.sort(key=selectors.fit_rank, reverse=True)
    context = {
        "page": page,
        "tab": tab,
        "q": q,
        "can_create": selectors.can_open_project(user),
        "is_admin": selectors.is_teams_admin(user),
        "free_hours": profile.free_hours,
    }
    return render(request, "teams/project_list.html", context)


def _team_context(request, project_id: int) -> dict:
    user = request.user
    project = selectors.project_detail_for_user(project_id=project_id, user=user)
    manages = selectors.can_manage_project(user=user, project=project)
    if not manages:  # the "fits you" line is for those who might volunteer
        (project,) = selectors.projects_with_fit([project], user)
    roles = list(project.roles.all())
    mine = {v.role_id: v for role in roles for v in role.active_volunteers if v.person_id == user.pk}
    my_seat = next((m for role in roles for m in role.live_members if m.person_id == user.pk), None)
    for role in roles:
        role.my_volunteer = mine.get(role.pk)
        role.open_seat_slots = range(max(0, role.headcount - len(role.live_members)))
    draft = (
        Proposal.objects.filter(project=project, status=Proposal.Status.DRAFT).order_by("-created_at").first()
        if manages
        else None
    )
    return {
        "project": project,
        "roles": roles,
        "manages": manages,
        "my_seat": my_seat,
        "draft": draft,
        "volunteer_form": VolunteerForm(),
        "is_member": my_seat is not None and my_seat.status == Membership.Status.ACCEPTED,
    }


@login_required
def project_detail(request, project_id: int):
    """A project: goal, roles with required skills and "fits you", the team as it fills (live)."""
    topic = events.project_topic(project_id)
    live_after = topic_last_seq(topic)  # before the data: whatever commits in between is replayed
    context = _team_context(request, project_id)
    if request.GET.get("fragment") == "team":
        return render(request, "teams/includes/team.html", context)
    context.update(live_topic=topic, live_after=live_after)
    return render(request, "teams/project_detail.html", context)


def _project_kwargs(data: dict) -> dict:
    return {
        k: data.get(k) or ("" if k in ("topics",) else None)
        for k in ("title", "goal", "topics", "starts_on", "ends_on")
    }


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def project_create(request):
    """Open a project (a draft): from scratch, or promoted from an idea (`?idea=<id>`)."""
    if not selectors.can_open_project(request.user):
        raise Forbidden(_("Only managers can open projects."))
    initial, idea = {}, None
    idea_id = request.GET.get("idea") or request.POST.get("idea_id")
    if idea_id:
        try:
            idea = idea_get_for_user(idea_id=int(idea_id), user=request.user)
        except (NotFound, ValueError):
            raise NotFound() from None
        initial = {"title": idea.title, "goal": idea.body, "idea_id": idea.pk}
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                owner=request.user, idea_id=form.cleaned_data.get("idea_id"), **_project_kwargs(form.cleaned_data)
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Project opened as a draft. Add its roles, then publish it."))
            return redirect("role_add", project_id=project.pk)
    return render(request, "teams/project_form.html", {"form": form, "idea": idea})


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def project_edit(request, project_id: int):
    project = selectors.project_get_for_user(project_id=project_id, user=request.user)
    if not selectors.can_manage_project(user=request.user, project=project):
        raise Forbidden()
    initial = {f: getattr(project, f) for f in ("title", "goal", "topics", "starts_on", "ends_on")}
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project_id=project.pk, actor=request.user, **_project_kwargs(form.cleaned_data))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Project saved."))
            return redirect("project_detail", project_id=project.pk)
    return render(request, "teams/project_form.html", {"form": form, "project": project})


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def project_publish(request, project_id: int):
    try:
        services.project_publish(project_id=project_id, actor=request.user)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Published: everyone can now see the project and volunteer."))
    return redirect("project_detail", project_id=project_id)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def project_close(request, project_id: int):
    services.project_close(project_id=project_id, actor=request.user)
    messages.success(request, _("Project closed; its members' hours are free again."))
    return redirect("project_detail", project_id=project_id)


def _managed_role(request, role_id: int) -> ProjectRole:
    role = selectors.role_get_for_user(role_id=role_id, user=request.user)
    if not selectors.can_manage_project(user=request.user, project=role.project):
        raise Forbidden()
    return role


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def role_add(request, project_id: int):
    project = selectors.project_get_for_user(project_id=project_id, user=request.user)
    if not selectors.can_manage_project(user=request.user, project=project):
        raise Forbidden()
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_add(project_id=project.pk, actor=request.user, **form.to_service_kwargs())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Role added."))
            if "add_another" in request.POST:
                return redirect("role_add", project_id=project.pk)
            return redirect("project_detail", project_id=project.pk)
    roles = project.roles.prefetch_related("requirements__skill")
    return render(request, "teams/role_form.html", {"form": form, "project": project, "roles": roles})


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def role_edit(request, role_id: int):
    role = _managed_role(request, role_id)
    form = RoleForm(request.POST or None, initial=RoleForm.initial_for(role))
    if request.method == "POST" and form.is_valid():
        try:
            services.role_update(role_id=role.pk, actor=request.user, **form.to_service_kwargs())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Role saved."))
            return redirect("project_detail", project_id=role.project_id)
    return render(request, "teams/role_form.html", {"form": form, "project": role.project, "role": role})


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def role_remove(request, role_id: int):
    role = _managed_role(request, role_id)
    try:
        services.role_remove(role_id=role.pk, actor=request.user)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role removed."))
    return redirect("project_detail", project_id=role.project_id)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def role_volunteer(request, role_id: int):
    role = selectors.role_get_for_user(role_id=role_id, user=request.user)
    form = VolunteerForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("project_detail", project_id=role.project_id)
    try:
        services.volunteer_set(role_id=role.pk, person=request.user, **form.cleaned_data)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You volunteered for %(role)s.") % {"role": role.name})
    return redirect("project_detail", project_id=role.project_id)


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_POST
def role_withdraw(request, role_id: int):
    role = selectors.role_get_for_user(role_id=role_id, user=request.user)
    services.volunteer_withdraw(role_id=role.pk, person=request.user)
    messages.success(request, _("You withdrew from %(role)s.") % {"role": role.name})
    return redirect_back(request, fallback=f"/projects/{role.project_id}/")
