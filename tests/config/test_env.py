"""Settings read from the environment (config/env.py): one meaning per variable, and a clear error for a typo."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_float, env_int, env_list, env_str


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", " ON "])
def test_a_yes_is_true(value: str) -> None:
    assert env_bool("FLAG", False, {"FLAG": value}) is True


@pytest.mark.parametrize("value", ["", "0", "false", "FALSE", "no", "off"])
def test_a_no_or_empty_is_false(value: str) -> None:
    assert env_bool("FLAG", True, {"FLAG": value}) is False


def test_unset_is_the_default() -> None:
    assert env_bool("FLAG", True, {}) is True
    assert env_int("COUNT", 3, {}) == 3
    assert env_float("SECONDS", 2.5, {}) == 2.5
    assert env_str("NAME", "cart", {}) == "cart"
    assert env_list("HOSTS", ["localhost"], {}) == ["localhost"]


@pytest.mark.parametrize(
    ("read", "value"),
    [(lambda env: env_bool("FLAG", False, env), "maybe"), (lambda env: env_int("FLAG", 0, env), "2.5")],
    ids=["bool", "int"],
)
def test_a_value_that_is_none_of_its_kind_names_the_variable(read, value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="FLAG="):
        read({"FLAG": value})


def test_numbers_and_lists() -> None:
    assert env_int("COUNT", 0, {"COUNT": "7"}) == 7
    assert env_float("SECONDS", 0, {"SECONDS": "0.5"}) == 0.5
    with pytest.raises(ImproperlyConfigured, match="SECONDS='soon' is not a number"):
        env_float("SECONDS", 0, {"SECONDS": "soon"})
    assert env_list("HOSTS", [], {"HOSTS": " a.example , b.example,, "}) == ["a.example", "b.example"]
    assert env_list("HOSTS", ["x"], {"HOSTS": ""}) == []


@pytest.mark.parametrize(
    ("environ", "api_cache"),
    [({}, {}), ({"API_CACHE_ENABLED": ""}, {"ENABLED": False}), ({"API_CACHE_ENABLED": "1"}, {"ENABLED": True})],
    ids=["unset: the default", "empty: no", "yes"],
)
def test_a_variable_set_empty_means_no_in_the_settings_too(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], api_cache: dict[str, bool]
) -> None:
    """API_CACHE_ENABLED= (empty) fell back to the default ("if-shared"), unlike every other yes/no variable."""
    import config.base_settings

    monkeypatch.delenv("API_CACHE_ENABLED", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    try:
        read = importlib.reload(config.base_settings).API_CACHE
        assert read == api_cache
    finally:
        monkeypatch.undo()
        importlib.reload(config.base_settings)
