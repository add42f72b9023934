from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/publish/", views.project_publish, name="project_publish"),
    path("projects/<int:project_id>/close/", views.project_close, name="project_close"),
    path("projects/<int:project_id>/roles/new/", views.role_add, name="role_add"),
    path("roles/<int:role_id>/edit/", views.role_edit, name="role_edit"),
    path("roles/<int:role_id>/remove/", views.role_remove, name="role_remove"),
    path("roles/<int:role_id>/volunteer/", views.role_volunteer, name="role_volunteer"),
    path("roles/<int:role_id>/withdraw/", views.role_withdraw, name="role_withdraw"),
    path("projects/<int:project_id>/propose/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/swap/", views.proposal_swap, name="proposal_swap"),
    path("proposals/<int:proposal_id>/confirm/", views.proposal_confirm, name="proposal_confirm"),
    path("teams/mine/", views.team_invitations, name="team_invitations"),
    path("memberships/<int:membership_id>/respond/", views.membership_respond, name="membership_respond"),
    path("memberships/<int:membership_id>/end/", views.membership_end, name="membership_end"),
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/confirm/", views.round_confirm, name="round_confirm"),
]
