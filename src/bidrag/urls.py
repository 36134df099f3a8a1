from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from bidrag.api import errors as api_errors
from bidrag.web import contention

urlpatterns = [
    # The admin signs in through the two-step sign-in, never through its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("bidrag.accounts.urls")),
    path("api/", include("bidrag.api.urls")),
    path("", include("bidrag.web.pages.urls")),
    path("", include("bidrag.web.approvals.urls")),
    path("", include("bidrag.web.users.urls")),
    path("", include("bidrag.web.urls")),
]

# A lock error raised outside a view is a refusal (409), not a server error; a crash outside the
# API's own error handling still answers JSON under /api/.
handler400 = "bidrag.web.contention.bad_request"


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(api_errors.API_PREFIX):
        return api_errors.server_error(request)
    return contention.server_error(request)
