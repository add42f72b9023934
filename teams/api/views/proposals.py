"""Proposed teams: reading one with its explanation, a manager's swaps, confirming (which invites)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import viewsets

from teams import selectors, services

from ..serializers import ProposalSerializer, ProposalSwapInputSerializer
from ._common import _valid
from ._detail import proposal_response
from ._schema import _PROPOSAL_EXAMPLE, _SEATS_UNAVAILABLE, _errors


class ProposalViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="A proposed team, explained (the project's owner, admins)",
        responses={200: ProposalSerializer, **_errors(404)},
        examples=[OpenApiExample("Draft", value=_PROPOSAL_EXAMPLE, response_only=True)],
    )
    def retrieve(self, request, proposal_id: int):
        return proposal_response(selectors.proposal_get_for_user(proposal_id=proposal_id, user=request.user))

    @extend_schema(
        summary="Swap people in a draft (the project's owner, admins)",
        description="Take someone out of a role, put someone in, or both; the team is explained again. A change "
        "that breaks a hard rule (someone without the hours, seated twice, more people than seats) is 400 "
        "`invalid_assignment` with every broken rule in `errors`.",
        request=ProposalSwapInputSerializer,
        responses={200: ProposalSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("Swap", value={"role_id": 11, "remove_person_id": 7, "add_person_id": 8}, request_only=True),
            OpenApiExample("Add", value={"role_id": 11, "add_person_id": 8}, request_only=True),
            OpenApiExample(
                "Without the hours",
                value={
                    "code": "invalid_assignment",
                    "message": "person 8 is booked for 8 h but has 4 h free",
                    "fields": {"assignment": ["person 8 is booked for 8 h but has 4 h free"]},
                    "errors": ["person 8 is booked for 8 h but has 4 h free"],
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def swap(self, request, proposal_id: int):
        data = _valid(ProposalSwapInputSerializer, request.data)
        proposal = services.proposal_swap(proposal_id=proposal_id, actor=request.user, **data)
        return proposal_response(proposal)

    @extend_schema(
        summary="Confirm a draft: invite everyone it seats (the project's owner, admins)",
        description="All or nothing: when someone no longer has the hours, was deactivated or was seated "
        "meanwhile, 409 `seats_unavailable` lists every refused seat in `problems` and nothing is written; swap "
        "them out (the proposal lists alternatives) and confirm again. The project must be open.",
        request=None,
        responses={200: ProposalSerializer, **_errors(400, 403, 404, 409)},
        examples=[_SEATS_UNAVAILABLE],
    )
    def confirm(self, request, proposal_id: int):
        proposal = services.proposal_confirm(proposal_id=proposal_id, actor=request.user)
        return proposal_response(proposal)
