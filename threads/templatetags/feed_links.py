from django import template

from threads.feeds import personal_feed_url

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_url(context, url_name: str, *args) -> str:
    """`{% feed_url "space_feed" space.slug %}`: the person's own link to a feed, with their token."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return personal_feed_url(request=request, url_name=url_name, args=list(args))
