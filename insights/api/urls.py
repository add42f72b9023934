from django.urls import path

from .views import InsightViewSet

insights = InsightViewSet.as_view

# Not on the guests' allow-list (accounts.guests): external guests get 404.
urlpatterns = [
    path("insights/me/", insights({"get": "me"}), name="api-insights-me"),
    *[
        path(f"insights/{name}/", insights({"get": name}), name=f"api-insights-{name}")
        for name in ("participation", "funnel", "responsiveness", "collaboration", "teams")
    ],
]
