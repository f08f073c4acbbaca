"""Pages for residents, without login: /p/<kommunkod>/…"""

from django.urls import path

from . import views

app_name = "public"

urlpatterns: list = [
    path("<str:kommunkod>/medborgarloften/", views.public_promises, name="promises"),
]
