from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from bidrag.accounts.second_factor import is_verified, needs_second_factor

API_PATH = "/api/"


class SecondFactorMiddleware:
    """Signs out any session whose user needs a second factor but has not given one.

    Runs after django-otp's ``OTPMiddleware``. It closes every path around the two-step sign-in
    (the admin's login form, ``Client.login`` in a test, a future SAML backend that does not
    mark the session verified). Under ``/api/`` the request goes on signed out, so the API
    answers it as any unauthenticated call (a JSON 401, or the caller's token).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and needs_second_factor(user) and not is_verified(request):
            logout(request)
            if request.path.startswith(API_PATH):
                return self.get_response(request)
            return redirect("accounts:login")
        return self.get_response(request)
