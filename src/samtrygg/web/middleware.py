"""Swedish unless the user has chosen another language (Django's language cookie); the browser's
Accept-Language is not consulted, so a municipal workplace always gets the Swedish interface by default."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateByDefaultMiddleware:
    """Pages for a signed-in user are not kept by the browser or any cache on the way (`Cache-Control: no-store`),
    so the back button after logout, a shared computer or a proxy does not show them again. A response that set
    its own Cache-Control (static files, the public pages) keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            patch_cache_control(response, no_store=True, private=True)
        return response
