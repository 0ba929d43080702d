"""A feature's settings dict over its defaults (config/feature_settings.py), as DRF reads REST_FRAMEWORK."""

import pytest

from config.feature_settings import FeatureSettings

DEFAULTS = {"COLOR": "blue", "SIZE": 3}


def test_the_projects_values_over_the_defaults(settings) -> None:
    settings.WIDGET = {"SIZE": 5}
    widget = FeatureSettings("WIDGET", DEFAULTS)
    assert (widget.COLOR, widget.SIZE) == ("blue", 5)


def test_without_the_setting_every_key_is_its_default() -> None:
    assert FeatureSettings("NO_SUCH_SETTING", DEFAULTS).SIZE == 3


def test_a_key_the_defaults_do_not_list_is_an_error() -> None:
    with pytest.raises(AttributeError, match="WIDGET has no key 'COLOUR'"):
        _ = FeatureSettings("WIDGET", DEFAULTS).COLOUR


def test_a_changed_setting_is_read_again(settings) -> None:
    settings.WIDGET = {"SIZE": 5}
    widget = FeatureSettings("WIDGET", DEFAULTS)
    assert widget.SIZE == 5
    settings.WIDGET = {"SIZE": 8}  # the fixture sends setting_changed
    assert widget.SIZE == 8
    settings.OTHER = {"SIZE": 1}  # another setting leaves it alone
    assert widget.SIZE == 8
