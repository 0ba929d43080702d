"""JSON shapes of the API."""

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer

from api.models import MAX_ID, Order, OrderLine, Product
from api.services import MAX_LINE_QUANTITY, MAX_ORDER_LINES
from api.tokens import FamilyRefreshToken, refresh_revoke, refresh_rotate


class ProductSerializer(serializers.ModelSerializer):
    image_url = serializers.CharField(read_only=True, help_text="Path of the product image on this site.")
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "name", "slug", "description", "price", "currency", "stock", "in_stock", "image_url"]
        read_only_fields = fields

    def get_in_stock(self, product: Product) -> bool:
        return product.stock > 0


class PairSerializer(TokenObtainPairSerializer):
    """Username and password → an access token and a refresh token that starts a new token family."""

    token_class = FamilyRefreshToken


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
        fields = ["id", "total", "currency", "created_at", "lines"]
        read_only_fields = fields


class OrderLineInputSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)


class OrderCreateSerializer(serializers.Serializer):
    """What a client sends to place an order: products and quantities. Prices come from the catalog."""

    lines = OrderLineInputSerializer(many=True, allow_empty=False)

    def validate_lines(self, lines: list[dict[str, int]]) -> list[dict[str, int]]:
        if len(lines) > MAX_ORDER_LINES:
            raise serializers.ValidationError(f"An order holds at most {MAX_ORDER_LINES} different products.")
        ids = [line["product_id"] for line in lines]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError("List each product once.")
        return lines
