"""Your seats on teams: invitations to answer, teams you are on, leaving (and a manager removing)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from teams import selectors, services

from ..serializers import MembershipListInputSerializer, MembershipSerializer
from ._common import _paginated, _valid
from ._schema import _MEMBERSHIP_EXAMPLE, _errors


class MembershipViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Your seats: invitations, teams, past teams",
        description="Newest invitation first; `status` filters (repeat it for several).",
        parameters=[MembershipListInputSerializer],
        responses={200: MembershipSerializer(many=True), **_errors(400)},
    )
    def list(self, request):
        params = _valid(MembershipListInputSerializer, request.query_params)
        seats = selectors.membership_list_for_user(user=request.user).select_related("person")
        if params.get("status"):
            seats = seats.filter(status__in=sorted(params["status"]))
        return _paginated(self, seats, MembershipSerializer)

    @extend_schema(
        summary="Accept an invitation",
        description="You join the team's private space and the team shows on your profile.",
        request=None,
        responses={200: MembershipSerializer, **_errors(403, 404, 409)},
        examples=[
            OpenApiExample(
                "Joined",
                value={**_MEMBERSHIP_EXAMPLE, "status": "accepted", "responded_at": "2025-11-22T11:00:00Z"},
                response_only=True,
            )
        ],
    )
    def accept(self, request, membership_id: int):
        membership = services.membership_respond(membership_id=membership_id, user=request.user, accept=True)
        return Response(MembershipSerializer(membership).data)

    @extend_schema(
        summary="Decline an invitation",
        description="Its hours are free again.",
        request=None,
        responses={200: MembershipSerializer, **_errors(403, 404, 409)},
    )
    def decline(self, request, membership_id: int):
        membership = services.membership_respond(membership_id=membership_id, user=request.user, accept=False)
        return Response(MembershipSerializer(membership).data)

    @extend_schema(
        summary="Leave a team, or remove someone from yours (the project's owner, admins)",
        description="The seat ends (`left`, or `removed` by a manager), its hours are free again and the person "
        "leaves the team's space; the seat stays on record.",
        request=None,
        responses={200: MembershipSerializer, **_errors(404, 409)},
    )
    def leave(self, request, membership_id: int):
        membership = services.membership_end(membership_id=membership_id, actor=request.user)
        return Response(MembershipSerializer(membership).data)
