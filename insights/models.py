"""Nightly rollups of the domain tables, so that dashboards over months do not rescan every post
and vote. Each table is keyed by the day an event happened (UTC), which never changes once the day
is over; `insights.services.rollup_day` replaces one day's rows in one transaction and records it
in `RollupDay`. Dashboards read these rows for the days listed in `RollupDay` and query the domain
tables live for every other day of the range (always today). Every row also carries the space or
board the activity happened in, so that a viewer's visibility filter applies to rolled-up figures
exactly as it does to live ones. All of it can be rebuilt from the domain tables at any time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RollupDay(models.Model):
    """A day whose rows are in the rollup tables (absent: the dashboards query that day live)."""

    day = models.DateField(unique=True)
    finished_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("rolled-up day")
        verbose_name_plural = _("rolled-up days")

    def __str__(self) -> str:
        return str(self.day)


class ActivityDay(models.Model):
    """Counts per day, author's department and place (a space for threads and posts, a board for
    ideas and votes): the participation chart's sums."""

    day = models.DateField()
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey("threads.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey("ideas.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    threads = models.PositiveIntegerField(default=0)
    posts = models.PositiveIntegerField(default=0)
    ideas = models.PositiveIntegerField(default=0)
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day", "department"], name="insights_activity_day_dept")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(space__isnull=True) | models.Q(board__isnull=True), name="activityday_one_place"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.department_id}"


class ContributorDay(models.Model):
    """One row per person, day and place where they posted, proposed or voted: distinct people
    active per period, and the share of employees who contributed at least once."""

    day = models.DateField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey("threads.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey("ideas.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["day", "department"], name="insights_contrib_day_dept"),
            models.Index(fields=["person", "day"], name="insights_contrib_person_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.person_id}"


class InteractionDay(models.Model):
    """Cross-department interactions per day: someone of `actor_department` replied to, voted for
    or commented on the work of someone of `other_department` (never the same department)."""

    class Kind(models.TextChoices):
        THREAD = "thread", _("Discussions")
        IDEA = "idea", _("Ideas")
        TEAM = "team", _("Teams")

    day = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    space = models.ForeignKey("threads.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey("ideas.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor_department = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, related_name="+")
    other_department = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"], name="insights_interaction_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.actor_department_id}->{self.other_department_id}"
