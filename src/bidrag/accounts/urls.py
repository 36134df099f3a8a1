from django.urls import path

from bidrag.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.password_step, name="login"),
    path("logga-in/kod/", views.code_step, name="code"),
    path("logga-ut/", views.logout_view, name="logout"),
]
