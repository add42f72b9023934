"""Projects: the open calls with the reader's fit, opening and editing them, publishing and closing,
their team (live seats) and a manager's direct invitations, and asking the optimizer for a team."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from teams import selectors, services

from ..serializers import (
    MemberInviteInputSerializer,
    MembershipSerializer,
    ProjectCreateInputSerializer,
    ProjectDetailSerializer,
    ProjectListInputSerializer,
    ProjectSerializer,
    ProjectUpdateInputSerializer,
    ProposalCreateInputSerializer,
    ProposalSerializer,
)
from ._common import _paginated, _valid
from ._detail import project_response, proposal_response
from ._schema import (
    _MEMBERSHIP_EXAMPLE,
    _PROJECT_CREATE_EXAMPLE,
    _PROJECT_DETAIL_EXAMPLE,
    _PROJECT_EXAMPLE,
    _PROPOSAL_EXAMPLE,
    _SEATS_UNAVAILABLE,
    _errors,
)


def _topics(data: dict) -> dict:
    if "topics" in data:
        data["topics"] = ", ".join(t.strip() for t in data["topics"] if t.strip())
    return data


class ProjectViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Projects you can see, with how you fit each role",
        description="Open and closed projects, and your own drafts (admins: every project); newest first. "
        "Each role carries its required skills, seats taken and your `fit`; `best_fit` is your best role.",
        parameters=[ProjectListInputSerializer],
        responses={200: ProjectSerializer(many=True), **_errors(400)},
        examples=[OpenApiExample("Open call", value=_PROJECT_EXAMPLE, response_only=True)],
    )
    def list(self, request):
        params = _valid(ProjectListInputSerializer, request.query_params)
        projects = selectors.project_list_for_user(
            user=request.user, status=params["status"], owned=params["owned"], q=params["q"]
        )
        return _paginated(
            self, projects, ProjectSerializer, page_fn=lambda page: selectors.projects_with_fit(page, request.user)
        )

    @extend_schema(
        summary="Open a project (managers)",
        description="It starts as a draft only you and admins see; publish it to call for volunteers. "
        "`idea_id` promotes an idea; `roles` may be given now or added later.",
        request=ProjectCreateInputSerializer,
        responses={201: ProjectDetailSerializer, **_errors(400, 403)},
        examples=[OpenApiExample("With a role", value=_PROJECT_CREATE_EXAMPLE, request_only=True)],
    )
    def create(self, request):
        data = _topics(dict(_valid(ProjectCreateInputSerializer, request.data)))
        data["roles"] = [{**role, "skills": [dict(s) for s in role["skills"]]} for role in data["roles"]]
        project = services.project_create(owner=request.user, **data)
        return project_response(request, project.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="One project",
        description="With each role's members and your fit; the volunteers are shown to its managers only.",
        responses={200: ProjectDetailSerializer, **_errors(404)},
        examples=[OpenApiExample("Open call", value=_PROJECT_DETAIL_EXAMPLE, response_only=True)],
    )
    def retrieve(self, request, project_id: int):
        return project_response(request, project_id)

    @extend_schema(
        summary="Edit a project (its owner, admins)",
        description="Only the given fields change; not once closed.",
        request=ProjectUpdateInputSerializer,
        responses={200: ProjectDetailSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("New dates", value={"starts_on": "2026-02-02", "ends_on": "2026-04-24"}, request_only=True)
        ],
    )
    def partial_update(self, request, project_id: int):
        data = _topics(dict(_valid(ProjectUpdateInputSerializer, request.data, partial=True)))
        services.project_update(project_id=project_id, actor=request.user, **data)
        return project_response(request, project_id)

    @extend_schema(
        summary="Publish a draft as an open call (its owner, admins)",
        description="Every employee then sees it and may volunteer. It needs a role.",
        request=None,
        responses={200: ProjectDetailSerializer, **_errors(400, 403, 404, 409)},
    )
    def publish(self, request, project_id: int):
        services.project_publish(project_id=project_id, actor=request.user)
        return project_response(request, project_id)

    @extend_schema(
        summary="Close a project (its owner, admins)",
        description="Pending invitations lapse and members' hours are free again; the team stays on record.",
        request=None,
        responses={200: ProjectDetailSerializer, **_errors(403, 404)},
    )
    def close(self, request, project_id: int):
        services.project_close(project_id=project_id, actor=request.user)
        return project_response(request, project_id)

    @extend_schema(
        summary="The team: people invited to or holding a seat",
        description="Live seats (invited, accepted), oldest invitation first.",
        responses={200: MembershipSerializer(many=True), **_errors(404)},
    )
    def member_list(self, request, project_id: int):
        seats = selectors.membership_list_for_project(project_id=project_id, user=request.user)
        return _paginated(self, seats, MembershipSerializer)

    @extend_schema(
        summary="Invite someone to a role (its owner, admins)",
        description="They must be an active employee without a seat on the team and with the role's hours free; "
        "the role must have a seat left (409 `seats_unavailable` with `problems` otherwise). The project must be "
        "open.",
        request=MemberInviteInputSerializer,
        responses={201: MembershipSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("Invite", value={"role_id": 11, "person_id": 7}, request_only=True),
            OpenApiExample("Invited", value=_MEMBERSHIP_EXAMPLE, response_only=True, status_codes=["201"]),
            _SEATS_UNAVAILABLE,
        ],
    )
    def member_invite(self, request, project_id: int):
        data = _valid(MemberInviteInputSerializer, request.data)
        membership = services.member_invite(project_id=project_id, actor=request.user, **data)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ask the optimizer for a team (its owner, admins)",
        description="Volunteers, people with the skills and current members (kept) are considered. Every seat is "
        "explained: the member's skills, interests, hours and ties, and alternatives. A role nobody can fill is "
        "not an error: its seats stay open and `uncovered` says why. Older drafts are superseded.",
        request=ProposalCreateInputSerializer,
        responses={201: ProposalSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("Best team", value={"solver": "auto"}, request_only=True),
            OpenApiExample("Proposed", value=_PROPOSAL_EXAMPLE, response_only=True, status_codes=["201"]),
        ],
    )
    def proposal_create(self, request, project_id: int):
        solver = _valid(ProposalCreateInputSerializer, request.data)["solver"]
        proposal = services.proposal_create(project_id=project_id, actor=request.user, solver=solver)
        return proposal_response(proposal, status.HTTP_201_CREATED)
