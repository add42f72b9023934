from django.urls import path

from . import views

urlpatterns = [
    path("boards/", views.board_list, name="board_list"),
    path("boards/new/", views.board_create, name="board_create"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("boards/<slug:slug>/edit/", views.board_edit, name="board_edit"),
    path("boards/<slug:slug>/guests/", views.board_guests, name="board_guests"),
    path("boards/<slug:slug>/new/", views.idea_create, name="idea_create"),
    path("boards/<slug:slug>/similar/", views.idea_similar, name="idea_similar"),
    path("ideas/<int:idea_id>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:idea_id>/edit/", views.idea_edit, name="idea_edit"),
    path("ideas/<int:idea_id>/vote/", views.idea_vote, name="idea_vote"),
    path("ideas/<int:idea_id>/follow/", views.idea_follow, name="idea_follow"),
    path("ideas/<int:idea_id>/coauthors/", views.idea_coauthor, name="idea_coauthor"),
    path("ideas/<int:idea_id>/status/", views.idea_status, name="idea_status"),
    path("ideas/<int:idea_id>/merge/", views.idea_merge, name="idea_merge"),
    path("ideas/<int:idea_id>/customer-votes/", views.idea_customer_vote, name="idea_customer_vote"),
    path("ideas/<int:idea_id>/moderate/", views.idea_moderate, name="idea_moderate"),
    path("guests/accept/<str:uidb64>/<str:token>/", views.guest_accept, name="guest_accept"),
]
