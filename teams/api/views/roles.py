"""Roles of a project: listing them with the reader's fit, adding, changing and removing them, and
volunteering for one."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from teams import services

from ..serializers import (
    ProjectRoleDetailSerializer,
    RoleCreateInputSerializer,
    RoleUpdateInputSerializer,
    VolunteerSerializer,
    VolunteerSetInputSerializer,
)
from ._common import _valid
from ._detail import project_detail, role_detail
from ._schema import _ROLE_CREATE_EXAMPLE, _ROLE_EXAMPLE, _errors


def _skills(data: dict) -> dict:
    if "skills" in data:
        data["skills"] = [dict(s) for s in data["skills"]]
    return data


class RoleViewSet(viewsets.ViewSet):
    # Not paginated: a project has at most 30 roles.

    @extend_schema(
        summary="Roles of a project, with how you fit each",
        responses={200: ProjectRoleDetailSerializer(many=True), **_errors(404)},
    )
    def list(self, request, project_id: int):
        project = project_detail(request, project_id)
        return Response(ProjectRoleDetailSerializer(project.roles.all(), many=True).data)

    @extend_schema(
        summary="Add a role (the project's owner, admins)",
        description="1 to 50 seats of 1 to 60 hours a week, up to 20 required skills each at a minimum level (1-5).",
        request=RoleCreateInputSerializer,
        responses={201: ProjectRoleDetailSerializer, **_errors(400, 403, 404, 409)},
        examples=[OpenApiExample("Data engineer", value=_ROLE_CREATE_EXAMPLE, request_only=True)],
    )
    def create(self, request, project_id: int):
        data = _skills(dict(_valid(RoleCreateInputSerializer, request.data)))
        role = services.role_add(project_id=project_id, actor=request.user, **data)
        return Response(ProjectRoleDetailSerializer(role_detail(request, role)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a role (the project's owner, admins)",
        description="Only the given fields change; `skills` replaces the required skills. Fewer seats than people "
        "invited is refused, and so is changing the hours once people hold seats.",
        request=RoleUpdateInputSerializer,
        responses={200: ProjectRoleDetailSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample("One more seat", value={"headcount": 3}, request_only=True),
            OpenApiExample("Changed", value={**_ROLE_EXAMPLE, "headcount": 3}, response_only=True),
        ],
    )
    def partial_update(self, request, role_id: int):
        data = _skills(dict(_valid(RoleUpdateInputSerializer, request.data, partial=True)))
        role = services.role_update(role_id=role_id, actor=request.user, **data)
        return Response(ProjectRoleDetailSerializer(role_detail(request, role)).data)

    @extend_schema(
        summary="Remove a role (the project's owner, admins)",
        description="Refused once anyone was invited to it (it stays on the project's record).",
        request=None,
        responses={204: None, **_errors(400, 403, 404)},
    )
    def destroy(self, request, role_id: int):
        services.role_remove(role_id=role_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Volunteer for a role of an open project",
        description="Again: changes the note and strength. Not once you have a seat on the team.",
        request=VolunteerSetInputSerializer,
        responses={200: VolunteerSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("Keen", value={"strength": 3, "note": "I built the old one."}, request_only=True),
            OpenApiExample(
                "Volunteered",
                value={
                    "role_id": 11,
                    "person": {"id": 7, "username": "ana", "display_name": "Ana Lytic"},
                    "strength": 3,
                    "note": "I built the old one.",
                    "created_at": "2025-11-22T10:00:00Z",
                },
                response_only=True,
            ),
        ],
    )
    def volunteer(self, request, role_id: int):
        data = _valid(VolunteerSetInputSerializer, request.data)
        volunteer = services.volunteer_set(role_id=role_id, person=request.user, **data)
        return Response(VolunteerSerializer(volunteer).data)

    @extend_schema(
        summary="Withdraw your volunteering",
        description="Without a volunteering nothing changes.",
        request=None,
        responses={204: None, **_errors(404)},
    )
    def unvolunteer(self, request, role_id: int):
        services.volunteer_withdraw(role_id=role_id, person=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
