"""Notifications for people, their preferences, the e-mails sent, and outgoing webhooks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; people choose a channel per kind."""

    REPLY = "reply", _("Replies to your posts and in threads you watch")
    MENTION = "mention", _("Mentions of you")
    IDEA = "idea", _("Ideas you follow, voted for or co-author")
    TEAM = "team", _("Team invitations and changes")
    MODERATION = "moderation", _("Moderation of your posts")


class Channel(models.TextChoices):
    INSTANT = "instant", _("E-mail at once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    IN_APP = "in_app", _("Only here (the bell)")
    OFF = "off", _("Off")


# Without a choice of their own, people get these.
DEFAULT_CHANNELS: dict[str, str] = {
    Kind.REPLY: Channel.DAILY,
    Kind.MENTION: Channel.INSTANT,
    Kind.IDEA: Channel.DAILY,
    Kind.TEAM: Channel.INSTANT,
    Kind.MODERATION: Channel.INSTANT,
}
DIGEST_CHANNELS = (Channel.DAILY, Channel.WEEKLY)


class OutgoingEmail(models.Model):
    """One e-mail to one person, claimed before it is sent so that no re-run sends it twice.

    `key` names what it is (`instant:<notification id>`, `digest:daily:<user>:<date>`); a task that
    runs again after a crash finds the row already `sending` or `sent` and sends nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("nothing to send")
        FAILED = "failed", _("failed")

    key = models.CharField(max_length=120, unique=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)  # instant, daily, weekly
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail sent")
        verbose_name_plural = _("e-mails sent")

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """One thing one person is told about. (recipient, cause) is unique: telling twice is impossible."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # What caused it, e.g. `reply:post:40`, `mention:post:40`, `idea.notice:user.7:12` (an event).
    cause = models.CharField(max_length=120)
    verb = models.CharField(max_length=32)  # replied, replied_to_you, mentioned, status_changed, invited ...
    # Notifications of one group (`thread.12`, `idea.5`, `project.3`) are shown together.
    group_key = models.CharField(max_length=64)
    target_kind = models.CharField(max_length=16)  # thread, idea, project: re-checked before e-mailing
    target_id = models.PositiveBigIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=300)
    extra = models.JSONField(default=dict, blank=True)  # display fields: status label, role name
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.ForeignKey(
        OutgoingEmail, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint("recipient", "cause", name="notification_unique_cause")]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_recipient_recent"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.cause}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def text(self) -> str:
        from .texts import notification_text

        return notification_text(self)


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint("user", "kind", name="preference_unique_kind")]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class Webhook(models.Model):
    """An outgoing integration: events of the chosen types are POSTed, signed with the secret."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("secret"), max_length=200, help_text=_("Deliveries carry X-Collab-Signature: sha256=HMAC(secret, t.body).")
    )
    event_types = models.JSONField(
        _("event types"), default=list, help_text=_("e.g. idea.posted, idea.status_changed, reply.posted")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        RETRYING = "retrying", _("retrying")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    topic = models.CharField(max_length=100)
    seq = models.BigIntegerField()
    event_type = models.CharField(max_length=64)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint("webhook", "topic", "seq", name="webhookdelivery_unique_event")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhookdelivery_due")]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.webhook_id} {self.event_type} {self.topic}#{self.seq}"
