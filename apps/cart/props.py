"""Props the cart components accept: the contract between this remote and any host."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class BagProps:
    """Props of cart/Bag."""

    products_href: str
    """Where "Continue shopping" goes; the host owns that route."""
