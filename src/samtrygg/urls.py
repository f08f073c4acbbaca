from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("samtrygg.web.urls")),
    path("accounts/", include("samtrygg.accounts.urls")),
    path("areas/", include("samtrygg.areas.urls")),
    path("sharing/", include("samtrygg.sharing.urls")),
    path("lan/", include("samtrygg.county.urls")),
    path("kartlaggning/", include("samtrygg.surveys.urls")),
    path("audit/", include("samtrygg.audit.urls")),
    path("incidents/", include("samtrygg.incidents.urls")),
    path("lagesbild/", include("samtrygg.lagesbild.urls")),
    path("statistik/", include("samtrygg.indicators.urls")),
    path("plans/", include("samtrygg.plans.urls")),
    path("p/", include("samtrygg.plans.public_urls")),
    path("p/", include("samtrygg.tips.public_urls")),
    path("tips/", include("samtrygg.tips.urls")),
    path("trygghetsvandring/", include("samtrygg.walks.urls")),
    path("meetings/", include("samtrygg.meetings.urls")),
    path("arshjul/", include("samtrygg.rhythm.urls")),
    path("gallring/", include("samtrygg.retention.urls")),
    path("api/v1/", include("samtrygg.api.urls")),
    path("ogc/", include("samtrygg.ogc.urls")),
    path("open311/v2/", include("samtrygg.open311.urls")),
    path("jobb/", include("samtrygg.background.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
