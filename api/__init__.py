"""The backend (catalog, orders, tokens); `api.client` is the one HTTP client every app calls it through."""

__version__ = "1.0.0"
