"""Ideas: reading, editing, votes, workflow status, merges, followers, co-authors, customers' votes and
moderation."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from ideas import selectors, services
from ideas.models import Idea

from ..serializers import (
    CustomerVoteAddInputSerializer,
    CustomerVoteSerializer,
    FollowStateSerializer,
    IdeaCoauthorInviteInputSerializer,
    IdeaCoauthorSerializer,
    IdeaDetailSerializer,
    IdeaListItemSerializer,
    IdeaMergeInputSerializer,
    IdeaSearchInputSerializer,
    IdeaStatusChangeInputSerializer,
    IdeaUpdateInputSerializer,
    VoteCastInputSerializer,
    VoteStateSerializer,
)
from ._common import _context, _paginated, _valid
from ._schema import _IDEA_DETAIL_EXAMPLE, _VOTE_EXAMPLE, _errors


def _idea_detail(idea: Idea, user) -> Idea:
    """The idea (its access already checked) with the reader's own state: vote, follow, budget."""
    vote = selectors.vote_get(idea=idea, user=user)
    idea.my_vote = vote.value if vote else None
    idea.changed_since_my_vote = bool(vote and vote.seen_version < idea.version)
    idea.following = selectors.is_following(idea=idea, user=user)
    idea.votes_left = selectors.votes_left(board=idea.board, user=user)
    idea.accepted_coauthors = [c.user for c in selectors.idea_coauthors(idea=idea) if c.is_accepted]
    idea.can_edit = selectors.is_idea_editor(user=user, idea=idea)
    idea.can_manage = selectors.can_manage_board(user=user, board=idea.board)
    return idea


