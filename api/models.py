"""The catalog, owned by the backend; apps see it only through the API."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models

from federation.links import link


class Product(models.Model):
    """Something the shop sells."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="EUR", help_text="ISO 4217 code, e.g. EUR.")
    stock = models.PositiveIntegerField(default=0)
    image = models.FileField(
        upload_to="products/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"])],
        help_text="Leave empty to use a generated placeholder.",
    )

    class Meta:
        ordering = ["name", "id"]
        # The catalog is listed in this order: a page of 100,000 products must not sort them all.
        indexes = [models.Index(fields=["name", "id"], name="api_product_name_id")]

    def __str__(self) -> str:
        return self.name

    @property
    def image_url(self) -> str:
        """The uploaded image, or the generated SVG placeholder."""
        if self.image:
            return self.image.url
        return link("api:product-image", "pk", self.pk)  # a list of products reverses the route once


class TokenFamily(models.Model):
    """Every refresh token descended from one login. Replaying a rotated token revokes the whole family."""

    id = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_families")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "token families"

    def __str__(self) -> str:
        return f"{self.user} · {self.id}"


class Order(models.Model):
    """A placed order; its prices come from the catalog when it was placed, never from the client."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders")
    total = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    paid_with = models.CharField(max_length=20, blank=True, help_text="The card's last digits; empty if unpaid.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Order {self.pk} · {self.user}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120, help_text="The product's name when ordered.")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.name}"


class IdempotencyKey(models.Model):
    """A client's key for one order attempt: the same key and body give the same order, exactly once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    request_hash = models.CharField(max_length=64)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="unique_idempotency_key_per_user")]

    def __str__(self) -> str:
        return self.key
