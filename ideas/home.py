from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab.home import HomeSection, register_home_section

from .selectors import idea_list_latest_for_user


@register_home_section(10)
def latest_ideas(user) -> HomeSection:
    ideas = idea_list_latest_for_user(user=user, limit=6)
    items = [
        {
            "title": idea.title,
            "url": reverse("idea_detail", args=[idea.pk]),
            "meta": _("%(board)s · %(votes)d votes · %(ago)s ago")
            % {"board": idea.board.title, "votes": idea.upvotes, "ago": timesince(idea.created_at)},
        }
        for idea in ideas
    ]
    return HomeSection(
        "ideas", gettext_lazy("Latest ideas"), items=items, empty_text=gettext_lazy("No ideas yet."),
        more_url=reverse("board_list"),
    )  # fmt: skip
