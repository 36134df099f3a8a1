from django.urls import path

from bidrag.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.password_step, name="login"),
    path("logga-in/kod/", views.code_step, name="code"),
    path("logga-in/aktivera/", views.enrol_step, name="enrol"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("losenord/<uidb64>/<token>/", views.set_password_view, name="set_password"),
    path("losenord/klart/", views.password_set, name="password_set"),
]
