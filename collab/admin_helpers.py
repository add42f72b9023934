"""Pieces every app's admin uses: read-only lists and inlines (rows the services write), and the
report of an action run row by row through a service."""

from django.contrib import admin, messages


def report_outcome(modeladmin, request, done: int, failures: list[str], message: str) -> None:
    """`message % {"count": done}` as a success when something was done, then each refusal."""
    if done:
        modeladmin.message_user(request, message % {"count": done}, messages.SUCCESS)
    for failure in failures:
        modeladmin.message_user(request, failure, messages.ERROR)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only the services write (votes, seats, proposals, rounds): here they are read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
