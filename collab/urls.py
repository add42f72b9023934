from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from collab import health, views

admin.site.site_header = _("Collab administration")
admin.site.site_title = _("Collab admin")
admin.site.index_title = _("People, content and moderation")

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("threads.api.urls")),
    path("", include("ideas.api.urls")),
    path("", include("teams.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("insights.api.urls")),
    path("", include("moderation.api.urls")),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("", include("threads.urls")),
    path("", include("ideas.urls")),
    path("", include("teams.urls")),
    path("", include("notifications.urls")),
    path("", include("insights.urls")),
    path("", include("moderation.urls")),
]
