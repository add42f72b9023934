"""Idea boards: boards and campaigns, ideas, votes (employees' and customers'), co-authors,
followers, status history, and the guests a board is opened to.

Counters on `Idea` move with `F()` inside the vote services and can always be rebuilt from
`COUNT(*)` (`ideas.services.idea_counts_rebuild`). Ranking scores are stored on the idea and
recomputed by the vote services, so a ranked page is an index scan whatever the board size.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import ranking


class Board(models.Model):
    class Kind(models.TextChoices):
        OPEN = "open", _("Open-ended board")
        CAMPAIGN = "campaign", _("Time-boxed campaign")

    class Audience(models.TextChoices):
        COMPANY = "company", _("The whole company")
        DEPARTMENTS = "departments", _("Some departments")

    class Voting(models.TextChoices):
        UP = "up", _("Up-votes only")
        UP_DOWN = "updown", _("Up and down votes")

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OPEN)
    question = models.CharField(_("question"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    description_html = models.TextField(blank=True, editable=False)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.COMPANY)
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="idea_boards", verbose_name=_("departments")
    )
    voting = models.CharField(_("voting"), max_length=8, choices=Voting.choices, default=Voting.UP)
    vote_budget = models.PositiveSmallIntegerField(
        _("vote budget"),
        null=True,
        blank=True,
        help_text=_("Votes each person may have on open ideas of this board; empty for no limit."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_boards", verbose_name=_("owner")
    )
    # Ideas' discussions are threads of this space (its visibility follows the board's audience).
    space = models.OneToOneField(
        "threads.Space", on_delete=models.PROTECT, related_name="board", verbose_name=_("discussion space")
    )
    guests = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="BoardGuest",
        through_fields=("board", "user"),
        blank=True,
        related_name="guest_boards",
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_archived = models.BooleanField(_("archived"), default=False)
    idea_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea board")
        verbose_name_plural = _("idea boards")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="board_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(vote_budget__isnull=True) | Q(vote_budget__gte=1), name="board_vote_budget_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_at(self, when) -> bool:
        if self.is_archived:
            return False
        return (self.opens_at is None or self.opens_at <= when) and (self.closes_at is None or when < self.closes_at)

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def allows_downvotes(self) -> bool:
        return self.voting == self.Voting.UP_DOWN


class BoardGuest(models.Model):
    """An external guest invited to one board: they see, post and vote there and nowhere else."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="guest_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_guest_of")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("board", "user", name="boardguest_unique")]
        verbose_name = _("board guest")
        verbose_name_plural = _("board guests")

    def __str__(self) -> str:
        return f"{self.user} on {self.board}"


class CustomerAccount(models.Model):
    """A customer whose voice sales and support staff bring in (ideas and votes on their behalf)."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("customer account")
        verbose_name_plural = _("customer accounts")
        permissions = [("capture_customer_voice", _("Can post ideas and votes on behalf of customers"))]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


CLOSED_STATUSES = frozenset({Status.DONE, Status.DECLINED})


class IdeaQuerySet(models.QuerySet):
    def listed(self):
        """Ideas a board lists: not merged away, not hidden by moderation."""
        return self.filter(merged_into__isnull=True, is_hidden=False)


class Idea(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("board"))
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("description"), max_length=20000)
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas")
    customer = models.ForeignKey(
        CustomerAccount,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("on behalf of customer"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="ideas", verbose_name=_("tags"))
    thread = models.OneToOneField(
        "threads.Thread", on_delete=models.PROTECT, related_name="idea", verbose_name=_("discussion")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    response = models.TextField(_("official response"), blank=True, max_length=5000)
    response_html = models.TextField(blank=True, editable=False)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_ideas"
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Bumped when the title or description changes materially; voters who voted on an older
    # version are told (Vote.seen_version).
    version = models.PositiveIntegerField(default=1)

    # Counters (F() in the vote services; rebuildable from COUNT(*)).
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    customer_votes = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    # Stored ranking scores (see ideas.ranking and docs/ideas.md).
    score_top = models.FloatField(default=0.0)
    score_hot = models.FloatField(default=0.0)
    score_trending = models.FloatField(default=ranking.TREND_EMPTY)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["board", "-score_hot", "-id"], name="idea_board_hot"),
            models.Index(fields=["board", "-score_top", "-id"], name="idea_board_top"),
            models.Index(fields=["board", "-score_trending", "-id"], name="idea_board_trending"),
            models.Index(fields=["board", "-created_at", "-id"], name="idea_board_new"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="idea_not_merged_into_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def net_votes(self) -> int:
        return self.upvotes - self.downvotes

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class IdeaRevision(models.Model):
    """A title and description as they were before an edit (for "what changed since you voted")."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("idea revision")
        verbose_name_plural = _("idea revisions")

    def __str__(self) -> str:
        return f"{self.idea_id} v{self.version}"


class IdeaStatusChange(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=16, choices=Status.choices)
    new_status = models.CharField(max_length=16, choices=Status.choices)
    response = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)  # followers and voters were told

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.old_status} -> {self.new_status}"


class IdeaCoauthor(models.Model):
    """A co-author: invited by an author, may edit the idea once they accept."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="coauthorships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coauthorships")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("idea", "user", name="ideacoauthor_unique")]
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")

    def __str__(self) -> str:
        return f"{self.user} on {self.idea}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class IdeaFollow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("idea", "user", name="ideafollow_unique")]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self) -> str:
        return f"{self.user} follows {self.idea}"


class Vote(models.Model):
    """One person's vote on one idea (+1, or -1 on up/down boards)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes")
    value = models.SmallIntegerField(default=1)
    # A vote on an open idea of a budgeted board uses one of the voter's votes there; it is given
    # back (False) when the idea is closed as done or declined.
    holds_budget = models.BooleanField(default=True)
    seen_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint("idea", "voter", name="vote_one_per_person_per_idea"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_value_plus_or_minus_one"),
        ]
        indexes = [models.Index(fields=["voter", "holds_budget"], name="vote_voter_budget")]

    def __str__(self) -> str:
        return f"{self.voter} {self.value:+d} {self.idea}"


class CustomerVote(models.Model):
    """A customer's vote, captured by a member of staff on their behalf; counted separately."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="customer_vote_set")
    customer = models.ForeignKey(CustomerAccount, on_delete=models.CASCADE, related_name="votes")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("customer vote")
        verbose_name_plural = _("customer votes")
        constraints = [models.UniqueConstraint("idea", "customer", name="customervote_one_per_customer_per_idea")]

    def __str__(self) -> str:
        return f"{self.customer} for {self.idea}"


class VoteWallet(models.Model):
    """One row per person per board: the lock that serializes a person's votes on a board, so a
    budget check (`COUNT(*)` of votes holding budget) cannot race with another cast."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint("board", "voter", name="votewallet_unique")]

    def __str__(self) -> str:
        return f"{self.voter} on {self.board}"
