"""The products remote's routes; include them under any prefix."""

from django.urls import path

from apps.products import views

app_name = "products"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("<int:product_numeric_id>/", views.product_detail, name="detail"),
    path("<int:product_numeric_id>/add-to-cart/", views.add_to_cart, name="add-to-cart"),
]
