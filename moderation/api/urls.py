from django.urls import path

from .views import FlagViewSet

urlpatterns = [
    path("flags/", FlagViewSet.as_view({"post": "create"}), name="flag-create"),
]
