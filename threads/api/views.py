"""The discussions API: spaces, threads, the reply tree, reactions, moderation and search.

Every action validates an input serializer, calls a service or a selector, and answers with an output
serializer. Access is decided by the selectors only: a hidden space, thread or post answers 404 exactly
like a missing one. Services raise ApplicationError subclasses, which `collab.api.exceptions` turns
into 4xx JSON with a stable `code`. Writes are throttled by the default `WriteRateThrottle`.

The viewsets carry no docstrings: drf-spectacular would make them every operation's description.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from collab.api.pagination import PageNumberPagination
from threads import search, selectors, services
from threads.models import Post

from .serializers import (
    AnswerAcceptInputSerializer,
    ErrorSerializer,
    PostEditInputSerializer,
    PostRevisionSerializer,
    PostSearchInputSerializer,
    PostSerializer,
    ReactionStateSerializer,
    ReactionToggleInputSerializer,
    ReplyPostInputSerializer,
    SearchHitSerializer,
    SpaceCreateInputSerializer,
    SpaceListItemSerializer,
    SpaceSerializer,
    ThreadDetailSerializer,
    ThreadListItemSerializer,
    ThreadLockInputSerializer,
    ThreadPageInputSerializer,
    ThreadPageSerializer,
    ThreadPinInputSerializer,
    ThreadSerializer,
    ThreadStartInputSerializer,
    ThreadWatchInputSerializer,
    ThreadWatchSerializer,
)

_ERROR_DESCRIPTIONS = {
    400: "Invalid input or a broken rule (`code` says which; `fields` which inputs).",
    403: "You may see this but not do this.",
    404: "Missing, or hidden from you.",
}


_POST_EXAMPLE = {
    "id": 40,
    "thread_id": 12,
    "parent_id": 39,
    "depth": 1,
    "path": "0000100003",
    "author": {"id": 7, "username": "ana", "display_name": "Ana Lytic"},
    "body": "Kafka, if we need replay.",
    "body_html": "<p>Kafka, if we need replay.</p>\n",
    "version": 1,
    "created_at": "2025-03-04T09:15:00Z",
    "edited_at": None,
    "is_deleted": False,
    "reactions": [{"emoji": "+1", "label": "👍", "count": 2, "mine": False}],
}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: OpenApiResponse(ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]) for code in codes}


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _paginated(view, queryset, serializer_class, **kwargs) -> Response:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)


def _with_reactions(post: Post, user) -> Post:
    post.reaction_counts = selectors.reaction_counts_for_post(post=post, user=user)
    return post


def _with_opening_post(thread, user):
    """The thread (its access already checked by the caller) with its opening post and reactions."""
    # A selector would be the place for this read (`selectors.thread_opening_post`); until it
    # exists the query is here, after `thread_get_for_user` has decided access.
    thread.opening_post = _with_reactions(Post.objects.select_related("author").get(thread=thread, depth=0), user)
    return thread


# --- spaces ---------------------------------------------------------------------------------------


class SpaceViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Spaces you can see",
        description="Public spaces, your department's, private ones you belong to (moderators: all).",
        responses=SpaceListItemSerializer(many=True),
    )
    def list(self, request):
        return _paginated(self, selectors.space_list_for_user(user=request.user), SpaceListItemSerializer)

    @extend_schema(
        summary="Open a space (managers, moderators, admins)",
        request=SpaceCreateInputSerializer,
        responses={201: SpaceSerializer, **_errors(400, 403)},
        examples=[
            OpenApiExample(
                "Department space",
                value={"name": "Data platform", "visibility": "department", "department_ids": [3]},
                request_only=True,
            ),
            OpenApiExample(
                "Private space",
                value={
                    "name": "Hiring panel",
                    "description": "Interview notes",
                    "visibility": "private",
                    "member_ids": [12, 31],
                },
                request_only=True,
            ),
        ],
    )
    def create(self, request):
        data = _valid(SpaceCreateInputSerializer, request.data)
        space = services.space_create(creator=request.user, **data)
        return Response(SpaceSerializer(space).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One space", responses={200: SpaceSerializer, **_errors(404)})
    def retrieve(self, request, space_id: int):
        return Response(SpaceSerializer(selectors.space_get_for_user(space_id=space_id, user=request.user)).data)

    @extend_schema(
        summary="Threads of a space",
        description="Pinned first, then by latest activity. `is_unread`: activity since you last read it.",
        responses={200: ThreadListItemSerializer(many=True), **_errors(404)},
    )
    def thread_list(self, request, space_id: int):
        space = selectors.space_get_for_user(space_id=space_id, user=request.user)
        threads = selectors.thread_list_for_space(space=space, user=request.user)
        return _paginated(self, threads, ThreadListItemSerializer)

    @extend_schema(
        summary="Start a thread",
        description="Answers with the thread and its opening post. You watch the threads you start.",
        request=ThreadStartInputSerializer,
        responses={201: ThreadDetailSerializer, **_errors(400, 404)},
        examples=[
            OpenApiExample(
                "Question",
                value={
                    "title": "Which message broker for the new ingest?",
                    "body": "We are choosing between **RabbitMQ** and **Kafka**. @ana, you ran both?",
                },
                request_only=True,
            ),
        ],
    )
    def thread_start(self, request, space_id: int):
        data = _valid(ThreadStartInputSerializer, request.data)
        thread = services.thread_start(space_id=space_id, author=request.user, **data)
        return Response(
            ThreadDetailSerializer(_with_opening_post(thread, request.user)).data, status=status.HTTP_201_CREATED
        )


# --- threads --------------------------------------------------------------------------------------


class ThreadViewSet(viewsets.ViewSet):
    @extend_schema(summary="A thread with its opening post", responses={200: ThreadDetailSerializer, **_errors(404)})
    def retrieve(self, request, thread_id: int):
        thread = selectors.thread_get_for_user(thread_id=thread_id, user=request.user)
        return Response(ThreadDetailSerializer(_with_opening_post(thread, request.user)).data)

    @extend_schema(
        summary="One page of a thread's posts",
        description=f"A page holds {selectors.PAGE_SIZE} top-level replies, each with its whole sub-tree, "
        "depth-first; page 1 starts with the opening post. The cost is the same whatever the size and "
        "depth of the thread. Reading a page does not mark the thread read (see `/read/`).",
        parameters=[ThreadPageInputSerializer],
        responses={200: ThreadPageSerializer, **_errors(400, 404)},
    )
    def posts(self, request, thread_id: int):
        params = _valid(ThreadPageInputSerializer, request.query_params)
        thread = selectors.thread_get_for_user(thread_id=thread_id, user=request.user)
        page = selectors.thread_page(thread=thread, user=request.user, number=params["page"])
        return Response(ThreadPageSerializer(page).data)

    @extend_schema(
        summary="Reply",
        description="To the opening post, or to any post of the thread with `parent_id`. A locked thread "
        "answers 400 `thread_locked` (moderators may still reply).",
        request=ReplyPostInputSerializer,
        responses={201: PostSerializer, **_errors(400, 404)},
        examples=[
            OpenApiExample("To the thread", value={"body": "Kafka, if we need replay."}, request_only=True),
            OpenApiExample(
                "To a reply", value={"body": "Agreed, see /threads/12/#post-40", "parent_id": 40}, request_only=True
            ),
        ],
    )
    def reply(self, request, thread_id: int):
        data = _valid(ReplyPostInputSerializer, request.data)
        post = services.reply_post(thread_id=thread_id, author=request.user, **data)
        post.reaction_counts = []  # a new post has none
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Watch, mute, or go back to the default",
        request=ThreadWatchInputSerializer,
        responses={200: ThreadWatchSerializer, **_errors(400, 404)},
        examples=[
            OpenApiExample("Mute", value={"level": "muted"}, request_only=True),
            OpenApiExample("Default", value={"level": None}, request_only=True),
        ],
    )
    def watch(self, request, thread_id: int):
        level = _valid(ThreadWatchInputSerializer, request.data)["level"]
        services.thread_watch(thread_id=thread_id, user=request.user, level=level)
        return Response(ThreadWatchSerializer({"level": level}).data)

    @extend_schema(
        summary="Mark the thread read up to now",
        request=None,
        responses={204: None, **_errors(404)},
    )
    def read(self, request, thread_id: int):
        thread = selectors.thread_get_for_user(thread_id=thread_id, user=request.user)
        services.thread_mark_read(thread=thread, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Pin or unpin (moderators)",
        request=ThreadPinInputSerializer,
        responses={200: ThreadSerializer, **_errors(400, 403, 404)},
        examples=[OpenApiExample("Unpin", value={"pinned": False}, request_only=True)],
    )
    def pin(self, request, thread_id: int):
        data = _valid(ThreadPinInputSerializer, request.data)
        thread = services.thread_pin(thread_id=thread_id, actor=request.user, pinned=data["pinned"])
        return Response(ThreadSerializer(thread).data)

    @extend_schema(
        summary="Lock or unlock (moderators)",
        description="A locked thread takes no new replies and no edits, except from moderators.",
        request=ThreadLockInputSerializer,
        responses={200: ThreadSerializer, **_errors(400, 403, 404)},
        examples=[OpenApiExample("Lock", value={"locked": True}, request_only=True)],
    )
    def lock(self, request, thread_id: int):
        data = _valid(ThreadLockInputSerializer, request.data)
        thread = services.thread_lock(thread_id=thread_id, actor=request.user, locked=data["locked"])
        return Response(ThreadSerializer(thread).data)

    @extend_schema(
        summary="Accept a reply as the answer (the thread's author or a moderator)",
        request=AnswerAcceptInputSerializer,
        responses={200: ThreadSerializer, **_errors(400, 403, 404)},
        examples=[
            OpenApiExample("Accept", value={"post_id": 40}, request_only=True),
            OpenApiExample("Take back", value={"post_id": None}, request_only=True),
        ],
    )
    def accept(self, request, thread_id: int):
        data = _valid(AnswerAcceptInputSerializer, request.data)
        thread = services.answer_accept(thread_id=thread_id, post_id=data["post_id"], actor=request.user)
        return Response(ThreadSerializer(thread).data)


# --- posts ----------------------------------------------------------------------------------------


class PostViewSet(viewsets.ViewSet):
    pagination_class = PageNumberPagination

    @extend_schema(summary="One post", responses={200: PostSerializer, **_errors(404)})
    def retrieve(self, request, post_id: int):
        post = selectors.post_get_for_user(post_id=post_id, user=request.user)
        return Response(PostSerializer(_with_reactions(post, request.user)).data)

    @extend_schema(
        summary="Edit a post (its author or a moderator)",
        description="The previous version goes to the post's history. Without `body` nothing changes.",
        request=PostEditInputSerializer,
        responses={200: PostSerializer, **_errors(400, 403, 404)},
        examples=[OpenApiExample("Fix a typo", value={"body": "Kafka, if we need *replay*."}, request_only=True)],
    )
    def partial_update(self, request, post_id: int):
        data = _valid(PostEditInputSerializer, request.data, partial=True)
        if "body" in data:
            post = services.post_edit(post_id=post_id, editor=request.user, body=data["body"])
        else:  # a PATCH that changes nothing is a read
            post = selectors.post_get_for_user(post_id=post_id, user=request.user)
        return Response(PostSerializer(_with_reactions(post, request.user)).data)

    @extend_schema(
        summary="Delete a post (its author or a moderator)",
        description="A soft delete: the post stays in the tree with its text hidden; moderators can restore it.",
        request=None,
        responses={204: None, **_errors(403, 404)},
    )
    def destroy(self, request, post_id: int):
        services.post_delete(post_id=post_id, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Restore a deleted post (moderators)",
        request=None,
        responses={200: PostSerializer, **_errors(403, 404)},
        examples=[
            OpenApiExample(
                "Restored",
                value=_POST_EXAMPLE,
                response_only=True,
            ),
        ],
    )
    def restore(self, request, post_id: int):
        post = services.post_restore(post_id=post_id, actor=request.user)
        return Response(PostSerializer(_with_reactions(post, request.user)).data)

    @extend_schema(
        summary="Earlier versions of a post",
        description="Newest first; the current version is the post itself. Texts are empty once the post is deleted.",
        responses={200: PostRevisionSerializer(many=True), **_errors(404)},
    )
    def history(self, request, post_id: int):
        post = selectors.post_get_for_user(post_id=post_id, user=request.user)
        revisions = selectors.post_history(post=post)
        return _paginated(self, revisions, PostRevisionSerializer, context={"post_is_deleted": post.is_deleted})

    @extend_schema(
        summary="Add your reaction, or take it back",
        request=ReactionToggleInputSerializer,
        responses={200: ReactionStateSerializer, **_errors(400, 404)},
        examples=[OpenApiExample("Thumbs up", value={"emoji": "+1"}, request_only=True)],
    )
    def react(self, request, post_id: int):
        emoji = _valid(ReactionToggleInputSerializer, request.data)["emoji"]
        active = services.reaction_toggle(post_id=post_id, user=request.user, emoji=emoji)
        return Response(ReactionStateSerializer({"emoji": emoji, "active": active}).data)


# --- search ---------------------------------------------------------------------------------------


class SearchViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="Search the posts you can read",
        description="Best matches first (PostgreSQL full-text search; a substring match on SQLite). "
        "Deleted posts and spaces you cannot see are never searched.",
        parameters=[PostSearchInputSerializer],
        responses={200: SearchHitSerializer(many=True), **_errors(400)},
    )
    def list(self, request):
        params = _valid(PostSearchInputSerializer, request.query_params)
        hits = search.post_search_for_user(
            user=request.user,
            query=params["q"],
            space_id=params["space"],
            author=params["author"],
            limit=params["limit"],
        )
        return Response(SearchHitSerializer(hits, many=True).data)
