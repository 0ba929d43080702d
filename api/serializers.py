"""JSON shapes of the API."""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers
from rest_framework.exceptions import APIException, AuthenticationFailed
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer

from api.models import Order, OrderLine, Product
from api.tokens import FamilyRefreshToken, refresh_revoke, refresh_rotate
from config.ids import MAX_ID
from config.lockout import lockout_message
from shared_store.slices.cart import MAX_LINE_QUANTITY, MAX_LINES


class ProductSerializer(serializers.Serializer):
    """A product, read-only. Declared field by field rather than as a ModelSerializer: every page of the shop
    reads the catalog through it, and a ModelSerializer maps the model's fields again on every instance."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    description = serializers.CharField(read_only=True)
    price = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)
    currency = serializers.CharField(read_only=True, help_text="ISO 4217 code, e.g. EUR.")
    stock = serializers.IntegerField(read_only=True, min_value=0)
    in_stock = serializers.SerializerMethodField()
    image_url = serializers.CharField(read_only=True, help_text="Path of the product image on this site.")

    def get_in_stock(self, product: Product) -> bool:
        return product.stock > 0


class LoginLocked(APIException):
    status_code = 429
    default_code = "login_locked"


class PairSerializer(TokenObtainPairSerializer):
    """Username and password → an access token and a refresh token that starts a new token family."""

    token_class = FamilyRefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        try:
            return super().validate(attrs)
        except AuthenticationFailed:
            # django-axes refused to even check the password: say why, not just "wrong credentials".
            credentials = {"username": attrs.get(self.username_field)}
            if not AxesProxyHandler.is_allowed(self.context["request"], credentials):
                raise LoginLocked(lockout_message()) from None
            raise


class RefreshSerializer(serializers.Serializer):
    """A refresh token → a new pair; the one presented can never be used again."""

    refresh = serializers.CharField()
    access = serializers.CharField(read_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        try:
            return refresh_rotate(attrs["refresh"])
        except TokenError as exc:
            raise InvalidToken(str(exc)) from exc

    def to_representation(self, instance: dict[str, str]) -> dict[str, str]:
        return instance


class RevokeSerializer(serializers.Serializer):
    """A refresh token to sign out: it and every token of its login stop working."""

    refresh = serializers.CharField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        try:
            refresh_revoke(attrs["refresh"])
        except TokenError as exc:
            raise InvalidToken(str(exc)) from exc
        return {}


class MeSerializer(serializers.ModelSerializer):
    display_name = serializers.SerializerMethodField()

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "display_name", "email"]
        read_only_fields = fields

    def get_display_name(self, user: Any) -> str:
        return user.get_full_name() or user.get_username()


class OrderLineSerializer(serializers.ModelSerializer):
    product_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = OrderLine
        fields = ["product_id", "name", "quantity", "unit_price"]
        read_only_fields = fields


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "total", "currency", "paid_with", "created_at", "lines"]
        read_only_fields = fields


class OrderLineInputSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)
    unit_price = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text="The price the customer saw. If it is not the catalog's price now, the order is refused.",
    )


class CardSerializer(serializers.Serializer):
    """A card for the simulated provider. Never stored; see api/payments.py for the test numbers."""

    number = serializers.RegexField(r"^[0-9]{12,19}$", error_messages={"invalid": "Enter the card number's digits."})
    expiry = serializers.RegexField(r"^(0[1-9]|1[0-2])/[0-9]{2}$", error_messages={"invalid": "Use MM/YY."})
    cvc = serializers.RegexField(r"^[0-9]{3,4}$", error_messages={"invalid": "Enter the 3 or 4 digits."})

    def validate_number(self, number: str) -> str:
        if not luhn_valid(number):
            raise serializers.ValidationError("That card number is not valid.")
        return number

    def validate_expiry(self, expiry: str) -> str:
        month, year = (int(part) for part in expiry.split("/"))
        today = timezone.localdate()
        if (2000 + year, month) < (today.year, today.month):
            raise serializers.ValidationError("That card has expired.")
        return expiry


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


class OrderCreateSerializer(serializers.Serializer):
    """What a client sends to place an order: products and quantities. Prices come from the catalog."""

    lines = OrderLineInputSerializer(many=True, allow_empty=False)
    card = CardSerializer(required=False, help_text="Pay with this card; without it the order is placed unpaid.")

    def validate_lines(self, lines: list[dict[str, int]]) -> list[dict[str, int]]:
        if len(lines) > MAX_LINES:  # an order is a bag bought: the bag's limits are its limits
            raise serializers.ValidationError(f"An order holds at most {MAX_LINES} different products.")
        ids = [line["product_id"] for line in lines]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError("List each product once.")
        return lines
