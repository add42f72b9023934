"""Projects with roles, the people who volunteer for them, proposed teams and the members who join.

Invariants kept by the database: one live seat per person per project, levels 1-5, hours 1-60,
headcount 1-50, preference 1-3. Invariants kept by the services under row locks: a role never has
more live members than its headcount, a person is never booked for more hours than they have
(`User.weekly_availability`). "Live" means invited or accepted: an invitation holds the hours
until it is declined, so two projects never count on the same hours.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import MAX_WEEKLY_HOURS

MAX_HEADCOUNT = 50
MAX_PREFERENCE = 3


class Project(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open call")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=160)
    goal = models.TextField(_("goal"), max_length=10000)
    goal_html = models.TextField(editable=False, blank=True)
    topics = models.CharField(
        _("topics"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated topics people may be interested in, e.g. data viz, onboarding."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_projects", verbose_name=_("owner")
    )
    idea = models.OneToOneField(
        "ideas.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
        verbose_name=_("promoted from idea"),
    )
    space = models.OneToOneField(
        "threads.Space",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
        verbose_name=_("team space"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ProjectRole(models.Model):
    """A role of a project: `headcount` seats of `hours_per_week` each, needing some skills."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    headcount = models.PositiveSmallIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_HEADCOUNT)]
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKLY_HOURS)]
    )
    position = models.PositiveSmallIntegerField(default=0)
    skills = models.ManyToManyField("accounts.Skill", through="RoleSkill", related_name="project_roles")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1, headcount__lte=MAX_HEADCOUNT), name="projectrole_headcount_range"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1, hours_per_week__lte=MAX_WEEKLY_HOURS),
                name="projectrole_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoleSkill(models.Model):
    """A skill a role needs, at `min_level` or better (1-5)."""

    role = models.ForeignKey(ProjectRole, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey("accounts.Skill", on_delete=models.PROTECT, related_name="role_requirements")
    min_level = models.PositiveSmallIntegerField(
        _("minimum level"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["-min_level", "skill__name"]
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        constraints = [
            models.UniqueConstraint("role", "skill", name="roleskill_unique"),
            models.CheckConstraint(condition=Q(min_level__gte=1, min_level__lte=5), name="roleskill_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level}"


class Volunteer(models.Model):
    """Someone who wants a role: how much (1 would do it, 2 keen, 3 really wants it) and why."""

    class Strength(models.IntegerChoices):
        WOULD = 1, _("I would do it")
        KEEN = 2, _("I am keen")
        EAGER = 3, _("I really want this")

    role = models.ForeignKey(ProjectRole, on_delete=models.CASCADE, related_name="volunteers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteering")
    note = models.CharField(_("note"), max_length=500, blank=True)
    strength = models.PositiveSmallIntegerField(_("how much you want it"), choices=Strength.choices, default=2)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-strength", "created_at", "id"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint("role", "person", name="volunteer_unique_role_person"),
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=MAX_PREFERENCE), name="volunteer_strength_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.role}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class FormationRound(models.Model):
    """A company-wide formation round over many open projects, run by a Celery task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    projects = models.ManyToManyField(Project, related_name="rounds", verbose_name=_("projects"))
    solver = models.CharField(_("solver"), max_length=16, default="heuristic")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("formation round")
        verbose_name_plural = _("formation rounds")
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="formationround_progress_max")]

    def __str__(self) -> str:
        return _("Round %(id)s") % {"id": self.pk}


class Proposal(models.Model):
    """A proposed team for a project: the optimizer's assignment, as the manager edits it, with the
    explanations. `assignment` maps role ids (as strings) to person ids; `result` holds the
    explanation per seat, the uncovered skills and alternatives (teams.proposals.to_json)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")
        SUPERSEDED = "superseded", _("Superseded")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    round = models.ForeignKey(
        FormationRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    solver = models.CharField(max_length=16)
    assignment = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    covered = models.PositiveIntegerField(default=0)
    required = models.PositiveIntegerField(default=0)
    total_fit = models.FloatField(default=0)
    seconds = models.FloatField(default=0)
    swaps = models.PositiveIntegerField(default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposed team")
        verbose_name_plural = _("proposed teams")

    def __str__(self) -> str:
        return _("Proposal %(id)s for %(project)s") % {"id": self.pk, "project": self.project}


class MembershipQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=Membership.LIVE)


class Membership(models.Model):
    """A seat on a project team: invited, then accepted or declined; later left or removed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Member")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")

    LIVE = (Status.INVITED, Status.ACCEPTED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(ProjectRole, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    from_volunteer = models.BooleanField(_("volunteered"), default=False)
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(
                "project",
                "person",
                name="membership_one_live_seat_per_project",
                condition=Q(status__in=["invited", "accepted"]),
                violation_error_message=_("This person already has a seat on this project."),
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="membership_person_status")]

    def __str__(self) -> str:
        return f"{self.person} · {self.role} ({self.get_status_display()})"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE
