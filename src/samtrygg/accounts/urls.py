from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-on/", views.sign_on_start, name="sign_on"),
    path("sign-on/callback/", views.sign_on_callback, name="oidc_callback"),
    path("organisations/<int:pk>/sign-on/", views.sign_on_groups, name="sign_on_groups"),
    path("organisations/<int:pk>/personal-data/", views.privacy_policy, name="privacy_policy"),
    path("sign-on-groups/<int:pk>/remove/", views.sign_on_group_remove, name="sign_on_group_remove"),
    path("two-factor/", views.two_factor_verify, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("password/", views.password_change, name="password_change"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/settings/", views.organisation_settings, name="organisation_settings"),
    path("organisations/<int:pk>/api-tokens/", views.member_api_tokens, name="member_api_tokens"),
    path("organisations/<int:pk>/api-tokens/<int:token_pk>/revoke/", views.member_api_token_revoke,
         name="member_api_token_revoke"),
    path("organisations/<int:pk>/new/", views.suborganisation_create, name="suborganisation_create"),
    path("organisations/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("organisations/<int:pk>/members/existing/", views.member_attach, name="member_attach"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/password/", views.member_password, name="member_password"),
    path("members/<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("members/<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("members/<int:pk>/reset-two-factor/", views.member_reset_two_factor, name="member_reset_two_factor"),
]
