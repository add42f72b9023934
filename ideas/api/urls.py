from django.urls import path

from .views import BoardViewSet, CustomerViewSet, IdeaViewSet, SimilarIdeaViewSet

boards, ideas = BoardViewSet.as_view, IdeaViewSet.as_view

urlpatterns = [
    path("boards/", boards({"get": "list", "post": "create"}), name="api-boards"),
    path("boards/<int:board_id>/", boards({"get": "retrieve", "patch": "partial_update"}), name="api-board"),
    path("boards/<int:board_id>/ideas/", boards({"get": "idea_list", "post": "idea_post"}), name="api-board-ideas"),
    path("boards/<int:board_id>/similar/", SimilarIdeaViewSet.as_view({"get": "list"}), name="api-board-similar"),
    path(
        "boards/<int:board_id>/guests/", boards({"get": "guest_list", "post": "guest_invite"}), name="api-board-guests"
    ),
    path("boards/<int:board_id>/guests/<int:user_id>/", boards({"delete": "guest_remove"}), name="api-board-guest"),
    path("ideas/", ideas({"get": "list"}), name="api-ideas"),
    path("ideas/<int:idea_id>/", ideas({"get": "retrieve", "patch": "partial_update"}), name="api-idea"),
    path("ideas/<int:idea_id>/vote/", ideas({"put": "vote", "delete": "unvote"}), name="api-idea-vote"),
    path(
        "ideas/<int:idea_id>/vote/acknowledge/",
        ideas({"post": "vote_acknowledge"}),
        name="api-idea-vote-acknowledge",
    ),
    path("ideas/<int:idea_id>/status/", ideas({"post": "status_change"}), name="api-idea-status"),
    path("ideas/<int:idea_id>/merge/", ideas({"post": "merge"}), name="api-idea-merge"),
    path("ideas/<int:idea_id>/follow/", ideas({"put": "follow", "delete": "unfollow"}), name="api-idea-follow"),
    path(
        "ideas/<int:idea_id>/coauthors/",
        ideas({"get": "coauthor_list", "post": "coauthor_invite"}),
        name="api-idea-coauthors",
    ),
    path("ideas/<int:idea_id>/coauthors/accept/", ideas({"post": "coauthor_accept"}), name="api-idea-coauthors-accept"),
    path(
        "ideas/<int:idea_id>/coauthors/<int:user_id>/", ideas({"delete": "coauthor_remove"}), name="api-idea-coauthor"
    ),
    path(
        "ideas/<int:idea_id>/customer-votes/",
        ideas({"get": "customer_vote_list", "post": "customer_vote_add"}),
        name="api-idea-customer-votes",
    ),
    path(
        "ideas/<int:idea_id>/customer-votes/<int:customer_id>/",
        ideas({"delete": "customer_vote_remove"}),
        name="api-idea-customer-vote",
    ),
    path("ideas/<int:idea_id>/hide/", ideas({"post": "hide"}), name="api-idea-hide"),
    path("ideas/<int:idea_id>/restore/", ideas({"post": "restore"}), name="api-idea-restore"),
    # Not under boards/ or ideas/: external guests never reach it (accounts.guests).
    path("customers/", CustomerViewSet.as_view({"get": "list"}), name="api-customers"),
]
