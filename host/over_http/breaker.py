"""A circuit breaker per remote server: a remote that keeps failing is not asked again for a while.

Without it, every page that holds a slot of a hung remote waits the remote's whole timeout, and a few such
pages tie up every worker: the shop goes down with the remote. With it:

- closed: requests go through; FAILURES consecutive failures (timeouts, refusals, 5xx) open it;
- open: every request fails at once (its slot shows the fallback) for COOLING_SECONDS;
- half-open: then one request, and only one, probes the remote, with a short timeout (a remote that is back
  answers at once); its success closes the breaker, its failure opens it for another cooling period, while the
  others keep failing at once.

Each process has its own breakers (a gunicorn worker finds out for itself that a remote is down). Why not
pybreaker: its `call()` holds one lock for the whole guarded call, so a hung remote would queue every thread of a
process behind the first caller, and its half-open state lets every caller through rather than one probe.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

logger = logging.getLogger("host.breaker")


class State(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpen(Exception):
    """The breaker refused the request: the remote failed too often a moment ago (or is being probed)."""


@dataclass
class CircuitBreaker:
    """The breaker of one remote in this process; thread-safe, and never holds its lock during a request."""

    name: str
    failures_to_open: int
    cooling_seconds: float
    clock: Callable[[], float] = time.monotonic
    state: State = State.CLOSED
    failures: int = 0
    """Consecutive failures while closed."""
    opened_at: float = 0.0
    _probing: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def before_request(self) -> bool:
        """Let a request through, or raise CircuitOpen. True when this request is the probe of a half-open
        breaker (the first caller after the cooling period)."""
        with self._lock:
            if self.state is State.CLOSED:
                return False
            if self.state is State.OPEN:
                if self.clock() - self.opened_at < self.cooling_seconds:
                    raise CircuitOpen(
                        f"{self.name} failed {self.failures_to_open} times in a row; retrying in "
                        f"{self.retry_in():.0f} s."
                    )
                self._move(State.HALF_OPEN)
            if self._probing:
                raise CircuitOpen(f"{self.name} is being probed by another request.")
            self._probing = True
            return True

    def succeeded(self) -> None:
        """The request got an answer: the remote is back (or still fine)."""
        with self._lock:
            self.failures = 0
            self._probing = False
            if self.state is not State.CLOSED:
                self._move(State.CLOSED)

    def failed(self) -> None:
        """The request failed: count it, and open the breaker after enough of them (or after a failed probe)."""
        with self._lock:
            self._probing = False
            self.failures += 1
            if self.state is State.HALF_OPEN or (self.state is State.CLOSED and self.failures >= self.failures_to_open):
                self.opened_at = self.clock()
                self._move(State.OPEN)

    def retry_in(self) -> float:
        """Seconds until an open breaker lets a probe through (0 when it is not open)."""
        if self.state is not State.OPEN:
            return 0.0
        return max(0.0, self.cooling_seconds - (self.clock() - self.opened_at))

    def describe(self) -> str:
        """The state as a person reads it, for the inspector and the logs."""
        if self.state is State.OPEN:
            return f"open: answering with the fallback, probing again in {self.retry_in():.0f} s"
        if self.state is State.HALF_OPEN:
            return "half-open: one request is probing"
        return "closed" if not self.failures else f"closed ({self.failures} failure(s) in a row)"

    def _move(self, state: State) -> None:
        self.state = state
        if state is State.OPEN:
            logger.warning(
                "Remote %r: circuit open after %d failure(s); its slots show their fallback for %.0f s.",
                self.name,
                self.failures,
                self.cooling_seconds,
            )
        elif state is State.HALF_OPEN:
            logger.warning("Remote %r: circuit half-open; one request probes it.", self.name)
        else:
            logger.warning("Remote %r: circuit closed; it answers again.", self.name)
