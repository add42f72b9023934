"""The moderators' desk in the Django admin: the review queue (highest flag score first) with the
content, its context, the author's history and prior decisions; flags, decisions, suspensions and
the append-only audit log (searchable, exportable as CSV).

Every action calls `moderation.services`, which changes content only through the owning app's
services: live pages update, notifications fire, and each decision writes an audit entry.
Access follows the moderator role (`User.is_moderator`), not per-model permissions.
"""

import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from collab.exceptions import ApplicationError

from . import selectors, services
from .forms import DecisionActionForm
from .models import Action, AuditEntry, Case, Decision, Flag, Suspension, Trust


class ModeratorOnly:
    """Moderators and admins read everything here; nobody adds, edits or deletes rows by hand."""

    def _is_moderator(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_moderator)

    def has_module_permission(self, request):
        return self._is_moderator(request)

    def has_view_permission(self, request, obj=None):
        return self._is_moderator(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FlagInline(ModeratorOnly, admin.TabularInline):
    model = Flag
    extra = 0
    fields = ["reporter", "reason", "note", "weight", "status", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter")


class DecisionInline(ModeratorOnly, admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["created_at", "moderator", "action", "reason", "is_spam"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


class SpamScoredFilter(admin.SimpleListFilter):
    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [("flags", _("Flagged by people")), ("scorer", _("Doubted by the spam scorer"))]

    def queryset(self, request, queryset):
        if self.value() == "flags":
            return queryset.filter(flag_count__gt=0)
        if self.value() == "scorer":
            return queryset.filter(spam_score__isnull=False)
        return queryset


@admin.register(Case)
class CaseAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = [
        "item", "context", "target_kind", "score", "flag_count", "spam_score", "status", "author", "space",
        "updated_at",
    ]  # fmt: skip
    list_filter = ["status", "target_kind", SpamScoredFilter, "auto_hidden", "flags__reason", "updated_at"]
    search_fields = ["title", "excerpt", "author__username", "author__first_name", "author__last_name"]
    search_help_text = _("Title, text or author")
    list_select_related = ["author", "space"]
    ordering = ["-score", "-spam_score", "-updated_at"]
    action_form = DecisionActionForm
    actions = ["keep", "hide", "delete", "restore", "lock", "warn", "suspend", "spam"]
    inlines = [FlagInline, DecisionInline]
    fields = [
        "item_link", "target_kind", "status", "score", "flag_count", "spam_score", "spam_reasons", "auto_hidden",
        "excerpt_text", "space", "author", "author_history", "created_at", "updated_at", "resolved_at",
    ]  # fmt: skip
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        # Actions run through the services; the change form itself stays read-only (no Save button).
        return self._is_moderator(request) and obj is None

    def get_queryset(self, request):
        # The queue as this moderator may see it (threads' space rule); closed cases stay searchable.
        return selectors.case_list_for_moderator(user=request.user, open_only=False)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not request.GET:
            return redirect(f"{request.path}?status__in=open,hidden")  # land on what waits for a decision
        return super().changelist_view(request, extra_context)

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "status__in" or super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("text"))
    def item(self, obj):
        return Truncator(" ".join(obj.excerpt.split())).chars(80)

    @admin.display(description=_("in"), ordering="title")
    def context(self, obj):
        return Truncator(obj.title).chars(40)

    @admin.display(description=_("item"))
    def item_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.url, obj.title or obj.url)

    @admin.display(description=_("text when flagged"))
    def excerpt_text(self, obj):
        return format_html('<pre style="white-space: pre-wrap; max-width: 60em">{}</pre>', obj.excerpt)

    @admin.display(description=_("author's history"))
    def author_history(self, obj):
        if obj.author_id is None:
            return "-"
        history = selectors.author_history(user_id=obj.author_id)
        trust = history["trust"]
        lines = [
            (_("items in the queue (ever)"), history["cases"]),
            (_("decisions"), ", ".join(f"{k}: {v}" for k, v in sorted(history["decisions"].items())) or "-"),
            (_("warnings"), trust.warnings if trust else 0),
            (_("content removed"), trust.removed if trust else 0),
            (
                _("their flags upheld / dismissed"),
                f"{trust.flags_upheld} / {trust.flags_dismissed}" if trust else "0 / 0",
            ),
            (_("suspensions"), ", ".join(str(s) for s in history["suspensions"]) or "-"),
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", lines))

    def _decide(self, request, queryset, action: str) -> None:
        form = DecisionActionForm(request.POST)
        form.is_valid()  # the action's own choice is checked by the admin; keep what is valid
        reason = form.cleaned_data.get("reason") or ""
        days = form.cleaned_data.get("days")
        done, failures = 0, []
        for case in queryset:
            try:
                services.case_decide(case_id=case.pk, moderator=request.user, action=action, reason=reason, days=days)
            except ApplicationError as exc:
                failures.append(f"{case}: {exc.message}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                _("%(action)s: %(count)d done.") % {"action": Action(action).label, "count": done},
                messages.SUCCESS,
            )
        for failure in failures:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=_("Keep (dismiss the flags; undo an automatic hide)"), permissions=["change"])
    def keep(self, request, queryset):
        self._decide(request, queryset, Action.KEEP)

    @admin.action(description=_("Hide"), permissions=["change"])
    def hide(self, request, queryset):
        self._decide(request, queryset, Action.HIDE)

    @admin.action(description=_("Delete (soft, restorable)"), permissions=["change"])
    def delete(self, request, queryset):
        self._decide(request, queryset, Action.DELETE)

    @admin.action(description=_("Restore"), permissions=["change"])
    def restore(self, request, queryset):
        self._decide(request, queryset, Action.RESTORE)

    @admin.action(description=_("Lock the thread"), permissions=["change"])
    def lock(self, request, queryset):
        self._decide(request, queryset, Action.LOCK)

    @admin.action(description=_("Warn the author"), permissions=["change"])
    def warn(self, request, queryset):
        self._decide(request, queryset, Action.WARN)

    @admin.action(description=_("Suspend the author (for the days given)"), permissions=["change"])
    def suspend(self, request, queryset):
        self._decide(request, queryset, Action.SUSPEND)

    @admin.action(description=_("Mark as spam (hide; teaches the spam scorer)"), permissions=["change"])
    def spam(self, request, queryset):
        self._decide(request, queryset, Action.SPAM)


@admin.register(Flag)
class FlagAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["case", "reporter", "reason", "weight", "status", "created_at"]
    list_filter = ["reason", "status", "created_at"]
    search_fields = ["note", "reporter__username", "case__title"]
    list_select_related = ["case", "reporter"]


@admin.register(Decision)
class DecisionAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["created_at", "case", "action", "moderator", "is_spam"]
    list_filter = ["action", "is_spam", "created_at"]
    search_fields = ["reason", "text", "moderator__username", "case__title"]
    list_select_related = ["case", "moderator"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ModeratorOnly, admin.ModelAdmin):
    """Append-only: no add, change or delete, for anybody (admins included)."""

    list_display = ["created_at", "actor_name", "action", "target_kind", "target_id", "target_repr", "short_reason"]
    list_filter = ["action", "target_kind", "created_at"]
    search_fields = ["actor_name", "action", "target_repr", "reason", "=target_id"]
    search_help_text = _("Who, what, item or why")
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "actor",
        "actor_name",
        "action",
        "target_kind",
        "target_id",
        "target_repr",
        "reason",
        "data",
    ]
    readonly_fields = fields
    actions = ["export_csv"]

    @admin.display(description=_("why"))
    def short_reason(self, obj):
        return Truncator(obj.reason).chars(60)

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="collab-audit-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(["when", "who", "what", "kind", "item id", "item", "why", "data"])
        for entry in queryset.order_by("created_at", "id"):
            writer.writerow(
                [
                    entry.created_at.isoformat(),
                    _csv_safe(entry.actor_name),
                    entry.action,
                    entry.target_kind,
                    entry.target_id,
                    _csv_safe(entry.target_repr),
                    _csv_safe(entry.reason),
                    entry.data,
                ]
            )
        return response


def _csv_safe(value: str) -> str:
    """Cells a spreadsheet would run as a formula start with a quote instead (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@admin.register(Suspension)
class SuspensionAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["user", "starts_at", "ends_at", "created_by", "lifted_at", "reason"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter), "starts_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "reason"]
    list_select_related = ["user", "created_by"]
    action_form = DecisionActionForm
    actions = ["lift"]

    def has_change_permission(self, request, obj=None):
        return self._is_moderator(request) and obj is None

    @admin.action(description=_("Lift selected suspensions"), permissions=["change"])
    def lift(self, request, queryset):
        form = DecisionActionForm(request.POST)
        reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
        done = 0
        for suspension in queryset.filter(lifted_at__isnull=True):
            try:
                services.suspension_lift(suspension_id=suspension.pk, actor=request.user, reason=reason)
            except ApplicationError as exc:
                self.message_user(request, f"{suspension}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("Lifted %(count)d.") % {"count": done}, messages.SUCCESS)


@admin.register(Trust)
class TrustAdmin(ModeratorOnly, admin.ModelAdmin):
    list_display = ["user", "flags_upheld", "flags_dismissed", "warnings", "removed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
