"""The organization: people, departments, skills, interests, roles and API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_WEEKLY_HOURS = 60


class Role(models.TextChoices):
    """Roles are Django groups of the same name; `accounts.roles` says what each may do."""

    EMPLOYEE = "employee", _("Employee")
    MANAGER = "manager", _("Manager")
    MODERATOR = "moderator", _("Moderator")
    ADMIN = "admin", _("Admin")
    GUEST = "guest", _("External guest")


class Department(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class SkillCategory(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.ForeignKey(
        SkillCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="skills"
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    manager = models.ForeignKey(
        "self", verbose_name=_("manager"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    weekly_availability = models.PositiveSmallIntegerField(
        _("free hours per week"),
        default=0,
        validators=[MaxValueValidator(MAX_WEEKLY_HOURS)],
        help_text=_("Hours per week you could give to projects beyond your current work."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EMPLOYEE, db_index=True)
    skills = models.ManyToManyField(Skill, through="UserSkill", related_name="people", blank=True)

    objects = UserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [
            ("manage_projects", _("Can open projects and form teams")),
            ("moderate", _("Can moderate content and people")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_availability__lte=MAX_WEEKLY_HOURS), name="user_weekly_availability_max"
            ),
            models.UniqueConstraint(
                "email",
                name="user_email_unique",
                condition=~Q(email=""),
                violation_error_message=_("This e-mail is taken."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_manager(self) -> bool:
        # A superuser made with `createsuperuser` keeps the default role but may do everything.
        return self.role in (Role.MANAGER, Role.ADMIN) or self.is_superuser

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN) or self.is_superuser

    @property
    def is_guest(self) -> bool:
        """An external guest sees only the idea boards they were invited to (ideas.BoardGuest)."""
        return self.role == Role.GUEST and not self.is_superuser

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p] or [self.username]
        return "".join(p[0] for p in parts[:2]).upper()

    @property
    def avatar_hue(self) -> int:
        """A stable colour for the generated initials avatar."""
        return int(hashlib.md5(self.username.encode(), usedforsecurity=False).hexdigest()[:4], 16) % 360


class UserSkill(models.Model):
    """A skill a person has, at a level from 1 (beginner) to 5 (expert)."""

    class Level(models.IntegerChoices):
        BEGINNER = 1, _("1 · Beginner")
        BASIC = 2, _("2 · Basic")
        COMPETENT = 3, _("3 · Competent")
        ADVANCED = 4, _("4 · Advanced")
        EXPERT = 5, _("5 · Expert")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="user_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="user_skills")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["-level", "skill__name"]
        verbose_name = _("skill of a person")
        verbose_name_plural = _("skills of people")
        constraints = [
            models.UniqueConstraint("user", "skill", name="userskill_unique_user_skill"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="userskill_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.level}/5"


class Interest(models.Model):
    """Something a person wants to work on: a skill from the taxonomy or a free topic."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="interests")
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="interests")
    topic = models.CharField(_("topic"), max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.CheckConstraint(
                condition=(Q(skill__isnull=False) & Q(topic="")) | (Q(skill__isnull=True) & ~Q(topic="")),
                name="interest_skill_xor_topic",
            ),
            models.UniqueConstraint(
                "user", "skill", name="interest_unique_user_skill", condition=Q(skill__isnull=False)
            ),
            models.UniqueConstraint("user", "topic", name="interest_unique_user_topic", condition=~Q(topic="")),
        ]

    def __str__(self) -> str:
        return self.skill.name if self.skill_id else self.topic

    @property
    def label(self) -> str:
        return str(self)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored; the secret is shown once."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())
