from django.urls import path

from bidrag.api.api import api

urlpatterns = [path("", api.urls)]
