from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import county, errors, field, meetings, plans, reference, rhythm, views, walks

app_name = "api"

router = SimpleRouter()
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("problems", plans.ProblemViewSet, basename="problem")
router.register("goals", plans.GoalViewSet, basename="goal")
router.register("measures", plans.MeasureViewSet, basename="measure")
router.register("conflicts", plans.ConflictViewSet, basename="conflict")
router.register("agreements", plans.AgreementViewSet, basename="agreement")
router.register("promises", plans.PromiseViewSet, basename="promise")
router.register("methods", plans.MethodViewSet, basename="method")
router.register("groups", meetings.GroupViewSet, basename="group")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("items", meetings.ItemViewSet, basename="item")
router.register("tasks", meetings.TaskViewSet, basename="task")
router.register("duties", rhythm.DutyViewSet, basename="duty")
router.register("regions", county.RegionViewSet, basename="region")
router.register("region-members", county.RegionMemberViewSet, basename="region-member")
router.register("shares", county.ShareViewSet, basename="share")
router.register("surveys", county.SurveyViewSet, basename="survey")
router.register("tips", field.TipViewSet, basename="tip")
router.register("weekly-reports", field.WeeklyReportViewSet, basename="weekly-report")
router.register("walks", walks.WalkViewSet, basename="walk")
router.register("walk-observations", walks.WalkObservationViewSet, basename="walk-observation")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("categories/", reference.CategoryList.as_view(), name="categories"),
    path("areas/", reference.AreaList.as_view(), name="areas"),
    path("police-events/", reference.PoliceEventList.as_view(), name="police_events"),
    path("compliance/<int:pk>/", rhythm.ComplianceView.as_view(), name="compliance"),
    path("incidents/<int:pk>/duplicates/", field.IncidentDuplicatesView.as_view(), name="incident-duplicates"),
    path("incidents/<int:pk>/contributions/", field.IncidentContributionsView.as_view(),
         name="incident-contributions"),
    path("incidents/<int:pk>/merge/", field.IncidentMergeView.as_view(), name="incident-merge"),
    *router.urls,
    re_path(r"", errors.NotFoundView.as_view(), name="not_found"),  # last: JSON 404 for any other API path
]
