from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services, tasks
from .models import Notification, OutgoingEmail, Preference, Webhook, WebhookDelivery


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "recipient", "kind", "verb", "title", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["recipient__username", "title", "cause"]
    raw_id_fields = ["recipient", "actor", "email"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "channel"]
    list_filter = ["kind", "channel"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "recipient__username", "subject"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    event_types = forms.CharField(
        label=_("event types"),
        help_text=_("Comma-separated, e.g. idea.posted, idea.status_changed, reply.posted, team.member_joined"),
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "secret", "event_types", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["event_types"] = ", ".join(self.instance.event_types)

    def clean_event_types(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["event_types"].split(",") if t.strip()]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            services.webhook_url_check(url)
        except services.WebhookUrlRefused as exc:
            raise forms.ValidationError(exc.message) from None
        return url


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    max_num = 0
    ordering = ["-id"]
    fields = ["created_at", "event_type", "status", "attempts", "response_status", "error", "next_attempt_at"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-id")


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "is_active", "created_at"]
    list_filter = ["is_active"]
    inlines = [WebhookDeliveryInline]

    def save_model(self, request, obj, form, change) -> None:
        services.webhook_save(webhook=obj)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "webhook", "event_type", "status", "attempts", "response_status", "created_at"]
    list_filter = ["status", "webhook", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Attempt again now"))
    def retry_now(self, request, queryset) -> None:
        for delivery in queryset:
            services.webhook_delivery_retry_now(delivery_id=delivery.pk)
            tasks.delivery_start(delivery.pk)
        self.message_user(request, _("Delivery attempts started."), messages.SUCCESS)
