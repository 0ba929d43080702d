"""API endpoints: the catalog (public), tokens, the current user and orders (the token's user only)."""

import re
import zlib

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenViewBase

from api import services
from api.filters import ProductFilter
from api.models import Order, Product
from api.pagination import CatalogPagination
from api.serializers import (
    MeSerializer,
    OrderCreateSerializer,
    OrderSerializer,
    PairSerializer,
    ProductSerializer,
    RefreshSerializer,
    RevokeSerializer,
)
from api.throttles import AccountRateThrottle, CredentialRateThrottle
from config.ids import ID_PATTERN


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalog. `GET /api/products/?ids=1,2` narrows the list to those ids."""

    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    pagination_class = CatalogPagination
    lookup_value_regex = ID_PATTERN

    def filter_queryset[Row](self, queryset: QuerySet[Product, Row]) -> QuerySet[Product, Row]:
        # The filters narrow the list: building them (a form, validated) is wasted on one product by id, and on a
        # list asked for with none of them, such as every page of the catalog.
        narrowed = self.action == "list" and not self.request.query_params.keys().isdisjoint(ProductFilter.base_filters)
        return super().filter_queryset(queryset) if narrowed else queryset


@require_safe
@cache_control(public=True, max_age=86400)
def product_image(request: HttpRequest, pk: int) -> HttpResponse:
    """A generated SVG placeholder, coloured from the product's name so each one looks different."""
    product = get_object_or_404(Product.objects.only("name"), pk=pk)
    hue = zlib.crc32(product.name.encode()) % 360
    context = {"hue": hue, "initials": "".join(word[0] for word in product.name.split()[:2]).upper()}
    return render(request, "api/product_image.svg", context, content_type="image/svg+xml")


IDEMPOTENCY_KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,80}")
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    pattern=IDEMPOTENCY_KEY_PATTERN.pattern,
    description="Repeat a request with the same key to get the same order instead of a second one.",
)


class TokenPairView(TokenViewBase):
    """Log in: username and password → access and refresh tokens.

    Counted per address and username (scope "auth") and per account ("auth-account"); django-axes locks an
    account for an address after too many wrong passwords (429).
    """

    serializer_class = PairSerializer
    throttle_classes = [CredentialRateThrottle, AccountRateThrottle]
    throttle_credential = "username"


class TokenRefreshView(TokenViewBase):
    """Exchange a refresh token for a new pair (rotation); reusing a rotated token signs the login out."""

    serializer_class = RefreshSerializer
    throttle_classes = [CredentialRateThrottle]  # per address and refresh token
    throttle_credential = "refresh"


class TokenRevokeView(TokenViewBase):
    """Log out: blacklist the refresh token and revoke every token of its login."""

    serializer_class = RevokeSerializer
    throttle_classes = [CredentialRateThrottle]
    throttle_credential = "refresh"

    @extend_schema(responses={204: None})
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        super().post(request, *args, **kwargs)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """The user the access token belongs to."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The token user's orders. Another user's order is a 404, not a 403: its existence is not revealed."""

    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Order]:
        user = self.request.user
        # Nobody's orders for drf-spectacular inspecting the view, nor for an anonymous user (IsAuthenticated
        # refuses those before any lookup).
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return Order.objects.none()
        return Order.objects.filter(user=user).prefetch_related("lines")

    @extend_schema(
        request=OrderCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: OrderSerializer, 200: OrderSerializer},
    )
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        """Place an order. With an Idempotency-Key, repeating the request gives the same order (200)."""
        payload = OrderCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key")
        if key is not None and not IDEMPOTENCY_KEY_PATTERN.fullmatch(key):
            raise ValidationError({"Idempotency-Key": ["Use 8 to 80 letters, digits, '-' or '_'."]})
        order, replayed = services.order_place(
            user=request.user,
            lines=payload.validated_data["lines"],
            card=payload.validated_data.get("card"),
            idempotency_key=key,
        )
        order = self.get_queryset().get(pk=order.pk)
        return Response(OrderSerializer(order).data, status=status.HTTP_200_OK if replayed else status.HTTP_201_CREATED)
