"""Projects, skilled people and volunteers made through the services, so rows, spaces and events are real."""

import itertools

from accounts.models import UserSkill
from teams import services
from teams.models import Project
from tests.accounts.factories import SkillFactory, UserFactory

_n = itertools.count(1)


def make_skill(name: str):
    return SkillFactory(name=name)


def make_person(*, skills: dict | None = None, hours: int = 10, **kwargs):
    """A person with `skills` {Skill or name: level} and `hours` free a week."""
    person = UserFactory(weekly_availability=hours, **kwargs)
    for skill, level in (skills or {}).items():
        skill = make_skill(skill) if isinstance(skill, str) else skill
        UserSkill.objects.create(user=person, skill=skill, level=level)
    return person


def make_project(
    *, owner, title: str | None = None, roles: list[dict] | None = None, publish: bool = True, **kwargs
) -> Project:
    """`roles`: [{"name", "headcount", "hours_per_week", "skills": {Skill or name: min level}}]."""
    specs = []
    for role in roles if roles is not None else [{"name": "Developer", "hours_per_week": 4}]:
        role = dict(role)
        skills = role.pop("skills", {})
        role.setdefault("hours_per_week", 4)
        role["skills"] = [
            {"skill_id": (make_skill(s) if isinstance(s, str) else s).pk, "min_level": level}
            for s, level in skills.items()
        ]
        specs.append(role)
    project = services.project_create(
        owner=owner, title=title or f"Project {next(_n)}", goal=kwargs.pop("goal", "Ship it."), roles=specs, **kwargs
    )
    if publish:
        project = services.project_publish(project_id=project.pk, actor=owner)
    return project
