from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from bidrag.accounts.second_factor import is_verified, needs_second_factor


class SecondFactorMiddleware:
    """Signs out any session whose user needs a second factor but has not given one.

    Runs after django-otp's ``OTPMiddleware``. It closes every path around the two-step sign-in
    (the admin's login form, ``Client.login`` in a test, a future SAML backend that does not
    mark the session verified).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and needs_second_factor(user) and not is_verified(request):
            logout(request)
            return redirect("accounts:login")
        return self.get_response(request)
