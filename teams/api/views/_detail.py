"""Projects and proposals as the API shows them, read back after each write (one place, fixed query counts)."""

from rest_framework import status
from rest_framework.response import Response

from accounts.models import User
from teams import selectors
from teams.models import Project, ProjectRole, Proposal

from ..serializers import ProjectDetailSerializer, ProposalSerializer


def project_detail(request, project_id: int) -> Project:
    """The project with roles, required skills, live members and the reader's fit; volunteers for
    its managers only."""
    user = request.user
    project = selectors.project_detail_for_user(project_id=project_id, user=user)
    selectors.projects_with_fit([project], user)
    project.can_manage = selectors.can_manage_project(user=user, project=project)
    for role in project.roles.all():
        role.volunteer_list = role.active_volunteers if project.can_manage else None
        role.my_volunteering = next((v for v in role.active_volunteers if v.person_id == user.pk), None)
    return project


def project_response(request, project_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    # Read back after a write: counts, fit and members are the selectors', not the service's instance.
    project = project_detail(request, project_id)
    return Response(ProjectDetailSerializer(project).data, status=status_code)


def role_detail(request, role: ProjectRole) -> ProjectRole:
    project = project_detail(request, role.project_id)
    return next(r for r in project.roles.all() if r.pk == role.pk)


def _person(people: dict[int, User], person_id: int | None) -> dict | None:
    if person_id is None:
        return None
    person = people.get(person_id)
    return {
        "id": person_id,
        "username": person.username if person else "",
        "display_name": person.display_name if person else "",
    }


def proposal_explained(proposal: Proposal) -> Proposal:
    """`proposal.result` with people and roles named (two queries whatever its size), as attributes
    ProposalSerializer reads."""
    result = proposal.result or {}
    roles = result.get("roles", [])
    pairs = result.get("blocking_pairs", [])
    person_ids: set[int] = set()
    for role in roles:
        for seat in role["seats"]:
            if seat["member"]:
                person_ids.add(seat["member"]["person_id"])
                person_ids.update(link["person_id"] for link in seat["member"]["links"])
            person_ids.update(a["person_id"] for a in seat["alternatives"])
    for pair in pairs:
        person_ids.add(pair["person_id"])
        if pair.get("displaces") is not None:
            person_ids.add(pair["displaces"])
    people = (
        {u.pk: u for u in User.objects.filter(pk__in=person_ids).only("id", "username", "first_name", "last_name")}
        if person_ids
        else {}
    )
    names = (
        dict(ProjectRole.objects.filter(pk__in=[r["role_id"] for r in roles]).values_list("pk", "name"))
        if roles
        else {}
    )

    def member(data: dict | None) -> dict | None:
        if data is None:
            return None
        interests = data.get("interests", [])
        return {
            **data,
            "person": _person(people, data["person_id"]),
            "skills": [{**s, "meets": s["level"] >= s["min_level"]} for s in data["skills"]],
            "interest_skill_ids": [i for i in interests if isinstance(i, int)],
            "interest_topics": [i.removeprefix("topic:") for i in interests if isinstance(i, str)],
            "links": [
                {"person": _person(people, link["person_id"]), "weight": link["weight"]} for link in data["links"]
            ],
        }

    proposal.roles = [
        {
            **role,
            "name": names.get(role["role_id"], ""),
            "open_seats": sum(1 for seat in role["seats"] if seat["member"] is None),
            "required": role["required"],
            "seats": [
                {
                    "member": member(seat["member"]),
                    "alternatives": [{**a, "person": _person(people, a["person_id"])} for a in seat["alternatives"]],
                }
                for seat in role["seats"]
            ],
        }
        for role in roles
    ]
    proposal.blocking_pairs = [
        {**pair, "person": _person(people, pair["person_id"]), "displaces": _person(people, pair.get("displaces"))}
        for pair in pairs
    ]
    proposal.optimal = bool(result.get("optimal", False))
    proposal.gap = result.get("gap")
    proposal.based_on = result.get("based_on", proposal.solver)
    proposal.ties = result.get("ties", 0.0)
    proposal.departments = result.get("departments", 0)
    proposal.warnings = result.get("warnings", [])
    return proposal


def proposal_response(proposal: Proposal, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(ProposalSerializer(proposal_explained(proposal)).data, status=status_code)
