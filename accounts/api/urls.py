from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import DepartmentViewSet, MeViewSet, PersonViewSet, SkillViewSet

router = SimpleRouter()
router.register("people", PersonViewSet, basename="person")
router.register("departments", DepartmentViewSet, basename="department")
router.register("skills", SkillViewSet, basename="skill")

me = MeViewSet
urlpatterns = [
    path("me/", me.as_view({"get": "retrieve", "patch": "partial_update"}), name="me"),
    path("me/skills/<int:skill_id>/", me.as_view({"put": "skill_set", "delete": "skill_remove"}), name="me-skill"),
    path("me/interests/", me.as_view({"post": "interest_add"}), name="me-interests"),
    path("me/interests/<int:interest_id>/", me.as_view({"delete": "interest_remove"}), name="me-interest"),
    path("me/tokens/", me.as_view({"get": "token_list", "post": "token_create"}), name="me-tokens"),
    path("me/tokens/<int:token_id>/", me.as_view({"delete": "token_revoke"}), name="me-token"),
    *router.urls,
]
