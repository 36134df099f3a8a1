"""Swedish first: the UI is Swedish unless the user picked English with the language switch."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


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
