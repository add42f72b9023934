"""Admin for spaces, threads and posts.

Every change with a rule or an event behind it goes through `threads.services`: pinning, locking,
soft-deleting, restoring and editing posts publish their realtime events, and removing someone from
a private space closes their sockets, whatever the entry point. Fields with no service behind them
(a thread's title, space and hidden flag; a post's tree position) are read-only here.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from collab.exceptions import ApplicationError

from . import services
from .models import Post, PostRevision, Space, SpaceMembership, Thread


def _report(modeladmin, request, done: int, failures: list[str], message: str) -> None:
    if done:
        modeladmin.message_user(request, message % {"count": done}, messages.SUCCESS)
    for failure in failures:
        modeladmin.message_user(request, failure, messages.ERROR)


# --- spaces --------------------------------------------------------------------------------------


class SpaceMembershipInline(admin.TabularInline):
    model = SpaceMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "added_at"]
    readonly_fields = ["added_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class SpaceAdminForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = ["name", "slug", "description", "visibility", "departments", "is_archived"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == Space.Visibility.DEPARTMENT and not cleaned.get("departments"):
            self.add_error("departments", _("Choose at least one department."))
        return cleaned


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    form = SpaceAdminForm
    list_display = ["name", "visibility", "thread_count", "is_archived"]
    list_filter = ["visibility", "is_archived", ("departments", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["departments"]
    fields = ["name", "slug", "description", "visibility", "departments", "is_archived", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [SpaceMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_threads=Count("threads", distinct=True))

    @admin.display(description=_("threads"), ordering="_threads")
    def thread_count(self, obj):
        return obj._threads

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
        elif fields := [name for name in form.changed_data if name != "departments"]:
            obj.save(update_fields=fields)  # departments are saved with the form's many-to-many data

    def save_formset(self, request, form, formset, change):
        if formset.model is not SpaceMembership:
            return super().save_formset(request, form, formset, change)
        # Members come and go through the services: a removed member's open sockets close at once.
        space, failures = form.instance, []
        formset.save(commit=False)
        leaving = [membership.user for membership in formset.deleted_objects]
        joining = [membership.user for membership in formset.new_objects]
        for membership, _fields in formset.changed_objects:
            leaving.append(SpaceMembership.objects.get(pk=membership.pk).user)
            joining.append(membership.user)
        for user in leaving:
            try:
                services.space_member_remove(space=space, user=user, actor=request.user)
            except ApplicationError as exc:
                failures.append(f"{user}: {exc.message}")
        for user in joining:
            try:
                services.space_member_add(space=space, user=user, actor=request.user)
            except ApplicationError as exc:
                failures.append(f"{user}: {exc.message}")
        _report(self, request, 0, failures, "")


# --- threads -------------------------------------------------------------------------------------


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title", "space", "author", "reply_count", "last_activity_at", "is_pinned", "is_locked", "is_hidden",
    ]  # fmt: skip
    list_filter = ["space", "is_pinned", "is_locked", "is_hidden", "last_activity_at"]
    search_fields = ["title", "author__username", "author__first_name", "author__last_name"]
    search_help_text = _("Title or author")
    list_select_related = ["space", "author"]
    fields = [
        "title", "space", "author", "created_at", "last_activity_at", "reply_count", "post_counter",
        "is_pinned", "is_locked", "is_hidden", "accepted_post",
    ]  # fmt: skip
    readonly_fields = [
        "title", "space", "author", "created_at", "last_activity_at", "reply_count", "post_counter",
        "is_hidden", "accepted_post",
    ]  # fmt: skip
    actions = ["pin", "unpin", "lock", "unlock"]

    def has_add_permission(self, request):
        return False  # a thread starts with its opening post: on the site, through `thread_start`

    def has_delete_permission(self, request, obj=None):
        # Post.parent is PROTECT, so a thread with replies cannot be deleted anyway; hide it instead.
        return False

    def save_model(self, request, obj, form, change):
        # Only the flags are editable, and each goes through its service (which publishes
        # `thread.updated`); a plain save() would also write back stale counters.
        for field, service, argument in (
            ("is_pinned", services.thread_pin, "pinned"),
            ("is_locked", services.thread_lock, "locked"),
        ):
            if field in form.changed_data:
                try:
                    service(thread_id=obj.pk, actor=request.user, **{argument: form.cleaned_data[field]})
                except ApplicationError as exc:
                    self.message_user(request, exc.message, messages.ERROR)

    def _moderate(self, request, queryset, service, message, **kwargs):
        done, failures = 0, []
        for thread_id, title in queryset.values_list("pk", "title"):
            try:
                service(thread_id=thread_id, actor=request.user, **kwargs)
            except ApplicationError as exc:
                failures.append(f"{title}: {exc.message}")
            else:
                done += 1
        _report(self, request, done, failures, message)

    @admin.action(description=_("Pin selected threads"), permissions=["change"])
    def pin(self, request, queryset):
        self._moderate(request, queryset.filter(is_pinned=False), services.thread_pin, _("Pinned %(count)d."))

    @admin.action(description=_("Unpin selected threads"), permissions=["change"])
    def unpin(self, request, queryset):
        self._moderate(
            request, queryset.filter(is_pinned=True), services.thread_pin, _("Unpinned %(count)d."), pinned=False
        )

    @admin.action(description=_("Lock selected threads"), permissions=["change"])
    def lock(self, request, queryset):
        self._moderate(request, queryset.filter(is_locked=False), services.thread_lock, _("Locked %(count)d."))

    @admin.action(description=_("Unlock selected threads"), permissions=["change"])
    def unlock(self, request, queryset):
        self._moderate(
            request, queryset.filter(is_locked=True), services.thread_lock, _("Unlocked %(count)d."), locked=False
        )


# --- posts ---------------------------------------------------------------------------------------


class PostRevisionInline(admin.TabularInline):
    """The edit history, as everyone can read it on the site."""

    model = PostRevision
    extra = 0
    can_delete = False
    fields = ["version", "body", "editor", "created_at", "replaced_at"]
    readonly_fields = fields
    ordering = ["-version"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("editor")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["short_text", "thread", "author", "depth", "created_at", "is_deleted"]
    list_filter = ["is_deleted", ("thread__space", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["body", "author__username", "author__first_name", "author__last_name"]
    search_help_text = _("Text or author")
    list_select_related = ["thread", "author"]
    ordering = ["-id"]
    fields = [
        "thread", "author", "parent", "body", "body_html", "path", "depth", "version",
        "created_at", "edited_at", "is_deleted", "deleted_at", "deleted_by",
    ]  # fmt: skip
    readonly_fields = [
        "thread", "author", "parent", "body_html", "path", "depth", "version",
        "created_at", "edited_at", "is_deleted", "deleted_at", "deleted_by",
    ]  # fmt: skip
    inlines = [PostRevisionInline]
    actions = ["soft_delete", "restore"]

    def has_add_permission(self, request):
        return False  # posts are written on the site, through `thread_start` and `reply_post`

    def has_delete_permission(self, request, obj=None):
        return False  # deleting is soft (the action below): the tree stays whole

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_deleted:
            return [*self.readonly_fields, "body"]  # `post_edit` refuses deleted posts
        return self.readonly_fields

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(" ".join(obj.body.split())).chars(80)

    def save_model(self, request, obj, form, change):
        # The text is the only editable field: `post_edit` keeps the old version in the history,
        # renders the new one, re-indexes it and publishes `post.edited`.
        if "body" in form.changed_data:
            try:
                services.post_edit(post_id=obj.pk, editor=request.user, body=form.cleaned_data["body"])
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)

    def _moderate(self, request, queryset, service, message):
        done, failures = 0, []
        for post_id, thread_id, path in queryset.values_list("pk", "thread_id", "path"):
            try:
                service(post_id=post_id, actor=request.user)
            except ApplicationError as exc:
                failures.append(f"{thread_id}/{path}: {exc.message}")
            else:
                done += 1
        _report(self, request, done, failures, message)

    @admin.action(
        description=_("Delete selected posts (soft: the text is hidden, replies stay)"), permissions=["change"]
    )
    def soft_delete(self, request, queryset):
        self._moderate(request, queryset.filter(is_deleted=False), services.post_delete, _("Deleted %(count)d."))

    @admin.action(description=_("Restore selected deleted posts"), permissions=["change"])
    def restore(self, request, queryset):
        self._moderate(request, queryset.filter(is_deleted=True), services.post_restore, _("Restored %(count)d."))
