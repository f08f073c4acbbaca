from django.urls import path

from . import views

app_name = "lagesbild"

urlpatterns: list = [
    path("", views.lagesbild_list, name="list"),
    path("new/", views.lagesbild_create, name="create"),
    path("analysis/", views.analysis, name="analysis"),
    path("analysis/add/", views.analysis_add, name="analysis_add"),
    path("<int:pk>/", views.lagesbild_detail, name="detail"),
    path("<int:pk>/edit/", views.lagesbild_edit, name="edit"),
    path("<int:pk>/problems/", views.problem_add, name="problem_add"),
    path("<int:pk>/problems/<int:problem_pk>/delete/", views.problem_delete, name="problem_delete"),
    path("<int:pk>/deepenings/<int:deepening_pk>/delete/", views.deepening_delete, name="deepening_delete"),
    path("<int:pk>/observations/", views.observation_add, name="observation_add"),
    path("<int:pk>/observations/<int:observation_pk>/drop/", views.observation_drop, name="observation_drop"),
    path("<int:pk>/step/<slug:step>/", views.lagesbild_step, name="step"),
    path("<int:pk>/adopt/", views.lagesbild_adopt, name="adopt"),
    path("<int:pk>/new-version/", views.lagesbild_new_version, name="new_version"),
    path("<int:pk>/pdf/", views.lagesbild_pdf, name="pdf"),
    path("<int:pk>/figure/<int:number>.<str:fmt>", views.lagesbild_figure, name="figure"),
    path("<int:pk>/docx/", views.lagesbild_docx, name="docx"),
    path("<int:pk>/compare/<int:other_pk>/", views.lagesbild_compare, name="compare"),
]
