from django.urls import path

from .views import NotificationViewSet

v = NotificationViewSet
urlpatterns = [
    path("notifications/", v.as_view({"get": "list"}), name="notification-list"),
    path("notifications/unread-count/", v.as_view({"get": "unread_count"}), name="notification-unread-count"),
    path("notifications/read/", v.as_view({"post": "read"}), name="notification-read"),
    path("notifications/read-all/", v.as_view({"post": "read_all"}), name="notification-read-all"),
    path(
        "notifications/preferences/",
        v.as_view({"get": "preferences", "patch": "preferences_set"}),
        name="notification-preferences",
    ),
]
