"""Settings read from the environment: one parser per type, so every variable means the same thing everywhere.

Each reads `name` from `environ` (the process's environment unless given), returns `default` when it is unset, and
raises ImproperlyConfigured, naming the variable, for a value it cannot read: a typo stops the server from starting
instead of quietly meaning something else.
"""

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

# What a yes/no variable may say, in any case. Empty counts as no: `DEBUG=` switches DEBUG off.
YES = frozenset({"1", "true", "yes", "on"})
NO = frozenset({"", "0", "false", "no", "off"})


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """A yes/no variable: 1, true, yes or on; 0, false, no, off or empty."""
    value = environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in YES | NO:
        raise ImproperlyConfigured(f"{name}={value!r} is neither yes nor no: set it to 1 or 0 (true or false).")
    return word in YES


def env_str(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """A text variable, as it is set (empty included)."""
    return environ.get(name, default)


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    """A whole number."""
    value = environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_float(name: str, default: float, environ: Mapping[str, str] = os.environ) -> float:
    """A number, with or without decimals."""
    value = environ.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; blanks around and between the commas are dropped, so empty is an empty list."""
    value = environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
