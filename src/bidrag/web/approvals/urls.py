from django.urls import path

from bidrag.web.approvals import audit_views, views
from bidrag.web.approvals.registry import register_approvals

app_name = "approvals"
urlpatterns = [
    path("godkannanden/", views.change_list, name="list"),
    path("godkannanden/betalningsuppgifter/ny/", views.propose, name="propose"),
    path("godkannanden/betalningsuppgifter/<int:pk>/", views.change_detail, name="change"),
    path("godkannanden/betalningsuppgifter/<int:pk>/godkann/", views.approve, name="approve"),
    path("godkannanden/betalningsuppgifter/<int:pk>/avsla/", views.reject, name="reject"),
    path("granskningsspar/", audit_views.audit_log, name="audit_log"),
    path(
        "granskningsspar/<str:object_type>/<str:object_id>/",
        audit_views.record_history,
        name="record_history",
    ),
]

# The navigation and the start page's panel, once the URLconf is loaded (before any request).
register_approvals()
