"""The cart remote's routes; include them under any prefix."""

from django.urls import path

from apps.cart import views

app_name = "cart"

urlpatterns = [
    path("bag/", views.bag, name="bag"),
]
