from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ApiToken, Department, Interest, Skill, SkillCategory, User, UserSkill


class UserSkillInline(admin.TabularInline):
    model = UserSkill
    extra = 0
    autocomplete_fields = ["skill"]


class InterestInline(admin.TabularInline):
    model = Interest
    extra = 0
    autocomplete_fields = ["skill"]
    fields = ["skill", "topic"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "job_title", "department", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "department", "date_joined"]
    search_fields = ["username", "first_name", "last_name", "email", "job_title"]
    list_select_related = ["department"]
    autocomplete_fields = ["department", "manager"]
    readonly_fields = ["groups", "is_staff", "is_superuser", "last_login", "date_joined"]
    inlines = [UserSkillInline, InterestInline]
    actions = ["deactivate", *[f"make_{role}" for role in ("employee", "manager", "moderator", "admin")]]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "job_title", "department", "manager", "bio"]}),
        (_("Availability"), {"fields": ["weekly_availability"]}),
        (_("Role and access"), {"fields": ["role", "is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "email", "first_name", "last_name", "usable_password", "password1", "password2"],
            },
        ),
        (_("Organization"), {"fields": ["job_title", "department", "manager", "role"]}),
    ]

    def save_model(self, request, obj, form, change):
        # The role drives groups and staff flags: always through the service.
        role_changed = "role" in form.changed_data or not change
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        role, previous = obj.role, (form.initial.get("role") if change else None)
        super().save_model(request, obj, form, change)
        if role_changed:
            services.user_role_set(user=obj, role=role, actor=request.user, previous_role=previous)
        if deactivated:
            services.user_deactivate(user=obj, actor=request.user)  # tokens revoked, live sockets closed

    @admin.action(description=_("Deactivate selected people"), permissions=["change"])
    def deactivate(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.user_deactivate(user=user, actor=request.user)
        self.message_user(request, _("Deactivated."), messages.SUCCESS)

    def _make(self, request, queryset, role):
        for user in queryset:
            services.user_role_set(user=user, role=role, actor=request.user)
        self.message_user(request, _("Role changed."), messages.SUCCESS)

    @admin.action(description=_("Make employee"), permissions=["change"])
    def make_employee(self, request, queryset):
        self._make(request, queryset, "employee")

    @admin.action(description=_("Make manager"), permissions=["change"])
    def make_manager(self, request, queryset):
        self._make(request, queryset, "manager")

    @admin.action(description=_("Make moderator"), permissions=["change"])
    def make_moderator(self, request, queryset):
        self._make(request, queryset, "moderator")

    @admin.action(description=_("Make admin"), permissions=["change"])
    def make_admin(self, request, queryset):
        self._make(request, queryset.exclude(pk=request.user.pk), "admin")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "member_count"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_members=Count("members", filter=Q(members__is_active=True)))

    @admin.display(description=_("members"), ordering="_members")
    def member_count(self, obj):
        return obj._members


class SkillInline(admin.TabularInline):
    model = Skill
    extra = 0
    fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "skill_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_skills=Count("skills"))

    @admin.display(description=_("skills"), ordering="_skills")
    def skill_count(self, obj):
        return obj._skills


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "people_count"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["category"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_people=Count("user_skills"))

    @admin.display(description=_("people"), ordering="_people")
    def people_count(self, obj):
        return obj._people


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["created_at", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are created by their owner, who alone sees the secret

    @admin.action(description=_("Revoke selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            services.api_token_revoke(user=token.user, token_id=token.pk)
        self.message_user(request, _("Revoked."), messages.SUCCESS)
