"""Spaces, threads and posts stored as a tree (materialized path), reactions, watching, reads."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A post's path is its parent's path plus one fixed-width base-36 segment, so ordering by path
# lists a thread depth-first with siblings in the order they were written, and a sub-tree is a
# contiguous range of paths. Five characters give 60 million posts per thread.
SEGMENT_LENGTH = 5
MAX_DEPTH = 150
PATH_MAX_LENGTH = SEGMENT_LENGTH * (MAX_DEPTH + 1)


class Space(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone in the company")
        DEPARTMENT = "department", _("Some departments")
        PRIVATE = "private", _("Named members")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="spaces", verbose_name=_("departments")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SpaceMembership", blank=True, related_name="private_spaces"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.name


class SpaceMembership(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("space", "user", name="spacemembership_unique")]
        verbose_name = _("space member")
        verbose_name_plural = _("space members")

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="threads", verbose_name=_("space"))
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads")
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    # Numbers handed out to this thread's posts for their path segment; moves only under the thread lock.
    post_counter = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("accepted answer")
    )

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        indexes = [models.Index(fields=["space", "-is_pinned", "-last_activity_at"], name="thread_space_activity")]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """The opening post of a thread (depth 0) and every reply below it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=PATH_MAX_LENGTH)
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("text"))
    body_html = models.TextField(blank=True)  # sanitized rendering of this version of `body`
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # PostgreSQL full-text search (GIN-indexed in migration 0002); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["thread", "path"]
        constraints = [
            models.UniqueConstraint("thread", "path", name="post_unique_thread_path"),
            models.CheckConstraint(
                condition=Q(depth=0, parent__isnull=True) | Q(depth__gt=0, parent__isnull=False),
                name="post_root_has_no_parent",
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "depth", "path"], name="post_thread_depth_path"),
            models.Index(fields=["author", "-created_at"], name="post_author_recent"),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread_id}/{self.path}"

    @property
    def is_root(self) -> bool:
        return self.depth == 0


class PostRevision(models.Model):
    """The text of a post before each edit: the edit history everyone can read."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    body = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["post", "-version"]
        constraints = [models.UniqueConstraint("post", "version", name="postrevision_unique_version")]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.version}"


class Reaction(models.Model):
    class Emoji(models.TextChoices):
        THUMBS_UP = "+1", "👍"
        HEART = "heart", "❤️"
        TADA = "tada", "🎉"
        LAUGH = "laugh", "😄"
        THINKING = "thinking", "🤔"
        EYES = "eyes", "👀"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    emoji = models.CharField(max_length=16, choices=Emoji.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("post", "user", "emoji", name="reaction_unique")]

    def __str__(self) -> str:
        return f"{self.emoji} on {self.post_id}"


class ThreadSubscription(models.Model):
    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching: tell me about every reply")
        MUTED = "muted", _("Muted: never tell me")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_subscriptions")
    level = models.CharField(max_length=16, choices=Level.choices)

    class Meta:
        constraints = [models.UniqueConstraint("thread", "user", name="threadsubscription_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.thread_id}"


class ThreadRead(models.Model):
    """How far a person has read a thread: threads with activity after it are unread."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reads")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("thread", "user", name="threadread_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("post", "user", name="mention_unique")]

    def __str__(self) -> str:
        return f"@{self.user_id} in {self.post_id}"


class Backlink(models.Model):
    """A post that links to another thread, post, idea or project inside Collab."""

    source = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="outgoing_links")
    target_kind = models.CharField(max_length=16)  # "thread", "post", later "idea", "project"
    target_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint("source", "target_kind", "target_id", name="backlink_unique")]
        indexes = [models.Index(fields=["target_kind", "target_id"], name="backlink_target")]

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.target_kind} {self.target_id}"


class FeedToken(models.Model):
    """The per-person secret behind personal feed links (see `threads.feeds`).

    A feed link carries `<user id>.<HMAC>`, signed with SECRET_KEY and this random salt. The salt
    alone cannot forge a link and neither can SECRET_KEY alone; resetting replaces the salt, which
    invalidates every link handed out before. Unlike ApiToken, a hash of the link would not do:
    the pages show the link again on every visit, so it must be reproducible.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    salt = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self) -> str:
        return f"feed token of {self.user_id}"
