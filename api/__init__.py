"""The backend: owns the catalog (and later orders) and the one HTTP client every app calls it through."""

__version__ = "1.0.0"
