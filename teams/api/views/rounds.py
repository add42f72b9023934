"""Company-wide formation rounds (admins): starting one, following it, confirming its proposals."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from teams import selectors, services

from ..serializers import (
    FormationRoundDetailSerializer,
    FormationRoundSerializer,
    RoundConfirmSerializer,
    RoundStartInputSerializer,
)
from ._common import _paginated, _valid
from ._schema import _ROUND_EXAMPLE, _errors


def _round_response(request, round_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    formation_round = selectors.round_get_for_user(round_id=round_id, user=request.user)
    formation_round.project_count = formation_round.projects.count()
    formation_round.proposal_list = formation_round.proposals.select_related("project").order_by("project_id")
    return Response(FormationRoundDetailSerializer(formation_round).data, status=status_code)


class RoundViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Formation rounds (admins; empty for others)",
        description="Newest first.",
        responses={200: FormationRoundSerializer(many=True)},
    )
    def list(self, request):
        # The selector's COUNT annotation drops Meta.ordering (Django ignores it in GROUP BY queries): order here.
        rounds = selectors.round_list_for_user(user=request.user).order_by("-created_at", "-id")
        return _paginated(self, rounds, FormationRoundSerializer)

    @extend_schema(
        summary="Start a company-wide round (admins)",
        description="One optimization over the given open projects (every open project with roles by default), "
        "run in the background: follow `progress` here or on the `round.<id>` topic. Each project then gets a "
        "draft proposal for its managers (or the admin, all at once) to confirm. One round at a time.",
        request=RoundStartInputSerializer,
        responses={202: FormationRoundDetailSerializer, **_errors(400, 403, 409)},
        examples=[
            OpenApiExample("Every open project", value={"solver": "heuristic"}, request_only=True),
            OpenApiExample("Some projects", value={"project_ids": [5, 6], "solver": "exact"}, request_only=True),
        ],
    )
    def create(self, request):
        data = _valid(RoundStartInputSerializer, request.data)
        formation_round = services.round_start(actor=request.user, **data)
        return _round_response(request, formation_round.pk, status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="One round, with its proposals (admins)",
        responses={200: FormationRoundDetailSerializer, **_errors(404)},
        examples=[
            OpenApiExample(
                "Done",
                value={
                    **_ROUND_EXAMPLE,
                    "proposals": [
                        {
                            "id": 9,
                            "project": {"id": 5, "title": "Energy dashboard", "status": "open"},
                            "status": "draft",
                            "covered": 3,
                            "required": 3,
                            "total_fit": 1.62,
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def retrieve(self, request, round_id: int):
        return _round_response(request, round_id)

    @extend_schema(
        summary="Confirm every draft proposal of a round (admins)",
        description="Project by project: a project whose seats cannot all be given stays a draft, with the "
        "`problems`; the others invite their people.",
        request=None,
        responses={200: RoundConfirmSerializer, **_errors(404)},
        examples=[
            OpenApiExample(
                "One refused",
                value={
                    "round_id": 3,
                    "projects": [
                        {"project_id": 5, "confirmed": True, "problems": []},
                        {
                            "project_id": 6,
                            "confirmed": False,
                            "problems": [
                                {
                                    "role_id": 14,
                                    "person_id": 7,
                                    "code": "over_capacity",
                                    "message": "Ana Lytic has 0 h a week free; Tester needs 4 h.",
                                }
                            ],
                        },
                    ],
                },
                response_only=True,
            )
        ],
    )
    def confirm(self, request, round_id: int):
        formation_round = selectors.round_get_for_user(round_id=round_id, user=request.user)
        outcome = services.round_confirm_all(round_id=formation_round.pk, actor=request.user)
        projects = [
            {"project_id": project_id, "confirmed": not problems, "problems": problems}
            for project_id, problems in sorted(outcome.items())
        ]
        return Response(RoundConfirmSerializer({"round_id": formation_round.pk, "projects": projects}).data)
