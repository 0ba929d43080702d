"""Catalog endpoints: read-only, paginated, filterable by ids."""

import zlib

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from rest_framework import viewsets

from api.filters import ProductFilter
from api.models import Product
from api.serializers import ProductSerializer


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalog. `GET /api/products/?ids=1,2` narrows the list to those ids."""

    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    filterset_class = ProductFilter


@require_safe
@cache_control(public=True, max_age=86400)
def product_image(request, pk: int):
    """A generated SVG placeholder, coloured from the product's name so each one looks different."""
    product = get_object_or_404(Product.objects.only("name"), pk=pk)
    hue = zlib.crc32(product.name.encode()) % 360
    context = {"hue": hue, "initials": "".join(word[0] for word in product.name.split()[:2]).upper()}
    return render(request, "api/product_image.svg", context, content_type="image/svg+xml")
