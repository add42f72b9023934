"""Personal Atom feeds of a space and of a thread, for feed readers.

Feed readers have no session, so a feed link carries the person's feed token (`?token=`); a
request without one falls back to the session. Whoever the viewer turns out to be, access is
decided by the selectors only, so a feed shows exactly what its owner's pages show and answers 404
for what they may not see, for an unknown token, and for someone anonymous. The intranet is
private: there is no anonymous feed, not even of a public space.

The token is `<user id>.<HMAC-SHA256>` signed with SECRET_KEY and the person's random salt
(`FeedToken.salt`). It is not stored anywhere, and neither the salt nor SECRET_KEY alone can forge
one. Resetting replaces the salt, which invalidates every feed link handed out before. A hash of
the token (as for API tokens) would not do: pages show the link again on every visit.
Feeds never carry hidden threads or deleted posts, not even for moderators, who would see them on
the pages: a feed link ends up in third-party readers.
"""

import secrets
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import User
from collab.exceptions import NotFound

from .models import FeedToken, Post, Space, Thread
from .selectors import space_get_for_user, thread_get_for_user, thread_list_for_space

SPACE_FEED_SIZE = 30
THREAD_FEED_SIZE = 50
_SIGNER_SALT = "threads.feeds"
_SEP = "."
# Pages show the feed link on every visit; the salt is cached so that costs no query. Checking a
# token always reads the database, so a stale cache can only show an outdated link, never let
# an old one in.
_CACHE_SECONDS = 24 * 3600


def _cache_key(user_id: int) -> str:
    return f"threads.feed_salt.{user_id}"


def _signer(salt: str) -> signing.Signer:
    return signing.Signer(salt=f"{_SIGNER_SALT}:{salt}", sep=_SEP)


def _token(user_id: int, salt: str) -> str:
    return _signer(salt).sign(str(user_id))


def _new_salt() -> str:
    return secrets.token_urlsafe(24)


def feed_token_get_or_create(*, user: User) -> str:
    """The person's feed token, creating their salt on first use."""
    salt = cache.get(_cache_key(user.pk))
    if salt is None:
        row, _created = FeedToken.objects.get_or_create(user=user, defaults={"salt": _new_salt()})
        salt = row.salt
        cache.set(_cache_key(user.pk), salt, _CACHE_SECONDS)
    return _token(user.pk, salt)


@transaction.atomic
def feed_token_reset(*, user: User) -> str:
    """Give the person a new feed token; every feed link made before stops working.

    Drops the cached salt now and again on commit (a page rendered meanwhile may cache the old one)."""
    salt = _new_salt()
    FeedToken.objects.update_or_create(user=user, defaults={"salt": salt, "created_at": timezone.now()})
    cache.delete(_cache_key(user.pk))
    transaction.on_commit(lambda: cache.delete(_cache_key(user.pk)))
    return _token(user.pk, salt)


def feed_user_for_token(*, token: str) -> User | None:
    """The active person a feed token belongs to, or None (unknown, reset, forged, deactivated)."""
    user_id, sep, _signature = (token or "").partition(_SEP)
    if not sep or not user_id.isascii() or not user_id.isdigit() or len(user_id) > 18:
        return None
    row = FeedToken.objects.select_related("user").filter(user_id=int(user_id)).first()
    if row is None or not row.user.is_active:
        return None
    try:
        signed_id = _signer(row.salt).unsign(token)
    except signing.BadSignature:
        return None
    return row.user if signed_id == str(row.user_id) else None


def personal_feed_url(*, request, url_name: str, args: list) -> str:
    """The absolute feed link of `url_name` for the person signed in (one token look-up per request)."""
    token = getattr(request, "_feed_token", None)
    if token is None:
        token = request._feed_token = feed_token_get_or_create(user=request.user)
    return request.build_absolute_uri(reverse(url_name, args=args)) + "?" + urlencode({"token": token})


# --- Feeds -----------------------------------------------------------------------------------------


