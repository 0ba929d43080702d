"""What the browser and redis tests do on a machine without Chromium or redis-server (tests/prerequisites.py)."""

from pathlib import Path

import pytest

from tests import prerequisites
from tests.prerequisites import chromium_missing, redis_server_missing, under_ci

pytest_plugins = ["pytester"]


def which_finds(*found: str):
    """A fake shutil.which that finds only the given names (or paths)."""
    return lambda name: f"/usr/bin/{name}" if name in found else None


def never_starts() -> bool:
    return False


def must_not_be_asked() -> bool:
    raise AssertionError("Playwright's own Chromium was looked for although a system one was found")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ("0", False), ("false", False), ("False", False), ("true", True), ("1", True)],
)
def test_ci_is_a_yes_of_ci_and_unset_empty_0_or_false_are_no(value: str | None, expected: bool) -> None:
    assert under_ci({} if value is None else {"CI": value}) is expected


def test_the_system_chromium_is_enough() -> None:
    assert chromium_missing({}, which_finds("chromium"), must_not_be_asked) is None


def test_without_a_system_chromium_playwrights_own_is_enough() -> None:
    assert chromium_missing({}, which_finds(), lambda: True) is None


def test_without_any_chromium_the_reason_says_how_to_get_one() -> None:
    reason = chromium_missing({}, which_finds(), never_starts)
    assert reason is not None
    assert "no Chromium" in reason
    assert "`apt install chromium`" in reason
    assert "`uv run playwright install chromium`" in reason


def test_chromium_path_names_the_one_browser_to_drive() -> None:
    found = which_finds("chromium", "/opt/chromium/chrome")
    assert chromium_missing({"CHROMIUM_PATH": "/opt/chromium/chrome"}, found, must_not_be_asked) is None
    reason = chromium_missing({"CHROMIUM_PATH": "/nowhere/chrome"}, found, must_not_be_asked)
    assert reason is not None
    assert reason.startswith("CHROMIUM_PATH=/nowhere/chrome is not an executable")
    assert "`apt install chromium`" in reason


def test_redis_server_on_path_is_enough_and_without_it_the_reason_says_how_to_get_one() -> None:
    assert redis_server_missing(which_finds("redis-server")) is None
    reason = redis_server_missing(which_finds())
    assert reason is not None
    assert "`apt install redis-server`" in reason


SUITE = """
import pytest

from tests.prerequisites import redis_server_path

@pytest.fixture
def redis_url():
    return redis_server_path()

@pytest.mark.browser
@pytest.mark.parametrize("n", range(3))
def test_in_a_browser(n):
    pass

@pytest.mark.browser
def test_in_a_browser_too():
    pass

@pytest.mark.parametrize("n", range(2))
def test_with_redis(redis_url, n):
    pass

@pytest.mark.redis
def test_marked_redis(request):
    request.getfixturevalue("redis_url")

def test_plain():
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.Pytester:
    """A small suite using this project's hooks, on a machine with neither Chromium nor redis-server."""
    pytester.makeini("[pytest]\naddopts = -ra --strict-markers\nmarkers =\n    browser\n    redis\n")
    pytester.makeconftest("from tests.prerequisites import pytest_collection_finish, pytest_runtest_setup\n")
    pytester.makepyfile(test_suite=SUITE)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("CHROMIUM_PATH", str(empty / "chromium"))
    monkeypatch.delenv("CI", raising=False)
    return pytester


def run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    # In this process, the outer run's Django and Playwright plugins are already busy: the suite needs neither.
    return suite.runpytest_inprocess("-p", "no:django", "-p", "no:playwright", "-p", "no:cacheprovider", *args)


def test_locally_the_browser_and_redis_tests_are_skipped_with_one_line_each(suite: pytest.Pytester) -> None:
    result = run(suite)
    result.assert_outcomes(passed=1, skipped=7)
    skips = [line for line in result.outlines if line.startswith("SKIPPED")]
    assert len(skips) == 2, result.outlines
    chromium = next(line for line in skips if "Chromium" in line)
    assert chromium.startswith("SKIPPED [4] ")
    assert "`apt install chromium`" in chromium
    assert "`uv run playwright install chromium`" in chromium
    redis = next(line for line in skips if "redis-server" in line)
    assert redis.startswith("SKIPPED [3] ")
    assert "`apt install redis-server`" in redis


def test_under_ci_the_browser_and_redis_tests_fail(suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    result = run(suite)
    result.assert_outcomes(passed=1, errors=7)
    result.stdout.fnmatch_lines(["ERROR test_suite.py::test_in_a_browser_too - Failed: CHROMIUM_PATH=* CI must run*"])
    result.stdout.fnmatch_lines(["ERROR test_suite.py::test_marked_redis - Failed: no redis-server on PATH *"])


def test_a_run_without_browser_tests_never_looks_for_a_chromium(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prerequisites, "chromium_missing", lambda environ: pytest.fail("looked for a Chromium"))
    result = run(suite, "-m", "not browser")
    result.assert_outcomes(passed=1, skipped=3, deselected=4)
