"""Swedish first (the UI is Swedish unless the user picked English with the language switch),
and no caching of what bidrag answers."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class SwedishFirstMiddleware:
    """Drops the browser's Accept-Language so that only the language cookie can pick English.

    A Swedish public e-service answers in Swedish; an English-language browser is no reason to
    switch. Must stand before ``LocaleMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response Django makes: pages, exports and the API
    show personal and bank data, and the sign-in pages a TOTP secret, so no browser or proxy
    may keep a copy. Static files (served by WhiteNoise, which stands before this) keep their
    own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
