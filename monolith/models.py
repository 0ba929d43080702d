"""The monolith's tables: the catalog and the orders live next to each other, in one app."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse

LOW_STOCK = 5  # at or below this many, a shopper choosing the product is told how many are left


class Product(models.Model):
    """Something the shop sells. (In the federated shop this model moved to `api/`, the catalog's owner.)"""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    stock = models.PositiveIntegerField(default=0)
    image = models.FileField(
        upload_to="products/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"])],
        help_text="Leave empty to use a generated placeholder.",
    )

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="monolith_product_name_id")]

    def __str__(self) -> str:
        return self.name

    @property
    def image_url(self) -> str:
        """The uploaded image, or the placeholder the shop draws from the name (views.product_image)."""
        return self.image.url if self.image else reverse("monolith:product-image", args=[self.pk])

    @property
    def stock_note(self) -> str | None:
        """What a shopper choosing this product needs to know of its stock: none left, or only a few."""
        if self.stock <= 0:
            return "Out of stock"
        return f"Only {self.stock} left" if self.stock <= LOW_STOCK else None


class Order(models.Model):
    """A paid order. Its prices are copied from the catalog when it was placed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="monolith_orders")
    created_at = models.DateTimeField(auto_now_add=True)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    card_last4 = models.CharField(max_length=4)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Order {self.pk} of {self.user}"

    @property
    def paid_with(self) -> str:
        return f"•••• {self.card_last4}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.product}"

    @property
    def subtotal(self) -> Decimal:
        return self.unit_price * self.quantity
