"""The "Open projects" section of the home page: the open calls that fit the person best."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab.home import HomeSection, register_home_section

from .models import Project
from .selectors import fit_rank, project_list_for_user, projects_with_fit


@register_home_section(30)
def open_projects(user) -> HomeSection | None:
    if user.is_guest:
        return None
    projects = projects_with_fit(project_list_for_user(user=user, status=Project.Status.OPEN)[:20], user)
    projects.sort(key=fit_rank, reverse=True)
    items = [
        {
            "title": project.title,
            "url": reverse("project_detail", args=[project.pk]),
            "meta": _("Fits you %(score)s%% · %(reason)s")
            % {"score": project.best_fit.score, "reason": project.best_fit.reason}
            if project.best_fit
            else "",
        }
        for project in projects[:6]
    ]
    return HomeSection(
        "projects", gettext_lazy("Open projects"), items=items, empty_text=gettext_lazy("No open projects yet."),
        more_url=reverse("project_list"),
    )  # fmt: skip
