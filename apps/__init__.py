"""The remote micro-frontends: independent Django apps the host mounts by name."""
