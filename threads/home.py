from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab.home import HomeSection, register_home_section

from .selectors import thread_list_active_for_user


@register_home_section(20)
def active_threads(user) -> HomeSection:
    threads = thread_list_active_for_user(user=user, limit=6)
    items = [
        {
            "title": thread.title,
            "url": reverse("thread_detail", args=[thread.pk]),
            "meta": _("%(space)s · %(ago)s ago")
            % {"space": thread.space.name, "ago": timesince(thread.last_activity_at)},
        }
        for thread in threads
    ]
    return HomeSection(
        "threads", gettext_lazy("Active discussions"), items=items, empty_text=gettext_lazy("No discussions yet."),
        more_url=reverse("space_list"),
    )  # fmt: skip
