"""Admin for the catalog."""

from django.contrib import admin

from api.models import Order, OrderLine, Product, TokenFamily


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "price", "currency", "stock"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    readonly_fields = ["product", "name", "quantity", "unit_price"]
    can_delete = False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "total", "currency", "paid_with", "created_at"]
    list_filter = ["created_at"]
    readonly_fields = ["user", "total", "currency", "paid_with", "created_at"]
    inlines = [OrderLineInline]


@admin.register(TokenFamily)
class TokenFamilyAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "created_at", "revoked_at", "revoked_reason"]
    list_filter = ["revoked_at"]
    readonly_fields = ["id", "user", "created_at"]
