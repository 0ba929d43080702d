"""The payment remote's routes; include them under any prefix."""

from django.urls import path

from apps.payment import views

app_name = "payment"

urlpatterns = [
    path("payment/", views.payment, name="payment"),
    path("pay/", views.pay, name="pay"),
    path("orders/", views.orders, name="orders"),
    path("orders/<int:order_numeric_id>/", views.order, name="order"),
    path("thanks/<int:order_numeric_id>/", views.thanks, name="thanks"),
]
