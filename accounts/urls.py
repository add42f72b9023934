from django.urls import path

from . import views

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<int:user_id>/", views.person_detail, name="person_detail"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/skills/", views.profile_skill_set, name="profile_skill_set"),
    path("profile/skills/<int:skill_id>/remove/", views.profile_skill_remove, name="profile_skill_remove"),
    path("profile/interests/", views.profile_interest_add, name="profile_interest_add"),
    path("profile/interests/<int:interest_id>/remove/", views.profile_interest_remove, name="profile_interest_remove"),
    path("profile/tokens/", views.token_list, name="token_list"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
