"""The residents' tip page, without login: /p/<kommunkod>/tips/."""

from django.urls import path

from .views import public

app_name = "tips_public"
urlpatterns = [
    path("<str:kommunkod>/tips/", public.tip_form, name="form"),
    path("<str:kommunkod>/tips/tack/", public.thanks, name="thanks"),
]
