"""The sentences people read, built at display time so they follow the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def notification_text(n) -> str:
    extra = n.extra or {}
    values = {
        "actor": extra.get("actor_name") or _("Someone"),
        "title": n.title,
        "status": extra.get("status_label", ""),
        "role": extra.get("role", ""),
    }
    texts = {
        ("reply", "replied_to_you"): _("%(actor)s replied to your post in “%(title)s”"),
        ("reply", "replied"): _("%(actor)s replied in “%(title)s”"),
        ("mention", "mentioned"): _("%(actor)s mentioned you in “%(title)s”"),
        ("idea", "status_changed"): _("“%(title)s” is now %(status)s"),
        ("idea", "changed_after_vote"): _("“%(title)s”, which you voted for, changed"),
        ("idea", "merged"): _("An idea you follow was merged into “%(title)s”"),
        ("idea", "coauthor_invited"): _("You are invited to co-author “%(title)s”"),
        ("team", "invited"): _("You are invited to join “%(title)s” as %(role)s"),
        ("team", "removed"): _("You are no longer on the “%(title)s” team"),
        ("team", "project_closed"): _("The project “%(title)s” was closed"),
        ("moderation", "post_removed"): _("A moderator removed your post in “%(title)s”"),
    }
    return texts.get((n.kind, n.verb), _("News about “%(title)s”")) % values


def group_text(kind: str, title: str, count: int) -> str:
    if kind == "reply":
        return ngettext("%(count)d new reply in “%(title)s”", "%(count)d new replies in “%(title)s”", count) % {
            "count": count,
            "title": title,
        }
    return ngettext("%(count)d update on “%(title)s”", "%(count)d updates on “%(title)s”", count) % {
        "count": count,
        "title": title,
    }
