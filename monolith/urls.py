"""The monolith's routes, mounted by the project at /monolith/ (see host/urls.py)."""

from django.urls import path, re_path, register_converter

from monolith import views


class IdConverter:
    """A primary key the database can hold: at most 18 digits, so a huge number is a 404, not an overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "monolith_id")
app_name = "monolith"

urlpatterns = [
    path("", views.product_list, name="product-list"),
    path("product/<monolith_id:pk>/", views.product_detail, name="product-detail"),
    path("product/<monolith_id:pk>/image.svg", views.product_image, name="product-image"),
    path("product/<monolith_id:pk>/add/", views.add_to_cart, name="add-to-cart"),
    path("bag/", views.bag, name="bag"),
    path("bag/<monolith_id:pk>/", views.bag_update, name="bag-update"),
    path("bag/<monolith_id:pk>/remove/", views.bag_remove, name="bag-remove"),
    path("bag/selection/", views.bag_selection, name="bag-selection"),
    path("bag/checkout/", views.go_to_payment, name="go-to-payment"),
    path("checkout/payment/", views.checkout, name="checkout"),
    path("checkout/thanks/<monolith_id:pk>/", views.thanks, name="thanks"),
    path("account/orders/", views.orders, name="orders"),
    path("account/orders/<monolith_id:pk>/", views.order, name="order"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    # Any other address ending in a slash: the monolith's own 404 page. One without a slash is left to the
    # project, whose last route adds the slash first (as APPEND_SLASH would) and so comes back here.
    re_path(r"^.*/$", views.page_not_found),
]
