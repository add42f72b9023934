"""Ideas on the search page (collab.search): the best-supported ideas whose title or description
holds the words, from the boards the person may see. Two queries (the ideas, their boards joined)."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab.search import SearchSection, register_search_section

from .selectors import idea_list_filtered_for_user

LIMIT = 8


@register_search_section(10)
def ideas_section(user, query: str) -> SearchSection:
    ideas = list(
        idea_list_filtered_for_user(user=user, query=query.strip())
        .prefetch_related(None)
        .order_by("-score_top", "-id")[:LIMIT]
    )
    items = [
        {
            "title": idea.title,
            "url": reverse("idea_detail", args=[idea.pk]),
            "meta": _("%(board)s · %(status)s · %(votes)d votes")
            % {"board": idea.board.title, "status": idea.get_status_display(), "votes": idea.upvotes},
            "snippet": escape(Truncator(idea.body).chars(200)),
        }
        for idea in ideas
    ]
    return SearchSection("ideas", gettext_lazy("Ideas"), items=items)