class _AtomFeed(Atom1Feed):
    """Atom with the entry's HTML as `<content type="html">` (Django's writes only a summary)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html") is not None:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


@dataclass
class _Source:
    viewer: User
    token: str | None
    space: Space | None = None
    thread: Thread | None = None

    def self_url(self, path: str) -> str:
        return f"{path}?{urlencode({'token': self.token})}" if self.token else path


def _viewer(request) -> tuple[User, str | None]:
    token = request.GET.get("token")
    if token is not None:
        user = feed_user_for_token(token=token)
        if user is None:
            raise NotFound()  # the same answer as a missing space or thread
        return user, token
    return request.user, None


class _PersonalFeed(Feed):
    feed_type = _AtomFeed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Personal content behind a secret in the URL: no shared caches, no search engines, and
        # the URL never leaves in a Referer.
        patch_cache_control(response, private=True, no_cache=True)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def item_description(self, item) -> None:
        return None  # the HTML goes into <content>, see item_extra_kwargs

    def item_author_name(self, item) -> str:
        return item.author.display_name


class SpaceFeed(_PersonalFeed):
    """The latest threads of a space, each with its opening post."""

    def get_object(self, request, slug: str) -> _Source:
        viewer, token = _viewer(request)
        return _Source(viewer=viewer, token=token, space=space_get_for_user(slug=slug, user=viewer))

    def title(self, obj: _Source) -> str:
        return obj.space.name

    def subtitle(self, obj: _Source) -> str:
        return _("Latest threads in %(space)s") % {"space": obj.space.name}

    def link(self, obj: _Source) -> str:
        return reverse("space_detail", args=[obj.space.slug])

    def feed_url(self, obj: _Source) -> str:
        return obj.self_url(reverse("space_feed", args=[obj.space.slug]))

    def items(self, obj: _Source) -> QuerySet[Thread]:
        # thread_list_for_space decides access; hiding and ordering only narrow and sort it.
        opening = Post.objects.filter(thread=OuterRef("pk"), depth=0, is_deleted=False).values("body_html")[:1]
        return (
            thread_list_for_space(space=obj.space, user=obj.viewer)
            .filter(is_hidden=False)
            .annotate(opening_html=Subquery(opening))
            .order_by("-last_activity_at", "-id")[:SPACE_FEED_SIZE]
        )

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_link(self, item: Thread) -> str:
        return reverse("thread_detail", args=[item.pk])

    def item_pubdate(self, item: Thread):
        return item.created_at

    def item_updateddate(self, item: Thread):
        return item.last_activity_at

    def item_extra_kwargs(self, item: Thread) -> dict:
        html = item.opening_html
        if html is None:
            html = f"<p><em>{_('This post was deleted.')}</em></p>"
        return {"content_html": html}


class ThreadFeed(_PersonalFeed):
    """The latest posts of a thread (the opening post included), newest first."""

    def get_object(self, request, thread_id: int) -> _Source:
        viewer, token = _viewer(request)
        thread = thread_get_for_user(thread_id=thread_id, user=viewer)
        if thread.is_hidden:  # moderators may see it on the page; a feed never carries it
            raise NotFound()
        return _Source(viewer=viewer, token=token, thread=thread)

    def title(self, obj: _Source) -> str:
        return obj.thread.title

    def subtitle(self, obj: _Source) -> str:
        return _("Latest posts in “%(thread)s” (%(space)s)") % {
            "thread": obj.thread.title,
            "space": obj.thread.space.name,
        }

    def link(self, obj: _Source) -> str:
        return reverse("thread_detail", args=[obj.thread.pk])

    def feed_url(self, obj: _Source) -> str:
        return obj.self_url(reverse("thread_feed", args=[obj.thread.pk]))

    def items(self, obj: _Source) -> list[Post]:
        posts = list(
            Post.objects.filter(thread=obj.thread, is_deleted=False)
            .select_related("author")
            .order_by("-created_at", "-id")[:THREAD_FEED_SIZE]
        )
        for post in posts:
            post.thread = obj.thread  # for titles, without a query per post
        return posts

    def item_title(self, item: Post) -> str:
        if item.is_root:
            return item.thread.title
        return _("%(author)s replied in “%(thread)s”") % {
            "author": item.author.display_name,
            "thread": item.thread.title,
        }

    def item_link(self, item: Post) -> str:
        return reverse("post_permalink", args=[item.thread_id, item.pk])

    def item_pubdate(self, item: Post):
        return item.created_at

    def item_updateddate(self, item: Post):
        return item.edited_at or item.created_at

    def item_extra_kwargs(self, item: Post) -> dict:
        return {"content_html": item.body_html}
