from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

# A crash outside the API's own error handling still answers JSON under /api/.
handler500 = "bidrag.api.errors.server_error"

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
