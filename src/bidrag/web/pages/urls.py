from django.urls import path

from bidrag.web.pages import agreements, appropriations, decisions, recipients
from bidrag.web.pages.navigation import register_pages

app_name = "pages"
urlpatterns = [
    path("overenskommelser/", agreements.agreement_list, name="agreements"),
    path("overenskommelser/<str:document_id>/", agreements.agreement_detail, name="agreement"),
    path("beslut/", decisions.decision_list, name="decisions"),
    path("beslut/<str:document_id>/", decisions.decision_detail, name="decision"),
    path(
        "beslut/<str:document_id>/beslut.pdf",
        decisions.decision_document,
        {"fmt": "pdf"},
        name="decision_pdf",
    ),
    path(
        "beslut/<str:document_id>/beslut.html",
        decisions.decision_document,
        {"fmt": "html"},
        name="decision_html",
    ),
    path("mottagare/", recipients.recipient_list, name="recipients"),
    path("mottagare/<int:pk>/", recipients.recipient_detail, name="recipient"),
    path("anslag/", appropriations.item_list, name="appropriations"),
    path("anslag/<int:pk>/", appropriations.item_detail, name="appropriation"),
]

# The navigation lists these pages once the URLconf is loaded (before the first request).
register_pages()
