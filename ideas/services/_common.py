"""Helpers shared by the idea services (not part of the public surface)."""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from threads import markdown

from .errors import InvalidIdea

TITLE_MIN = 4
TITLE_MAX = 160
MAX_TAGS = 8


@dataclass
class Body:
    body: str
    html: str


def render_body(body: str, *, field: str = "body", required: bool = True, max_length: int = 20000) -> Body:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        if required:
            raise InvalidIdea(_("Describe the idea."), field=field)
        return Body("", "")
    if len(body) > max_length:
        raise InvalidIdea(
            _("This text has at most %(max)d characters (it has %(n)d).") % {"max": max_length, "n": len(body)},
            field=field,
        )
    html = markdown.render(body, site_hosts=frozenset(settings.ALLOWED_HOSTS)).html
    return Body(body, html)


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN:
        raise InvalidIdea(
            _("Give the idea a title of at least %(min)d characters.") % {"min": TITLE_MIN}, field="title"
        )
    if len(title) > TITLE_MAX:
        raise InvalidIdea(_("A title has at most %(max)d characters.") % {"max": TITLE_MAX}, field="title")
    return title


def board_tags_changed(board_id: int) -> None:
    """Drop the board's cached tag list now and again once the change is committed (a reader in
    between may have cached the old list)."""
    from ..selectors import board_tags_cache_key

    key = board_tags_cache_key(board_id)
    cache.delete(key)
    transaction.on_commit(partial(cache.delete, key), robust=True)
