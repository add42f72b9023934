"""Feed endpoints and the page where a person resets their feed links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from . import feeds
from .views import write_rate

# No login_required: feed readers have no session and bring a token instead (see threads.feeds).
space_feed = require_safe(feeds.SpaceFeed())
thread_feed = require_safe(feeds.ThreadFeed())


@login_required
@ratelimit(key="user", rate=write_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    if request.method == "POST":
        feeds.feed_token_reset(user=request.user)
        messages.success(request, _("Your feed links are reset: the old ones no longer work."))
        return redirect("feed_settings")
    return render(request, "threads/feed_settings.html")
