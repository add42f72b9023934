from django.urls import path

from . import views

urlpatterns = [
    path("insights/", views.dashboard, name="insights_dashboard"),
    path("insights/me/", views.me, name="insights_me"),
    path("insights/export/<slug:section>.csv", views.export_csv, name="insights_export"),
]
