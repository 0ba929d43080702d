"""Admin for the catalog."""

from django.contrib import admin

from api.models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "price", "currency", "stock"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