def _idea_response(request, idea_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    # Read back after a write: the services move counters with F(), so their instances may be stale.
    idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
    data = IdeaDetailSerializer(_idea_detail(idea, request.user), context=_context(request)).data
    return Response(data, status=status_code)


def _vote_state(result: services.VoteResult) -> dict:
    idea = result.idea
    return {
        "idea_id": idea.pk,
        "upvotes": idea.upvotes,
        "downvotes": idea.downvotes,
        "net_votes": idea.upvotes - idea.downvotes,
        "customer_votes": idea.customer_votes,
        "my_vote": result.value,
        "votes_left": result.votes_left,
        "changed": result.changed,
    }


class IdeaViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Ideas of every board you can see",
        description="Newest first; merged ideas are left out.",
        parameters=[IdeaSearchInputSerializer],
        responses={200: IdeaListItemSerializer(many=True), **_errors(400)},
    )
    def list(self, request):
        params = _valid(IdeaSearchInputSerializer, request.query_params)
        ideas = selectors.idea_list_filtered_for_user(
            user=request.user, board_id=params["board"], status=params["status"], tag=params["tag"], query=params["q"]
        )
        return _paginated(self, ideas, IdeaListItemSerializer, context=_context(request))

    @extend_schema(
        summary="One idea",
        description="A merged duplicate is still found: `merged_into` is the idea to vote on.",
        responses={200: IdeaDetailSerializer, **_errors(404)},
        examples=[OpenApiExample("Planned idea", value=_IDEA_DETAIL_EXAMPLE, response_only=True)],
    )
    def retrieve(self, request, idea_id: int):
        return _idea_response(request, idea_id)

    @extend_schema(
        summary="Edit an idea (its authors, accepted co-authors, board managers)",
        description="Only the given fields change; `tags` replaces the tags. The previous text is kept; a "
        "material change tells the voters (`changed_since_my_vote`).",
        request=IdeaUpdateInputSerializer,
        responses={200: IdeaDetailSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample("Retitle", value={"title": "Covered bike sheds at every office"}, request_only=True),
            OpenApiExample("Retag", value={"tags": ["Facilities"]}, request_only=True),
        ],
    )
    def partial_update(self, request, idea_id: int):
        data = _valid(IdeaUpdateInputSerializer, request.data, partial=True)
        if data:
            services.idea_update(idea_id=idea_id, editor=request.user, **data)
        return _idea_response(request, idea_id)

    @extend_schema(
        summary="Vote for or against an idea",
        description="One vote per person per idea: casting the vote you have changes nothing (`changed: false`); "
        "the other direction switches it. `-1` only on up/down boards. A new vote on a budgeted board needs a "
        "vote left (409 `vote_budget_exhausted`).",
        request=VoteCastInputSerializer,
        responses={200: VoteStateSerializer, **_errors(400, 404, 409)},
        examples=[
            OpenApiExample("For", value={"value": 1}, request_only=True),
            OpenApiExample("Against", value={"value": -1}, request_only=True),
            OpenApiExample("Counted", value=_VOTE_EXAMPLE, response_only=True),
        ],
    )
    def vote(self, request, idea_id: int):
        value = _valid(VoteCastInputSerializer, request.data)["value"]
        result = services.vote_cast(idea_id=idea_id, voter=request.user, value=value)
        return Response(VoteStateSerializer(_vote_state(result)).data)

    @extend_schema(
        summary="Take your vote back",
        description="A budgeted vote returns to you. Without a vote nothing changes (`changed: false`).",
        request=None,
        responses={200: VoteStateSerializer, **_errors(404, 409)},
        examples=[
            OpenApiExample(
                "Taken back",
                value={**_VOTE_EXAMPLE, "upvotes": 30, "net_votes": 30, "my_vote": None},
                response_only=True,
            )
        ],
    )
    def unvote(self, request, idea_id: int):
        result = services.vote_retract(idea_id=idea_id, voter=request.user)
        return Response(VoteStateSerializer(_vote_state(result)).data)

    @extend_schema(
        summary="Acknowledge the idea as it is now",
        description="Clears `changed_since_my_vote` after the idea changed materially since you voted.",
        request=None,
        responses={204: None, **_errors(404)},
    )
    def vote_acknowledge(self, request, idea_id: int):
        services.idea_vote_acknowledge(idea_id=idea_id, voter=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Move an idea through the workflow (the board's owner, managers, moderators)",
        description="With an optional official response. Closing an idea (`done`, `declined`) ends voting on it "
        "and gives budgeted votes back; followers and voters are told.",
        request=IdeaStatusChangeInputSerializer,
        responses={200: IdeaDetailSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "Planned", value={"status": "planned", "response": "Budgeted for Q3: Lyon first."}, request_only=True
            ),
            OpenApiExample("Declined", value={"status": "declined", "response": "Not this year."}, request_only=True),
        ],
    )
    def status_change(self, request, idea_id: int):
        data = _valid(IdeaStatusChangeInputSerializer, request.data)
        services.idea_status_change(idea_id=idea_id, actor=request.user, **data)
        return _idea_response(request, idea_id)

    @extend_schema(
        summary="Merge this idea, a duplicate, into its original (the board's owner, managers, moderators)",
        description="Votes move without double counting, followers and tags join the original, the discussion "
        "stays and is linked from the original's. Answers with the original.",
        request=IdeaMergeInputSerializer,
        responses={200: IdeaDetailSerializer, **_errors(400, 403, 404)},
        examples=[OpenApiExample("Into #12", value={"original_id": 12}, request_only=True)],
    )
    def merge(self, request, idea_id: int):
        original_id = _valid(IdeaMergeInputSerializer, request.data)["original_id"]
        original = services.idea_merge(duplicate_id=idea_id, original_id=original_id, actor=request.user)
        return _idea_response(request, original.pk)

    @extend_schema(
        summary="Follow an idea (hear about its status changes)",
        request=None,
        responses={200: FollowStateSerializer, **_errors(404)},
        examples=[OpenApiExample("Following", value={"following": True, "follower_count": 10}, response_only=True)],
    )
    def follow(self, request, idea_id: int):
        services.idea_follow(idea_id=idea_id, user=request.user)
        return self._follow_state(request, idea_id, following=True)

    @extend_schema(
        summary="Stop following an idea", request=None, responses={200: FollowStateSerializer, **_errors(404)}
    )
    def unfollow(self, request, idea_id: int):
        services.idea_unfollow(idea_id=idea_id, user=request.user)
        return self._follow_state(request, idea_id, following=False)

    def _follow_state(self, request, idea_id: int, *, following: bool) -> Response:
        idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
        return Response(FollowStateSerializer({"following": following, "follower_count": idea.follower_count}).data)

    @extend_schema(
        summary="Co-authors of an idea, and pending invitations",
        responses={200: IdeaCoauthorSerializer(many=True), **_errors(404)},
    )
    def coauthor_list(self, request, idea_id: int):
        idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
        return _paginated(self, selectors.idea_coauthors(idea=idea), IdeaCoauthorSerializer)

    @extend_schema(
        summary="Invite a co-author (the idea's authors)",
        description="They must be able to see the board; once they accept they may edit the idea.",
        request=IdeaCoauthorInviteInputSerializer,
        responses={201: IdeaCoauthorSerializer, **_errors(400, 403, 404)},
        examples=[OpenApiExample("Invite", value={"user_id": 9}, request_only=True)],
    )
    def coauthor_invite(self, request, idea_id: int):
        user_id = _valid(IdeaCoauthorInviteInputSerializer, request.data)["user_id"]
        coauthor = services.idea_coauthor_invite(idea_id=idea_id, actor=request.user, user_id=user_id)
        return Response(IdeaCoauthorSerializer(coauthor).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Accept your invitation to co-author",
        description="You may then edit the idea, and you follow it. 404 without an invitation.",
        request=None,
        responses={200: IdeaCoauthorSerializer, **_errors(404)},
    )
    def coauthor_accept(self, request, idea_id: int):
        coauthor = services.idea_coauthor_accept(idea_id=idea_id, user=request.user)
        return Response(IdeaCoauthorSerializer(coauthor).data)

    @extend_schema(
        summary="Withdraw an invitation or a co-authorship",
        description="The idea's author, a board manager, or the co-author themselves.",
        request=None,
        responses={204: None, **_errors(403, 404)},
    )
    def coauthor_remove(self, request, idea_id: int, user_id: int):
        services.idea_coauthor_remove(idea_id=idea_id, actor=request.user, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Customers' votes on an idea",
        description="Votes captured on behalf of customer accounts, newest first; counted apart from employees' "
        "votes. Not shown to guests (403).",
        responses={200: CustomerVoteSerializer(many=True), **_errors(403, 404)},
    )
    def customer_vote_list(self, request, idea_id: int):
        idea = selectors.idea_get_for_user(idea_id=idea_id, user=request.user)
        return _paginated(
            self, selectors.customer_vote_list_for_idea(idea=idea, user=request.user), CustomerVoteSerializer
        )

    @extend_schema(
        summary="Record a customer's vote (staff with customer voice)",
        description="One vote per customer per idea: recording it again changes nothing.",
        request=CustomerVoteAddInputSerializer,
        responses={201: CustomerVoteSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample("From a QBR", value={"customer_id": 4, "note": "Blocking their renewal."}, request_only=True)
        ],
    )
    def customer_vote_add(self, request, idea_id: int):
        data = _valid(CustomerVoteAddInputSerializer, request.data)
        vote = services.customer_vote_add(idea_id=idea_id, recorder=request.user, **data)
        return Response(CustomerVoteSerializer(vote).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a customer's vote (staff with customer voice)",
        request=None,
        responses={204: None, **_errors(403, 404, 409)},
    )
    def customer_vote_remove(self, request, idea_id: int, customer_id: int):
        services.customer_vote_remove(idea_id=idea_id, recorder=request.user, customer_id=customer_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Hide an idea (moderators)",
        description="It and its discussion disappear for everyone but moderators; votes are kept.",
        request=None,
        responses={200: IdeaDetailSerializer, **_errors(403, 404)},
    )
    def hide(self, request, idea_id: int):
        services.idea_hide(idea_id=idea_id, actor=request.user)
        return _idea_response(request, idea_id)

    @extend_schema(
        summary="Bring a hidden idea back (moderators)",
        request=None,
        responses={200: IdeaDetailSerializer, **_errors(403, 404)},
    )
    def restore(self, request, idea_id: int):
        services.idea_restore(idea_id=idea_id, actor=request.user)
        return _idea_response(request, idea_id)
