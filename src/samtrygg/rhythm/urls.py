from django.urls import path

from .views import compliance, wheel

app_name = "rhythm"

urlpatterns: list = [
    path("", wheel.wheel_page, name="wheel"),
    path("duties/new/", wheel.duty_create, name="duty_create"),
    path("duties/<int:pk>/", wheel.duty_edit, name="duty_edit"),
    path("duties/<int:pk>/done/", wheel.duty_done, name="duty_done"),
    path("duties/<int:pk>/delete/", wheel.duty_delete, name="duty_delete"),
    path("seed/<int:pk>/", wheel.wheel_seed, name="seed"),
    # The law at a glance (views/compliance.py).
    path("efterlevnad/", compliance.compliance_page, name="compliance"),
    path("efterlevnad/<int:pk>.pdf", compliance.compliance_pdf, name="compliance_pdf"),
    path("efterlevnad/<int:pk>/rule/", compliance.compliance_rule, name="compliance_rule"),
]
