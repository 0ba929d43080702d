"""The circuit breaker of a remote server (host/over_http/breaker.py), on a clock the test moves."""

import pytest

from host.over_http.breaker import CircuitBreaker, CircuitOpen, State
from tests.helpers import run_concurrently


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def breaker(clock: Clock) -> CircuitBreaker:
    return CircuitBreaker("cart", failures_to_open=3, cooling_seconds=10, clock=clock)


def fail(breaker: CircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.before_request()
        breaker.failed()


def test_it_opens_after_enough_failures_in_a_row_and_a_success_resets_the_count(breaker: CircuitBreaker) -> None:
    fail(breaker, 2)
    breaker.before_request()
    breaker.succeeded()
    fail(breaker, 2)
    assert breaker.state is State.CLOSED
    fail(breaker, 1)
    assert breaker.state is State.OPEN
    with pytest.raises(CircuitOpen, match="failed 3 times in a row; retrying in 10 s"):
        breaker.before_request()


def test_after_cooling_one_request_probes_and_its_success_closes_it(breaker: CircuitBreaker, clock: Clock) -> None:
    fail(breaker, 3)
    clock.now += 10
    breaker.before_request()  # the probe
    assert breaker.state is State.HALF_OPEN
    with pytest.raises(CircuitOpen, match="being probed"):
        breaker.before_request()  # everyone else still gets the fallback at once
    breaker.succeeded()
    assert breaker.state is State.CLOSED
    breaker.before_request()


def test_a_failed_probe_opens_it_for_another_cooling_period(breaker: CircuitBreaker, clock: Clock) -> None:
    fail(breaker, 3)
    clock.now += 10
    fail(breaker, 1)
    assert breaker.state is State.OPEN
    clock.now += 9
    with pytest.raises(CircuitOpen):
        breaker.before_request()
    assert breaker.describe() == "open: answering with the fallback, probing again in 1 s"


def test_of_many_concurrent_requests_after_cooling_exactly_one_probes(breaker: CircuitBreaker, clock: Clock) -> None:
    fail(breaker, 3)
    clock.now += 10

    def attempt() -> bool:
        try:
            breaker.before_request()
        except CircuitOpen:
            return False
        return True

    assert sorted(run_concurrently(20, attempt)) == [False] * 19 + [True]


def test_it_logs_each_change_of_state(breaker: CircuitBreaker, clock: Clock, caplog) -> None:
    fail(breaker, 3)
    clock.now += 10
    breaker.before_request()
    breaker.succeeded()
    assert [record.getMessage() for record in caplog.records] == [
        "Remote 'cart': circuit open after 3 failure(s); its slots show their fallback for 10 s.",
        "Remote 'cart': circuit half-open; one request probes it.",
        "Remote 'cart': circuit closed; it answers again.",
    ]
