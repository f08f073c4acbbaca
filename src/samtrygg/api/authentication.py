"""`Authorization: Bearer <token>`, the API's only authentication (no sessions, so no CSRF). A request with a
token acts as the token's user with the rights the user has in the UI (the same `Access` object), limited to
reading when the token's scope is read only (`TokenScope`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from samtrygg.access import Access
from samtrygg.accounts import selectors, services

KEYWORD = "Bearer"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != KEYWORD.lower():
            return None  # no credentials: NotAuthenticated (401) unless the view is public
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: use 'Bearer <token>'."))
        token = selectors.api_token_for_secret(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid, revoked or expired token."))
        refusal = selectors.api_token_refusal(token.user)
        if refusal:
            raise exceptions.AuthenticationFailed(refusal)
        services.api_token_mark_used(token=token)
        # samtrygg.access.for_request reads this: the UI's resolver, built for the token's user (replacing any
        # Access an earlier middleware built for the anonymous session user).
        request._request._samtrygg_access = Access(token.user)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="samtrygg"'


class TokenScope(permissions.BasePermission):
    """A read-only token may only read (GET, HEAD, OPTIONS)."""

    message = _("This token may only read. Make a token with read and write access to change data.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        return request.method in permissions.SAFE_METHODS or not getattr(token, "read_only", False)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer",
            "description": "A personal API token (samtrygg_…), made under Account → API tokens or with "
                           "`samtrygg create-api-token USERNAME`.",
        }
