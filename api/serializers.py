"""JSON shapes of the API."""

from rest_framework import serializers

from api.models import Product


class ProductSerializer(serializers.ModelSerializer):
    image_url = serializers.CharField(read_only=True, help_text="Path of the product image on this site.")
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "name", "slug", "description", "price", "currency", "stock", "in_stock", "image_url"]
        read_only_fields = fields

    def get_in_stock(self, product: Product) -> bool:
        return product.stock > 0
