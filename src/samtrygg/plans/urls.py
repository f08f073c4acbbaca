from django.urls import path

from .views import agreements, library, plans, reports

app_name = "plans"

urlpatterns: list = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/step/<slug:step>/", plans.plan_step, name="plan_step"),
    path("<int:pk>/adopt/", plans.plan_adopt, name="plan_adopt"),
    path("<int:pk>/plan.<str:fmt>", reports.plan_document, name="plan_document"),
    path("<int:pk>/report.<str:fmt>", reports.plan_report, name="plan_report"),
    path("<int:pk>/problems/new/", plans.problem_create, name="problem_create"),
    path("<int:pk>/problems/take/<int:source_pk>/", plans.problem_take, name="problem_take"),
    path("problems/<int:pk>/", plans.problem_edit, name="problem_edit"),
    path("<int:pk>/goals/new/", plans.goal_create, name="goal_create"),
    path("goals/<int:pk>/", plans.goal_edit, name="goal_edit"),
    path("<int:pk>/measures/new/", plans.measure_create, name="measure_create"),
    path("measures/<int:pk>/", plans.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", plans.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/follow-up/", plans.follow_up_add, name="follow_up_add"),
    path("measures/<int:pk>/effect/", reports.measure_effect, name="measure_effect"),
    path("<int:pk>/conflicts/new/", plans.conflict_create, name="conflict_create"),
    path("conflicts/<int:pk>/", plans.conflict_edit, name="conflict_edit"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/commitments/", agreements.commitment_add, name="commitment_add"),
    path("agreements/<int:pk>/commitments/<int:commitment_pk>/delete/", agreements.commitment_delete,
         name="commitment_delete"),
    path("methods/", library.method_list, name="method_list"),
    path("methods/new/", library.method_create, name="method_create"),
    path("methods/<int:pk>/", library.method_detail, name="method_detail"),
    path("promises/", library.promise_list, name="promise_list"),
    path("promises/new/", library.promise_create, name="promise_create"),
    path("promises/<int:pk>/", library.promise_detail, name="promise_detail"),
    path("promises/<int:pk>/edit/", library.promise_edit, name="promise_edit"),
    path("promises/<int:pk>/activities/", library.activity_add, name="activity_add"),
    path("promises/<int:pk>/activities/<int:activity_pk>/status/", library.activity_status, name="activity_status"),
]
