"""Admin for project teams: projects and their roles, volunteers, seats, proposed teams and rounds.

Every change with a rule or an event behind it goes through `teams.services`, whatever the entry
point: a project's text and dates through `project_update`, its status through the actions
"publish" (`project_publish`) and "close" (`project_close`, which lets pending invitations lapse);
a role and its required skills through `role_update` (which refuses fewer seats than live members
or new hours while people hold seats); a seat ends through the action "remove from team"
(`membership_end`, which frees the hours and takes the person out of the team's space). Projects
are opened and roles added on the site, where a manager sets them up. Volunteers, seats, proposed
teams and formation rounds are read-only here: they are the services' to write, and so are the
rendered goal, the team space and the publication and closing times.

The teams actions are for admins (`selectors.is_teams_admin`): the services let them manage every
project; moderators have no say over teams.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from collab.admin_helpers import ReadOnlyAdmin, ReadOnlyInline, report_outcome
from collab.exceptions import ApplicationError

from . import services
from .models import FormationRound, Membership, Project, ProjectRole, Proposal, RoleSkill, Volunteer
from .selectors import is_teams_admin

PROJECT_FIELDS = ("title", "goal", "topics", "starts_on", "ends_on")
ROLE_FIELDS = ("name", "description", "headcount", "hours_per_week")


def _each(modeladmin, request, rows, call, message: str) -> None:
    """`call(pk)` for each (pk, label) of `rows`; each refusal is reported with its label."""
    done, failures = 0, []
    for pk, label in rows:
        try:
            call(pk)
        except ApplicationError as exc:
            failures.append(f"{label}: {exc.message}")
        else:
            done += 1
    report_outcome(modeladmin, request, done, failures, message)


class TeamsAdminMixin:
    """The `teams` permission of the actions: admins only, as the services decide."""

    def has_teams_permission(self, request) -> bool:
        return is_teams_admin(request.user)


def _not_saved(formsets) -> None:
    """The inlines were written by a service (or not at all): nothing for the admin's change message."""
    for formset in formsets:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def _person(user: User | None) -> str:
    return user.display_name if user is not None else "-"


# --- projects --------------------------------------------------------------------------------------


