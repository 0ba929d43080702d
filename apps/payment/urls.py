"""The payment remote's routes; include them under any prefix."""

from django.urls import path

from apps.payment import views

app_name = "payment"

urlpatterns = [
    path("payment/", views.payment, name="payment"),
    path("orders/", views.orders, name="orders"),
]
