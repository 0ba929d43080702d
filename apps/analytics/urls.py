"""The analytics remote's routes; include them under any prefix."""

from django.urls import path

from apps.analytics import views

app_name = "analytics"

urlpatterns = [
    path("events/", views.collect, name="collect"),
]
