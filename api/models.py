"""The catalog, owned by the backend; apps see it only through the API."""

from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse


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

    def __str__(self) -> str:
        return self.name

    @property
    def image_url(self) -> str:
        """The uploaded image, or the generated SVG placeholder."""
        if self.image:
            return self.image.url
        return reverse("api:product-image", kwargs={"pk": self.pk})
