from django.urls import path, re_path

from .views import answers, questions, results, surveys

app_name = "surveys"
urlpatterns = [
    path("<int:region>/", surveys.survey_list, name="list"),
    path("<int:region>/ny/", surveys.survey_create, name="create"),
    path("enkat/<int:pk>/", surveys.survey_detail, name="detail"),
    path("enkat/<int:pk>/andra/", surveys.survey_edit, name="edit"),
    path("enkat/<int:pk>/oppna/", surveys.survey_open, name="open"),
    path("enkat/<int:pk>/stang/", surveys.survey_close, name="close"),
    path("enkat/<int:pk>/fragor/ny/", questions.question_add, name="question_add"),
    path("fraga/<int:pk>/", questions.question_edit, name="question_edit"),
    re_path(r"^fraga/(?P<pk>\d+)/flytta-(?P<direction>upp|ned)/$", questions.question_move, name="question_move"),
    path("fraga/<int:pk>/ta-bort/", questions.question_delete, name="question_delete"),
    path("enkat/<int:pk>/svara/<int:municipality>/", answers.answer, name="answer"),
    path("enkat/<int:pk>/resultat/", results.results, name="results"),
    re_path(r"^enkat/(?P<pk>\d+)/resultat\.(?P<fmt>xlsx|pdf|docx)$", results.download, name="download"),
]
