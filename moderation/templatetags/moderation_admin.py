from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_queue_size(context) -> int | None:
    """Items waiting for a moderator's decision, for the admin index widget (moderators only)."""
    user = context["request"].user
    if not (user.is_active and user.is_staff and user.is_moderator):
        return None
    return selectors.queue_size(user=user)
