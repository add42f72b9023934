"""The idea boards API: boards and their guests, ranked idea lists, ideas, votes, status, merges,
co-authors, followers, customers' voice and moderation.

Every action validates an input serializer, calls a service or a selector, and answers with an output
serializer. Access is decided by the selectors only: a board or idea a person may not see answers 404
exactly like a missing one. Services raise ApplicationError subclasses, which `collab.api.exceptions`
turns into 4xx JSON with a stable `code` (409 for `voting_closed`, `vote_budget_exhausted`,
`idea_merged`, `board_closed`). Writes are throttled by the default `WriteRateThrottle`. External
guests reach the `boards/` and `ideas/` routes only (accounts.guests), and never see customer accounts.

The viewsets carry no docstrings: drf-spectacular would make them every operation's description.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from ideas import selectors, services
from ideas.models import Board, Idea

from .serializers import (
    BoardCreateInputSerializer,
    BoardDetailSerializer,
    BoardGuestInviteInputSerializer,
    BoardGuestSerializer,
    BoardListInputSerializer,
    BoardSerializer,
    BoardUpdateInputSerializer,
    CustomerSerializer,
    CustomerVoteAddInputSerializer,
    CustomerVoteSerializer,
    ErrorSerializer,
    FollowStateSerializer,
    IdeaCoauthorInviteInputSerializer,
    IdeaCoauthorSerializer,
    IdeaDetailSerializer,
    IdeaListInputSerializer,
    IdeaListItemSerializer,
    IdeaMergeInputSerializer,
    IdeaPostInputSerializer,
    IdeaSearchInputSerializer,
    IdeaSimilarInputSerializer,
    IdeaStatusChangeInputSerializer,
    IdeaUpdateInputSerializer,
    SimilarIdeaSerializer,
    VoteCastInputSerializer,
    VoteStateSerializer,
)

_ERROR_DESCRIPTIONS = {
    400: "Invalid input or a broken rule (`code` says which; `fields` which inputs).",
    403: "You may see this but not do this.",
    404: "Missing, or hidden from you.",
    409: "Not now: `voting_closed` (the idea is done or declined), `board_closed` (outside the campaign's "
    "dates, or archived), `idea_merged` (vote on `merged_into`), `vote_budget_exhausted` (take a vote back first).",
}

_PERSON = {"id": 7, "username": "ana", "display_name": "Ana Lytic"}
_TAGS = [{"name": "Facilities", "slug": "facilities"}]
_BOARD_EXAMPLE = {
    "id": 3,
    "title": "Greener offices",
    "slug": "greener-offices",
    "kind": "campaign",
    "question": "How do we halve the offices' energy use by 2027?",
    "opens_at": "2025-03-01T08:00:00Z",
    "closes_at": "2025-04-01T08:00:00Z",
    "is_open": True,
    "audience": "company",
    "voting": "up",
    "vote_budget": 5,
    "owner": {"id": 2, "username": "mia", "display_name": "Mia Manager"},
    "idea_count": 42,
    "is_archived": False,
    "created_at": "2025-02-20T10:00:00Z",
}
_IDEA_EXAMPLE = {
    "id": 12,
    "board": {"id": 3, "title": "Greener offices", "slug": "greener-offices"},
    "title": "Bike sheds at every office",
    "status": "planned",
    "author": _PERSON,
    "customer": None,
    "tags": _TAGS,
    "upvotes": 31,
    "downvotes": 0,
    "net_votes": 31,
    "customer_votes": 2,
    "follower_count": 9,
    "created_at": "2025-03-04T09:15:00Z",
    "edited_at": None,
    "is_hidden": False,
    "thread_id": 88,
    "merged_into_id": None,
    "my_vote": 1,
}
_IDEA_DETAIL_EXAMPLE = {
    **_IDEA_EXAMPLE,
    "body": "Covered, lockable, with a pump. **Half of us** live within 5 km.",
    "body_html": "<p>Covered, lockable, with a pump. <strong>Half of us</strong> live within 5 km.</p>\n",
    "version": 2,
    "response": "Budgeted for Q3: Lyon first.",
    "response_html": "<p>Budgeted for Q3: Lyon first.</p>\n",
    "responded_by": {"id": 2, "username": "mia", "display_name": "Mia Manager"},
    "responded_at": "2025-03-20T16:00:00Z",
    "coauthors": [{"id": 9, "username": "leo", "display_name": "Leo Pedal"}],
    "merged_into": None,
    "following": True,
    "votes_left": 4,
    "changed_since_my_vote": False,
    "can_edit": False,
    "can_manage": False,
}
_VOTE_EXAMPLE = {
    "idea_id": 12,
    "upvotes": 31,
    "downvotes": 0,
    "net_votes": 31,
    "customer_votes": 2,
    "my_vote": 1,
    "votes_left": 4,
    "changed": True,
}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in codes}


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _context(request) -> dict:
    return {"show_customers": not request.user.is_guest}


def _paginated(view, queryset, serializer_class, *, each=None, **kwargs) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    if each is not None:
        page = [each(row) for row in page]
    return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)


def _board_detail(board: Board, user) -> Board:
    """The board (its access already checked) with what the detail shows beyond its own row."""
    board.tag_list = list(selectors.board_tags(board=board))
    board.votes_left = selectors.votes_left(board=board, user=user)
    board.can_manage = selectors.can_manage_board(user=user, board=board)
    return board


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


# --- boards ---------------------------------------------------------------------------------------


class BoardViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Boards you can see",
        description="Company-wide boards, your departments', your own (moderators: all; guests: the boards "
        "opened to them). Newest first; archived boards only with `archived=true`.",
        parameters=[BoardListInputSerializer],
        responses={200: BoardSerializer(many=True), **_errors(400)},
    )
    def list(self, request):
        params = _valid(BoardListInputSerializer, request.query_params)
        boards = selectors.board_list_for_user(user=request.user, include_archived=params["archived"])
        return _paginated(self, boards, BoardSerializer)

    @extend_schema(
        summary="Open a board or a campaign (managers, moderators)",
        description="A campaign needs `closes_at`; a `departments` board at least one department. The board's "
        "discussion space is created with it.",
        request=BoardCreateInputSerializer,
        responses={201: BoardDetailSerializer, **_errors(400, 403)},
        examples=[
            OpenApiExample(
                "Open-ended board",
                value={"title": "Ideas for the intranet", "description": "Anything that would make it *useful*."},
                request_only=True,
            ),
            OpenApiExample(
                "Campaign with a budget",
                value={
                    "title": "Greener offices",
                    "kind": "campaign",
                    "question": "How do we halve the offices' energy use by 2027?",
                    "opens_at": "2025-03-01T08:00:00Z",
                    "closes_at": "2025-04-01T08:00:00Z",
                    "audience": "departments",
                    "department_ids": [3, 5],
                    "voting": "updown",
                    "vote_budget": 5,
                },
                request_only=True,
            ),
        ],
    )
    def create(self, request):
        data = _valid(BoardCreateInputSerializer, request.data)
        board = services.board_create(owner=request.user, **data)
        return Response(BoardDetailSerializer(_board_detail(board, request.user)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One board",
        responses={200: BoardDetailSerializer, **_errors(404)},
        examples=[
            OpenApiExample(
                "Campaign",
                value={
                    **_BOARD_EXAMPLE,
                    "description": "Every office, every season.",
                    "description_html": "<p>Every office, every season.</p>\n",
                    "departments": [],
                    "space_id": 14,
                    "tags": _TAGS,
                    "votes_left": 4,
                    "can_manage": False,
                },
                response_only=True,
            )
        ],
    )
    def retrieve(self, request, board_id: int):
        board = selectors.board_get_for_user(board_id=board_id, user=request.user)
        return Response(BoardDetailSerializer(_board_detail(board, request.user)).data)

    @extend_schema(
        summary="Change a board's settings (its owner, managers, moderators)",
        description="Only the given fields change. Switching to `voting: up` is refused while the board has "
        "down-votes; changing the voting rule or the budget recomputes the ideas' scores.",
        request=BoardUpdateInputSerializer,
        responses={200: BoardDetailSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample("Extend a campaign", value={"closes_at": "2025-04-15T08:00:00Z"}, request_only=True),
            OpenApiExample("Archive", value={"is_archived": True}, request_only=True),
            OpenApiExample(
                "Open to two departments",
                value={"audience": "departments", "department_ids": [3, 5]},
                request_only=True,
            ),
        ],
    )
    def partial_update(self, request, board_id: int):
        data = dict(_valid(BoardUpdateInputSerializer, request.data, partial=True))
        department_ids = data.pop("department_ids", None)
        board = services.board_update(board_id=board_id, actor=request.user, department_ids=department_ids, **data)
        return Response(BoardDetailSerializer(_board_detail(board, request.user)).data)

    @extend_schema(
        summary="A board's ideas, ranked",
        description="Merged ideas are left out (hidden ones too, except for moderators). Each idea carries your "
        "own vote (`my_vote`). A page costs the same number of queries whatever the board's size.",
        parameters=[IdeaListInputSerializer],
        responses={200: IdeaListItemSerializer(many=True), **_errors(400, 404)},
    )
    def idea_list(self, request, board_id: int):
        params = _valid(IdeaListInputSerializer, request.query_params, context={"user": request.user})
        board = selectors.board_get_for_user(board_id=board_id, user=request.user)
        filters = selectors.IdeaFilters(
            status=params["status"],
            tag=params["tag"],
            mine=params["mine"],
            voted=params["voted"],
            customer=params["customer"],
            customer_voice=params["customer_voice"],
            query=params["q"],
        )
        ideas = selectors.idea_list_for_board(board=board, user=request.user, sort=params["sort"], filters=filters)

        def with_board(idea: Idea) -> Idea:
            idea.board = board  # every idea of the page is on this board: no query per idea
            return idea

        return _paginated(self, ideas, IdeaListItemSerializer, each=with_board, context=_context(request))

    @extend_schema(
        summary="Post an idea",
        description="You follow the ideas you post. Its discussion thread is created with it. Staff who capture "
        "customer voice may post on behalf of a customer (`customer_id`). A board outside its dates answers 409 "
        "`board_closed`.",
        request=IdeaPostInputSerializer,
        responses={201: IdeaDetailSerializer, **_errors(400, 403, 404, 409)},
        examples=[
            OpenApiExample(
                "Idea",
                value={
                    "title": "Bike sheds at every office",
                    "body": "Covered, lockable, with a pump. **Half of us** live within 5 km.",
                    "tags": ["Facilities", "Commuting"],
                },
                request_only=True,
            ),
            OpenApiExample(
                "On behalf of a customer",
                value={"title": "Export invoices as CSV", "body": "Asked for in the QBR.", "customer_id": 4},
                request_only=True,
            ),
        ],
    )
    def idea_post(self, request, board_id: int):
        data = _valid(IdeaPostInputSerializer, request.data)
        idea = services.idea_post(board_id=board_id, author=request.user, **data)
        return _idea_response(request, idea.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="A board's guests (its owner, managers, moderators)",
        responses={200: BoardGuestSerializer(many=True), **_errors(403, 404)},
    )
    def guest_list(self, request, board_id: int):
        board = selectors.board_get_for_user(board_id=board_id, user=request.user)
        return _paginated(
            self, selectors.board_guest_list_for_user(board=board, user=request.user), BoardGuestSerializer
        )

    @extend_schema(
        summary="Open the board to an external guest (its owner, managers, moderators)",
        description="Creates the guest's account if it is new and e-mails them a link to set a password. A guest "
        "sees, posts and votes on the boards opened to them and nothing else. Inviting an employee's address "
        "is refused.",
        request=BoardGuestInviteInputSerializer,
        responses={201: BoardGuestSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample(
                "Guest",
                value={"email": "jo@customer.example", "first_name": "Jo", "last_name": "Client"},
                request_only=True,
            )
        ],
    )
    def guest_invite(self, request, board_id: int):
        data = _valid(BoardGuestInviteInputSerializer, request.data)
        guest = services.board_guest_invite(board_id=board_id, actor=request.user, **data)
        board = selectors.board_get_for_user(board_id=board_id, user=request.user)
        row = selectors.board_guest_list_for_user(board=board, user=request.user).get(user=guest)
        return Response(BoardGuestSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Close the board to a guest (its owner, managers, moderators)",
        description="Their open pages and sockets on it close at once; their ideas and votes stay.",
        request=None,
        responses={204: None, **_errors(403, 404)},
    )
    def guest_remove(self, request, board_id: int, user_id: int):
        services.board_guest_remove(board_id=board_id, actor=request.user, user_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SimilarIdeaViewSet(viewsets.ViewSet):
    pagination_class = None

    @extend_schema(
        summary="Ideas like a title, while it is typed",
        description="Listed ideas of the board whose title is similar (trigram similarity, as PostgreSQL's "
        "pg_trgm computes it), most similar first: vote there instead of posting a duplicate.",
        parameters=[IdeaSimilarInputSerializer],
        responses={200: SimilarIdeaSerializer(many=True), **_errors(400, 404)},
        examples=[
            OpenApiExample(
                "Similar",
                value=[
                    {
                        "id": 12,
                        "title": "Bike sheds at every office",
                        "status": "new",
                        "upvotes": 31,
                        "similarity": 0.52,
                    }
                ],
                response_only=True,
            )
        ],
    )
    def list(self, request, board_id: int):
        params = _valid(IdeaSimilarInputSerializer, request.query_params)
        board = selectors.board_get_for_user(board_id=board_id, user=request.user)
        similar = selectors.idea_similar(
            board=board, user=request.user, title=params["title"], limit=params["limit"], exclude_id=params["exclude"]
        )
        return Response(SimilarIdeaSerializer(similar, many=True).data)


# --- ideas ----------------------------------------------------------------------------------------


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


# --- customers ------------------------------------------------------------------------------------


class CustomerViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Customer accounts (staff with customer voice)",
        description="The accounts ideas and votes can be captured for. 403 for everyone else.",
        responses={200: CustomerSerializer(many=True), **_errors(403)},
    )
    def list(self, request):
        return _paginated(self, selectors.customer_list_for_user(user=request.user), CustomerSerializer)
