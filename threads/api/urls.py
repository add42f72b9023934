from django.urls import path

from .views import PostViewSet, SearchViewSet, SpaceViewSet, ThreadViewSet

spaces, threads, posts = SpaceViewSet.as_view, ThreadViewSet.as_view, PostViewSet.as_view

urlpatterns = [
    path("spaces/", spaces({"get": "list", "post": "create"}), name="api-spaces"),
    path("spaces/<int:space_id>/", spaces({"get": "retrieve"}), name="api-space"),
    path(
        "spaces/<int:space_id>/threads/",
        spaces({"get": "thread_list", "post": "thread_start"}),
        name="api-space-threads",
    ),
    path("threads/<int:thread_id>/", threads({"get": "retrieve"}), name="api-thread"),
    path("threads/<int:thread_id>/posts/", threads({"get": "posts"}), name="api-thread-posts"),
    path("threads/<int:thread_id>/replies/", threads({"post": "reply"}), name="api-thread-replies"),
    path("threads/<int:thread_id>/watch/", threads({"put": "watch"}), name="api-thread-watch"),
    path("threads/<int:thread_id>/read/", threads({"post": "read"}), name="api-thread-read"),
    path("threads/<int:thread_id>/pin/", threads({"post": "pin"}), name="api-thread-pin"),
    path("threads/<int:thread_id>/lock/", threads({"post": "lock"}), name="api-thread-lock"),
    path("threads/<int:thread_id>/accept/", threads({"post": "accept"}), name="api-thread-accept"),
    path(
        "posts/<int:post_id>/",
        posts({"get": "retrieve", "patch": "partial_update", "delete": "destroy"}),
        name="api-post",
    ),
    path("posts/<int:post_id>/restore/", posts({"post": "restore"}), name="api-post-restore"),
    path("posts/<int:post_id>/history/", posts({"get": "history"}), name="api-post-history"),
    path("posts/<int:post_id>/reactions/", posts({"post": "react"}), name="api-post-reactions"),
    path("search/", SearchViewSet.as_view({"get": "list"}), name="api-search"),
]
