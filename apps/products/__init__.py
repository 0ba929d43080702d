"""The products remote: the catalog list and product detail."""
