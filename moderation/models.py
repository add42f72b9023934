"""Flags, the review queue (one case per flagged or doubted item), moderators' decisions, the
append-only audit log, suspensions and what a person's past flags are worth."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    POST = "post", _("Post")
    IDEA = "idea", _("Idea")
    PERSON = "person", _("Person")


class Reason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off-topic")
    ABUSIVE = "abusive", _("Abusive or harassing")
    CONFIDENTIAL = "confidential", _("Confidential information")
    OTHER = "other", _("Something else")


class Case(models.Model):
    """One item in the review queue: everything flagged or doubted about one post, idea or person."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        HIDDEN = "hidden", _("Hidden, waiting for review")
        CLOSED = "closed", _("Decided")

    target_kind = models.CharField(_("kind"), max_length=16, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField(_("item id"))
    # Where the item lives, for the moderator's visibility filter (threads' `space_visibility_q`).
    space = models.ForeignKey(
        "threads.Space", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("space")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    excerpt = models.TextField(_("text when flagged"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    score = models.FloatField(_("flag score"), default=0.0)  # sum of the open flags' weights
    flag_count = models.PositiveIntegerField(_("open flags"), default=0)
    spam_score = models.FloatField(_("spam score"), null=True, blank=True)
    spam_reasons = models.CharField(_("spam signals"), max_length=300, blank=True)
    auto_hidden = models.BooleanField(_("hidden automatically"), default=False)
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "-updated_at"]
        constraints = [models.UniqueConstraint("target_kind", "target_id", name="moderation_case_unique_target")]
        indexes = [models.Index(fields=["status", "-score"], name="moderation_case_queue")]
        verbose_name = _("review queue item")
        verbose_name_plural = _("review queue")

    def __str__(self) -> str:
        return f"{self.get_target_kind_display()} {self.target_id}: {self.title}"[:120]

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class Flag(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    weight = models.FloatField(_("weight"), default=1.0)  # the reporter's track record when flagging
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "case", "reporter", condition=Q(status="open"), name="moderation_flag_one_open_per_reporter"
            ),
        ]
        indexes = [models.Index(fields=["reporter", "-created_at"], name="moderation_flag_reporter")]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} by {self.reporter_id}"


class Action(models.TextChoices):
    KEEP = "keep", _("Keep")
    HIDE = "hide", _("Hide")
    DELETE = "delete", _("Delete (soft)")
    RESTORE = "restore", _("Restore")
    LOCK = "lock", _("Lock the thread")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Suspend the author")
    SPAM = "spam", _("Mark as spam")
    AUTO_HIDE = "auto_hide", _("Hidden pending review (automatic)")


class Decision(models.Model):
    """What a moderator (or, for `auto_hide`, the platform) did about a case. Decisions labelled
    spam / not spam are the spam classifier's training data."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    text = models.TextField(_("text decided on"), blank=True)
    is_spam = models.BooleanField(_("spam"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["is_spam"], name="moderation_decision_label", condition=Q(is_spam__isnull=False))
        ]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_action_display()} on {self.case_id}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the audit log is append-only")

    def delete(self):
        raise TypeError("the audit log is append-only")


class AuditEntry(models.Model):
    """One moderation or permission change: who, what, on what, when, why. Append-only: the
    services only insert, the admin cannot change or delete, and the QuerySet refuses to."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("who"),
    )  # fmt: skip
    actor_name = models.CharField(_("who (name)"), max_length=160)
    action = models.CharField(_("what"), max_length=40, db_index=True)
    target_kind = models.CharField(_("kind"), max_length=16)
    target_id = models.PositiveBigIntegerField(_("item id"))
    target_repr = models.CharField(_("item"), max_length=200, blank=True)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_kind", "target_id"], name="moderation_audit_target")]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_kind} {self.target_id}"


class Suspension(models.Model):
    """A period during which a person cannot sign in or use the API (`accounts.user_suspend`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)  # None: until lifted
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "user", condition=Q(lifted_at__isnull=True), name="moderation_one_active_suspension"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="moderation_suspension_ends_after_start",
            ),
        ]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self) -> str:
        return f"{self.user} until {self.ends_at or '…'}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class Trust(models.Model):
    """A person's track record: what their flags were worth and how their own posts fared."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+")
    flags_upheld = models.PositiveIntegerField(default=0)
    flags_dismissed = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(_("content removed"), default=0)

    class Meta:
        verbose_name = _("trust record")
        verbose_name_plural = _("trust records")

    def __str__(self) -> str:
        return f"trust of {self.user_id}"
