from django.shortcuts import render
from django.utils.translation import gettext as _

from collab.home import home_sections


def home(request):
    """What is going on: each domain app contributes a section; anonymous visitors get a welcome."""
    sections = home_sections(request.user) if request.user.is_authenticated else []
    return render(request, "home.html", {"sections": sections})


def rate_limited(request, exception):
    response = render(
        request, "error.html", {"message": _("You are doing that too often. Wait a minute and try again.")}, status=429
    )
    response["Retry-After"] = "60"
    return response
