"""Pages for residents, without login: /p/<kommunkod>/…"""

from django.urls import path

from .views import library

app_name = "public"

urlpatterns: list = [
    path("<str:kommunkod>/medborgarloften/", library.public_promises, name="promises"),
]