class RoleInline(ReadOnlyInline):
    """Roles are added on the project's page (`role_add`) and changed on their own admin page."""

    model = ProjectRole
    fields = ["name_link", "headcount", "hours_per_week", "required_skills", "seats"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("requirements__skill")
            .annotate(
                _live=Count("memberships", filter=Q(memberships__status__in=Membership.LIVE), distinct=True),
                _accepted=Count("memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED), distinct=True),
            )
        )

    @admin.display(description=_("role"))
    def name_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:teams_projectrole_change", args=[obj.pk]), obj.name)

    @admin.display(description=_("required skills"))
    def required_skills(self, obj):
        return ", ".join(str(requirement) for requirement in obj.requirements.all()) or "-"

    @admin.display(description=_("seats (members + invited / headcount)"))
    def seats(self, obj):
        return f"{obj._accepted} + {obj._live - obj._accepted} / {obj.headcount}"


class ProjectAdminForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = list(PROJECT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must not be before the start date."))
        return cleaned


@admin.register(Project)
class ProjectAdmin(TeamsAdminMixin, admin.ModelAdmin):
    form = ProjectAdminForm
    list_display = ["title", "owner", "status", "role_count", "member_count", "volunteer_count", "published_at",
                    "closed_at"]  # fmt: skip
    list_filter = ["status", ("owner", admin.RelatedOnlyFieldListFilter), "published_at"]
    search_fields = ["title", "goal", "topics", "owner__username", "owner__first_name", "owner__last_name"]
    search_help_text = _("Title, goal, topics or owner")
    list_select_related = ["owner"]
    ordering = ["-created_at", "-id"]
    fieldsets = [
        (None, {"fields": ["title", "goal", "topics", "starts_on", "ends_on"]}),
        (_("Record (kept by the services)"), {"fields": ["owner", "status", "idea", "space", "created_at",
                                                         "published_at", "closed_at", "goal_html"]}),
    ]  # fmt: skip
    readonly_fields = ["owner", "status", "idea", "space", "created_at", "published_at", "closed_at", "goal_html"]
    inlines = [RoleInline]
    actions = ["publish", "close"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("owner")
            .annotate(
                _roles=Count("roles", distinct=True),
                _members=Count("memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED), distinct=True),
                _volunteers=Count("roles__volunteers", filter=Q(roles__volunteers__withdrawn_at=None), distinct=True),
            )
        )

    @admin.display(description=_("roles"), ordering="_roles")
    def role_count(self, obj):
        return obj._roles

    @admin.display(description=_("members"), ordering="_members")
    def member_count(self, obj):
        return obj._members

    @admin.display(description=_("volunteers"), ordering="_volunteers")
    def volunteer_count(self, obj):
        return obj._volunteers

    def has_add_permission(self, request):
        return False  # a manager opens a project on the site, with its roles (`project_create`)

    def has_delete_permission(self, request, obj=None):
        return False  # seats and proposals are its record: close it instead

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Project.Status.CLOSED:
            return [*self.readonly_fields, *PROJECT_FIELDS]  # `project_update` refuses a closed project
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in PROJECT_FIELDS}
        if not changes:
            return
        try:
            services.project_update(project_id=obj.pk, actor=request.user, **changes)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        _not_saved(formsets)  # roles are read-only here

    @admin.action(description=_("Publish selected drafts as open calls"), permissions=["teams"])
    def publish(self, request, queryset):
        _each(
            self,
            request,
            queryset.values_list("pk", "title"),
            lambda pk: services.project_publish(project_id=pk, actor=request.user),
            _("Published: %(count)d."),
        )

    @admin.action(description=_("Close selected projects (pending invitations lapse)"), permissions=["teams"])
    def close(self, request, queryset):
        _each(
            self,
            request,
            queryset.exclude(status=Project.Status.CLOSED).values_list("pk", "title"),
            lambda pk: services.project_close(project_id=pk, actor=request.user),
            _("Closed: %(count)d."),
        )


# --- roles -----------------------------------------------------------------------------------------


class RoleSkillInline(admin.TabularInline):
    """Saved with the role through `role_update(skills=...)`, which checks them."""

    model = RoleSkill
    extra = 0
    fields = ["skill", "min_level"]
    autocomplete_fields = ["skill"]


class ProjectRoleAdminForm(forms.ModelForm):
    class Meta:
        model = ProjectRole
        fields = list(ROLE_FIELDS)


@admin.register(ProjectRole)
class ProjectRoleAdmin(TeamsAdminMixin, admin.ModelAdmin):
    form = ProjectRoleAdminForm
    list_display = ["name", "project", "headcount", "hours_per_week", "project_status"]
    list_filter = ["project__status", ("project", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description", "project__title"]
    search_help_text = _("Role name, description or project title")
    list_select_related = ["project"]
    ordering = ["project", "position", "id"]
    fields = ["project", *ROLE_FIELDS]
    readonly_fields = ["project"]
    inlines = [RoleSkillInline]

    @admin.display(description=_("project status"), ordering="project__status")
    def project_status(self, obj):
        return obj.project.get_status_display()

    def has_add_permission(self, request):
        return False  # roles are added on the project's page (`role_add`)

    def has_delete_permission(self, request, obj=None):
        return False  # `role_remove` on the project's page: a role people were invited to stays

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_teams_admin(request.user)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.project.status == Project.Status.CLOSED:
            return [*self.readonly_fields, *ROLE_FIELDS]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        pass  # written with the required skills in `save_related`, in one `role_update`

    def save_related(self, request, form, formsets, change):
        _not_saved(formsets)
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in ROLE_FIELDS}
        skills = None
        for formset in formsets:
            if formset.model is RoleSkill and formset.has_changed():
                skills = [
                    {"skill_id": data["skill"].pk, "min_level": data["min_level"]}
                    for data in formset.cleaned_data
                    if data and data.get("skill") and not data.get("DELETE")
                ]
        if not changes and skills is None:
            return
        try:
            services.role_update(role_id=form.instance.pk, actor=request.user, skills=skills, **changes)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)


# --- volunteers and seats --------------------------------------------------------------------------


class ActiveFilter(admin.SimpleListFilter):
    title = _("still volunteering")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("Withdrawn"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


@admin.register(Volunteer)
class VolunteerAdmin(ReadOnlyAdmin):
    """People volunteer and withdraw on the project's page (`volunteer_set`, `volunteer_withdraw`)."""

    list_display = ["person", "role", "project", "strength", "note", "created_at", "withdrawn_at"]
    list_filter = [
        ActiveFilter,
        "strength",
        "role__project__status",
        ("role__project", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["person__username", "person__first_name", "person__last_name", "role__name",
                     "role__project__title", "note"]  # fmt: skip
    search_help_text = _("Person, role, project or note")
    list_select_related = ["person", "role", "role__project"]
    ordering = ["-created_at", "-id"]

    @admin.display(description=_("project"), ordering="role__project__title")
    def project(self, obj):
        return obj.role.project


@admin.register(Membership)
class MembershipAdmin(TeamsAdminMixin, ReadOnlyAdmin):
    """Seats are given by confirming a proposed team or inviting someone on the project's page, and
    answered by the person invited; here an admin can only end one (`membership_end`)."""

    list_display = ["person", "project", "role", "status", "hours_per_week", "from_volunteer", "invited_by",
                    "invited_at", "responded_at", "ended_at"]  # fmt: skip
    list_filter = ["status", ("project", admin.RelatedOnlyFieldListFilter), "from_volunteer", "project__status"]
    search_fields = ["person__username", "person__first_name", "person__last_name", "person__email"]
    search_help_text = _("Person (username, name or e-mail)")
    list_select_related = ["person", "project", "role", "invited_by"]
    ordering = ["-invited_at", "-id"]
    actions = ["remove_from_team"]

    @admin.action(description=_("Remove selected people from their teams"), permissions=["teams"])
    def remove_from_team(self, request, queryset):
        rows = [
            (m.pk, f"{_person(m.person)} ({m.project.title})")
            for m in queryset.filter(status__in=Membership.LIVE).select_related("person", "project")
        ]
        _each(
            self,
            request,
            rows,
            lambda pk: services.membership_end(membership_id=pk, actor=request.user),
            _("Removed from their teams: %(count)d."),
        )


# --- proposed teams and rounds ---------------------------------------------------------------------


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    """Proposed teams are asked for, edited and confirmed by the project's managers on its page
    (`proposal_create`, `proposal_swap`, `proposal_confirm`) or by a company round."""

    list_display = ["__str__", "project", "status", "solver", "coverage", "total_fit", "swaps", "created_by",
                    "created_at", "confirmed_at"]  # fmt: skip
    list_filter = ["status", "solver", ("project", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["project__title"]
    search_help_text = _("Project title")
    list_select_related = ["project", "created_by"]
    ordering = ["-created_at", "-id"]
    fields = ["project", "round", "status", "solver", "coverage", "total_fit", "seconds", "swaps", "created_by",
              "created_at", "confirmed_by", "confirmed_at", "summary"]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("skills covered"))
    def coverage(self, obj):
        return f"{obj.covered} / {obj.required}"

    @admin.display(description=_("proposed team"))
    def summary(self, obj):
        """Each role's seats with the person and why, the skills nobody covers and the warnings."""
        result = obj.result or {}
        roles = result.get("roles", [])
        person_ids = {
            seat["member"]["person_id"] for role in roles for seat in role.get("seats", []) if seat.get("member")
        }
        names = {user.pk: user.display_name for user in User.objects.filter(pk__in=person_ids)}
        role_names = dict(ProjectRole.objects.filter(pk__in=[r["role_id"] for r in roles]).values_list("pk", "name"))
        blocks = []
        for role in roles:
            seats = []
            for seat in role.get("seats", []):
                member = seat.get("member")
                if member:
                    seats.append(
                        (
                            names.get(member["person_id"], f"#{member['person_id']}"),
                            f"{round(100 * member['fit'])}%",
                            member.get("summary", ""),
                        )
                    )
                else:
                    seats.append((_("open seat"), "-", ""))
            uncovered = "; ".join(u.get("message", u.get("name", "")) for u in role.get("uncovered", []))
            blocks.append(
                format_html(
                    "<p><strong>{}</strong> ({} × {} h)</p><ul>{}</ul>{}",
                    role_names.get(role["role_id"], f"#{role['role_id']}"),
                    role.get("headcount", "?"),
                    role.get("hours_per_week", "?"),
                    format_html_join("", "<li>{} · {} · {}</li>", seats),
                    format_html("<p>{}: {}</p>", _("Not covered"), uncovered) if uncovered else "",
                )
            )
        warnings = format_html_join("", "<li>{}</li>", ((w,) for w in result.get("warnings", [])))
        if warnings:
            blocks.append(format_html("<p>{}</p><ul>{}</ul>", _("Warnings"), warnings))
        return format_html_join("", "{}", ((block,) for block in blocks)) or "-"


@admin.register(FormationRound)
class FormationRoundAdmin(ReadOnlyAdmin):
    """Rounds are started and confirmed by admins on the site's rounds page (`round_start`, which
    queues the Celery task, and `round_confirm_all`), where their progress is shown live."""

    list_display = ["__str__", "status", "progress", "stage", "solver", "project_count", "created_by", "created_at",
                    "finished_at"]  # fmt: skip
    list_filter = ["status", "solver"]
    list_select_related = ["created_by"]
    ordering = ["-created_at", "-id"]
    fields = ["status", "progress", "stage", "solver", "created_by", "created_at", "started_at", "finished_at",
              "project_list", "summary", "error"]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_projects=Count("projects"))

    @admin.display(description=_("projects"), ordering="_projects")
    def project_count(self, obj):
        return obj._projects

    @admin.display(description=_("projects"))
    def project_list(self, obj):
        return ", ".join(obj.projects.order_by("title").values_list("title", flat=True)) or "-"
