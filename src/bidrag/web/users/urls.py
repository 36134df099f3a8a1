from django.urls import path

from bidrag.web.users import views
from bidrag.web.users.registry import register_users

app_name = "users"
urlpatterns = [
    path("anvandare/", views.user_list, name="list"),
    path("anvandare/ny/", views.create, name="create"),
    path("anvandare/<int:pk>/", views.user_detail, name="detail"),
    path("anvandare/<int:pk>/roller/tilldela/", views.grant, name="grant"),
    path("anvandare/<int:pk>/roller/ta-bort/", views.revoke, name="revoke"),
    path("anvandare/<int:pk>/organisationer/lagg-till/", views.add_organisation, name="add_org"),
    path(
        "anvandare/<int:pk>/organisationer/ta-bort/", views.remove_organisation, name="remove_org"
    ),
    path("anvandare/<int:pk>/inaktivera/", views.deactivate, name="deactivate"),
    path("anvandare/<int:pk>/tvastegsverifiering/", views.reset_device, name="reset_device"),
    path("anvandare/<int:pk>/losenordslank/", views.password_link, name="password_link"),
]

# The navigation item, once the URLconf is loaded (before any request).
register_users()
