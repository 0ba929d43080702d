"""The cart remote's routes; include them under any prefix."""

from django.urls import path

from apps.cart import views

app_name = "cart"

urlpatterns = [
    path("bag/", views.bag, name="bag"),
    path("badge/", views.badge, name="badge"),
    path("lines/<int:product_id>/quantity/", views.set_quantity, name="set-quantity"),
    path("lines/<int:product_id>/remove/", views.remove, name="remove"),
    path("selection/", views.selection, name="selection"),
    path("checkout/", views.checkout, name="checkout"),
]
