"""Boards: their settings, their ranked ideas and posting to them, their external guests, and the similar
ideas shown while a title is typed."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from ideas import selectors, services
from ideas.models import Board, Idea

from ..serializers import (
    BoardCreateInputSerializer,
    BoardDetailSerializer,
    BoardGuestInviteInputSerializer,
    BoardGuestSerializer,
    BoardListInputSerializer,
    BoardSerializer,
    BoardUpdateInputSerializer,
    IdeaDetailSerializer,
    IdeaListInputSerializer,
    IdeaListItemSerializer,
    IdeaPostInputSerializer,
    IdeaSimilarInputSerializer,
    SimilarIdeaSerializer,
)
from ._common import _context, _paginated, _valid
from ._schema import _BOARD_EXAMPLE, _TAGS, _errors
from .ideas import _idea_response


def _board_detail(board: Board, user) -> Board:
    """The board (its access already checked) with what the detail shows beyond its own row."""
    board.tag_list = list(selectors.board_tags(board=board))
    board.votes_left = selectors.votes_left(board=board, user=user)
    board.can_manage = selectors.can_manage_board(user=user, board=board)
    return board


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
