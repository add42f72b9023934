"""Admin for idea boards: boards and campaigns, ideas, customers, tags, and (read-only) votes.

Every change with a rule or an event behind it goes through `ideas.services`, whatever the entry
point: a board is opened with `board_create` (which opens its discussion space) and changed with
`board_update` (the space follows the audience); an idea's text goes through `idea_update` (the old
text is kept, voters are told of a material change), its status and official response through
`idea_status_change` (followers and voters are told, budgeted votes come back on closing), and the
actions hide, restore, recount and merge through `idea_hide`, `idea_restore`,
`idea_counts_rebuild` and `idea_merge`. Counters, scores, votes and histories are read-only here:
they are the services' to write.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from collab.admin_helpers import ReadOnlyAdmin, ReadOnlyInline, report_outcome
from collab.exceptions import ApplicationError

from . import services
from .models import (
    Board,
    BoardGuest,
    CustomerAccount,
    CustomerVote,
    Idea,
    IdeaCoauthor,
    IdeaRevision,
    IdeaStatusChange,
    Status,
    Tag,
    Vote,
)
from .services.boards import BOARD_FIELDS, _check_budget, _check_dates
from .services.errors import InvalidBoard

# --- boards ----------------------------------------------------------------------------------------


class BoardGuestInline(ReadOnlyInline):
    """External guests are invited and removed on the board's page (`board_guest_invite`, which
    sends the invitation; `board_guest_remove`, which closes their sockets)."""

    model = BoardGuest
    fk_name = "board"
    fields = ["user", "invited_by", "invited_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "invited_by")


class BoardAdminForm(forms.ModelForm):
    """The services' rules, checked before saving so that a mistake is a form error, not a 500."""

    class Meta:
        model = Board
        fields = [
            "title", "slug", "kind", "question", "description", "opens_at", "closes_at", "audience", "departments",
            "voting", "vote_budget", "is_archived",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        kind = cleaned.get("kind", instance.kind)
        opens_at = cleaned.get("opens_at", instance.opens_at)
        closes_at = cleaned.get("closes_at", instance.closes_at)
        try:
            _check_dates(opens_at, closes_at)
            _check_budget(cleaned.get("vote_budget"))
        except InvalidBoard as exc:
            self.add_error(exc.field, exc.message)
        if kind == Board.Kind.CAMPAIGN and not closes_at and "closes_at" in self.fields:
            self.add_error("closes_at", _("A campaign needs a closing date."))
        if cleaned.get("audience") == Board.Audience.DEPARTMENTS and not cleaned.get("departments"):
            self.add_error("departments", _("Choose at least one department."))
        if (
            instance.pk
            and cleaned.get("voting") == Board.Voting.UP
            and instance.voting != Board.Voting.UP
            and Vote.objects.filter(idea__board=instance, value=-1).exists()
        ):
            self.add_error("voting", _("This board has down-votes: it cannot become up-votes only."))
        return cleaned


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    form = BoardAdminForm
    list_display = [
        "title", "kind", "audience", "voting", "vote_budget", "idea_count", "opens_at", "closes_at", "is_archived",
    ]  # fmt: skip
    list_filter = ["kind", "audience", "voting", "is_archived", ("departments", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "slug", "question"]
    search_help_text = _("Title, address or question")
    filter_horizontal = ["departments"]
    inlines = [BoardGuestInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "question", "description"]}),
        (_("Dates"), {"fields": ["opens_at", "closes_at", "is_archived"]}),
        (_("Audience"), {"fields": ["audience", "departments"]}),
        (_("Voting"), {"fields": ["voting", "vote_budget"]}),
        (_("Record"), {"fields": ["owner", "space", "idea_count", "created_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        record = ["owner", "space", "idea_count", "created_at"]
        # The address and the kind are chosen once: `board_update` changes neither.
        return ["slug", "kind", *record] if obj is not None else record

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["title"]} if obj is None else {}

    def has_add_permission(self, request):
        user = request.user
        return super().has_add_permission(request) and (user.is_manager or user.is_moderator)

    def has_delete_permission(self, request, obj=None):
        return False  # ideas and the discussion space are PROTECTed; archive the board instead

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        departments = [department.pk for department in data.get("departments", [])]
        try:
            if not change:
                board = services.board_create(
                    owner=request.user, title=data["title"], slug=data["slug"], kind=data["kind"],
                    question=data.get("question", ""), description=data.get("description", ""),
                    opens_at=data.get("opens_at"), closes_at=data.get("closes_at"), audience=data["audience"],
                    department_ids=departments, voting=data["voting"], vote_budget=data.get("vote_budget"),
                )  # fmt: skip
                if data.get("is_archived"):
                    board = services.board_update(board_id=board.pk, actor=request.user, is_archived=True)
                obj.__dict__.update(board.__dict__)  # the admin redirects to the board the service made
                return
            changes = {name: data[name] for name in form.changed_data if name in BOARD_FIELDS | {"audience"}}
            department_ids = departments if {"departments", "audience"} & set(form.changed_data) else None
            if changes or department_ids is not None:
                services.board_update(board_id=obj.pk, actor=request.user, department_ids=department_ids, **changes)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # Departments were set by the service (with the discussion space's); guests are read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


# --- ideas -----------------------------------------------------------------------------------------


class StatusChangeInline(ReadOnlyInline):
    """The workflow so far, as followers were told it."""

    model = IdeaStatusChange
    fields = ["changed_at", "old_status", "new_status", "response", "changed_by", "notified_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class RevisionInline(ReadOnlyInline):
    """Earlier versions of the title and description ("changed since you voted")."""

    model = IdeaRevision
    fields = ["version", "title", "body", "edited_by", "created_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edited_by")


class CoauthorInline(ReadOnlyInline):
    model = IdeaCoauthor
    fk_name = "idea"
    fields = ["user", "invited_by", "invited_at", "accepted_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "invited_by")


class CustomerVoiceFilter(admin.SimpleListFilter):
    title = _("customer voice")
    parameter_name = "has_customer"

    def lookups(self, request, model_admin):
        return [("yes", _("Posted for a customer")), ("no", _("Posted by staff for themselves"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(customer__isnull=False)
        if self.value() == "no":
            return queryset.filter(customer__isnull=True)
        return queryset


class IdeaStatusForm(forms.Form):
    """The intermediate page of the "change status" action."""

    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    response = forms.CharField(
        label=_("Official response"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Shown on each idea and sent to its followers and voters. Leave empty to keep the current one."),
    )


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = [
        "title", "board", "status", "upvotes", "downvotes", "customer_votes", "author", "customer", "is_hidden",
        "merged_into", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "board", "is_hidden", CustomerVoiceFilter, "created_at"]
    search_fields = ["title", "body", "author__username", "author__first_name", "author__last_name"]
    search_help_text = _("Title, description or author")
    list_select_related = ["board", "author", "customer", "merged_into"]
    ordering = ["-created_at", "-id"]
    fieldsets = [
        (None, {"fields": ["title", "body", "board", "author", "customer", "tags_list", "thread"]}),
        (_("Workflow"), {"fields": ["status", "response", "responded_by", "responded_at"]}),
        (_("Moderation"), {"fields": ["is_hidden", "merged_into", "created_at", "edited_at", "version"]}),
        (
            _("Counters and scores (kept by the vote services)"),
            {"fields": ["upvotes", "downvotes", "customer_votes", "follower_count", "score_top", "score_hot",
                        "score_trending"]},
        ),
    ]  # fmt: skip
    readonly_fields = [
        "board", "author", "customer", "tags_list", "thread", "responded_by", "responded_at", "is_hidden",
        "merged_into", "created_at", "edited_at", "version", "upvotes", "downvotes", "customer_votes",
        "follower_count", "score_top", "score_hot", "score_trending",
    ]  # fmt: skip
    inlines = [StatusChangeInline, RevisionInline, CoauthorInline]
    actions = ["change_status", "hide", "restore", "recount", "merge_into_oldest"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("board", "author", "customer", "merged_into")

    def has_add_permission(self, request):
        return False  # an idea starts with its discussion thread: on the site, through `idea_post`

    def has_delete_permission(self, request, obj=None):
        return False  # hide it (the action below), or merge it into its original

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_merged:
            return [*self.readonly_fields, "title", "body", "status", "response"]  # the original holds them now
        return self.readonly_fields

    @admin.display(description=_("tags"))
    def tags_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.order_by("name")) or "-"

    def save_model(self, request, obj, form, change):
        data, changed = form.cleaned_data, set(form.changed_data)
        try:
            if {"title", "body"} & changed:
                services.idea_update(
                    idea_id=obj.pk,
                    editor=request.user,
                    title=data["title"] if "title" in changed else None,
                    body=data["body"] if "body" in changed else None,
                )
            if {"status", "response"} & changed:
                services.idea_status_change(
                    idea_id=obj.pk,
                    actor=request.user,
                    status=data["status"],
                    response=data["response"] if "response" in changed else None,
                )
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)

    def _each(self, request, queryset, call, message: str) -> None:
        done, failures = 0, []
        for idea_id, title in queryset.values_list("pk", "title"):
            try:
                call(idea_id)
            except ApplicationError as exc:
                failures.append(f"{title}: {exc.message}")
            else:
                done += 1
        report_outcome(self, request, done, failures, message)

    @admin.action(description=_("Change status of selected ideas (with an official response)…"), permissions=["change"])
    def change_status(self, request, queryset):
        form = IdeaStatusForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            status, response = form.cleaned_data["status"], form.cleaned_data["response"] or None
            self._each(
                request,
                queryset,
                lambda idea_id: services.idea_status_change(
                    idea_id=idea_id, actor=request.user, status=status, response=response
                ),
                _("Changed the status of %(count)d ideas."),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of ideas"),
            "ideas": queryset.select_related("board").order_by("board__title", "title"),
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/ideas/idea/change_status.html", context)

    @admin.action(
        description=_("Hide selected ideas (moderation: the idea and its discussion)"), permissions=["change"]
    )
    def hide(self, request, queryset):
        self._each(
            request,
            queryset.filter(is_hidden=False),
            lambda idea_id: services.idea_hide(idea_id=idea_id, actor=request.user),
            _("Hidden: %(count)d."),
        )

    @admin.action(description=_("Restore selected hidden ideas"), permissions=["change"])
    def restore(self, request, queryset):
        self._each(
            request,
            queryset.filter(is_hidden=True),
            lambda idea_id: services.idea_restore(idea_id=idea_id, actor=request.user),
            _("Restored: %(count)d."),
        )

    @admin.action(description=_("Recount votes and scores of selected ideas from the votes"), permissions=["change"])
    def recount(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda idea_id: services.idea_counts_rebuild(idea_id=idea_id),
            _("Recounted %(count)d ideas."),
        )

    @admin.action(description=_("Merge selected ideas into the oldest selected"), permissions=["change"])
    def merge_into_oldest(self, request, queryset):
        ideas = list(queryset.order_by("created_at", "pk").values_list("pk", "title"))
        if len(ideas) < 2:
            self.message_user(request, _("Select the original and at least one duplicate."), messages.WARNING)
            return
        (original_id, original_title), duplicates = ideas[0], ideas[1:]
        done, failures = 0, []
        for idea_id, title in duplicates:
            try:
                services.idea_merge(duplicate_id=idea_id, original_id=original_id, actor=request.user)
            except ApplicationError as exc:
                failures.append(f"{title}: {exc.message}")
            else:
                done += 1
        report_outcome(
            self,
            request,
            done,
            failures,
            _("Merged %%(count)d ideas into “%(title)s”.") % {"title": original_title},
        )


# --- customers, tags, votes ------------------------------------------------------------------------


@admin.register(CustomerAccount)
class CustomerAccountAdmin(admin.ModelAdmin):
    """Customers are named here (no rule behind it); staff with the customer-voice permission then
    post and vote on their behalf on the site."""

    list_display = ["name", "slug", "idea_count", "vote_count", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "created_at"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_ideas=Count("ideas", distinct=True), _votes=Count("votes", distinct=True))
        )

    @admin.display(description=_("ideas"), ordering="_ideas")
    def idea_count(self, obj):
        return obj._ideas

    @admin.display(description=_("votes"), ordering="_votes")
    def vote_count(self, obj):
        return obj._votes

    def has_delete_permission(self, request, obj=None):
        return False  # deleting would take votes away without their counters


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags are created by `idea_post` and `idea_update` from what people type."""

    list_display = ["name", "slug", "idea_count"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_ideas=Count("ideas"))

    @admin.display(description=_("ideas"), ordering="_ideas")
    def idea_count(self, obj):
        return obj._ideas

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["idea", "voter", "value", "holds_budget", "seen_version", "created_at"]
    list_filter = ["value", "holds_budget", ("idea__board", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["idea__title", "voter__username", "voter__first_name", "voter__last_name"]
    search_help_text = _("Idea title or voter")
    list_select_related = ["idea", "voter"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("idea", "voter")


@admin.register(CustomerVote)
class CustomerVoteAdmin(ReadOnlyAdmin):
    list_display = ["idea", "customer", "recorded_by", "note", "created_at"]
    list_filter = [("customer", admin.RelatedOnlyFieldListFilter), ("idea__board", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["idea__title", "customer__name", "note", "recorded_by__username"]
    search_help_text = _("Idea title, customer, note or recorder")
    list_select_related = ["idea", "customer", "recorded_by"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("idea", "customer", "recorded_by")
