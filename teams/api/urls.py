from django.urls import path

from .views import MembershipViewSet, ProjectViewSet, ProposalViewSet, RoleViewSet, RoundViewSet

projects, roles = ProjectViewSet.as_view, RoleViewSet.as_view
proposals, memberships, rounds = ProposalViewSet.as_view, MembershipViewSet.as_view, RoundViewSet.as_view

# None of these are on the guests' allow-list (accounts.guests): external guests get 404.
urlpatterns = [
    path("projects/", projects({"get": "list", "post": "create"}), name="api-projects"),
    path("projects/<int:project_id>/", projects({"get": "retrieve", "patch": "partial_update"}), name="api-project"),
    path("projects/<int:project_id>/publish/", projects({"post": "publish"}), name="api-project-publish"),
    path("projects/<int:project_id>/close/", projects({"post": "close"}), name="api-project-close"),
    path("projects/<int:project_id>/roles/", roles({"get": "list", "post": "create"}), name="api-project-roles"),
    path(
        "projects/<int:project_id>/members/",
        projects({"get": "member_list", "post": "member_invite"}),
        name="api-project-members",
    ),
    path("projects/<int:project_id>/proposals/", projects({"post": "proposal_create"}), name="api-project-proposals"),
    path("roles/<int:role_id>/", roles({"patch": "partial_update", "delete": "destroy"}), name="api-role"),
    path(
        "roles/<int:role_id>/volunteer/",
        roles({"put": "volunteer", "delete": "unvolunteer"}),
        name="api-role-volunteer",
    ),
    path("proposals/<int:proposal_id>/", proposals({"get": "retrieve"}), name="api-proposal"),
    path("proposals/<int:proposal_id>/swap/", proposals({"post": "swap"}), name="api-proposal-swap"),
    path("proposals/<int:proposal_id>/confirm/", proposals({"post": "confirm"}), name="api-proposal-confirm"),
    path("memberships/", memberships({"get": "list"}), name="api-memberships"),
    path("memberships/<int:membership_id>/accept/", memberships({"post": "accept"}), name="api-membership-accept"),
    path("memberships/<int:membership_id>/decline/", memberships({"post": "decline"}), name="api-membership-decline"),
    path("memberships/<int:membership_id>/leave/", memberships({"post": "leave"}), name="api-membership-leave"),
    path("rounds/", rounds({"get": "list", "post": "create"}), name="api-rounds"),
    path("rounds/<int:round_id>/", rounds({"get": "retrieve"}), name="api-round"),
    path("rounds/<int:round_id>/confirm/", rounds({"post": "confirm"}), name="api-round-confirm"),
]
