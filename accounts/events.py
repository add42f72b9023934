"""Events about people, published through the realtime engine.

Topics: `person.<id>` (anyone signed in may follow: the directory is public inside the company)
and `user.<id>` (only that person: their own account).
"""

from typing import TypedDict

from collab.realtime.publish import publish_on_commit

from .models import User


def person_topic(user_id: int) -> str:
    return f"person.{user_id}"


def user_topic(user_id: int) -> str:
    return f"user.{user_id}"


class PersonUpdated(TypedDict):
    """`person.updated` on `person.<id>`: the public profile changed (what the directory shows)."""

    id: int
    display_name: str
    job_title: str
    department: str | None
    weekly_availability: int
    skills: list[dict]
    interests: list[str]


def person_updated(user: User) -> None:
    """Publish the person's public profile as it is now (reads skills and interests)."""
    user_skills = user.user_skills.select_related("skill").order_by("-level", "skill__name")
    payload = PersonUpdated(
        id=user.pk,
        display_name=user.display_name,
        job_title=user.job_title,
        department=user.department.name if user.department_id else None,
        weekly_availability=user.weekly_availability,
        skills=[{"skill_id": us.skill_id, "name": us.skill.name, "level": us.level} for us in user_skills],
        interests=[interest.label for interest in user.interests.select_related("skill")],
    )
    publish_on_commit(person_topic(user.pk), "person.updated", payload)
