"""The shared store every app reads and writes through: one per visitor, loaded once, pinned by version."""

__version__ = "1.0.0"
