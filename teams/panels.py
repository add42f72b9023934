"""The idea page's project panel: the project an idea became, or a manager's "open a project"."""

from ideas.panels import IdeaPanel, register_idea_panel

from .models import Project
from .selectors import can_open_project, project_visibility_q


@register_idea_panel(10)
def idea_project_panel(idea, viewer) -> IdeaPanel | None:
    if viewer.is_guest:
        return None
    project = Project.objects.filter(project_visibility_q(viewer), idea=idea).first()
    if project is None and not (can_open_project(viewer) and not idea.merged_into_id):
        return None
    return IdeaPanel("project", "teams/includes/idea_project.html", {"project": project, "idea": idea})
