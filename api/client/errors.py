"""The typed errors the shared API client raises, so an app can render each kind of failure."""

from typing import Any


class ApiError(Exception):
    """The API answered with an error, or could not be reached."""

    def __init__(self, message: str, *, status_code: int | None = None, payload: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.payload = payload


class ApiBadRequest(ApiError):
    """The API refused the request (a 4xx other than 404); `payload` holds its field errors."""


class ApiNotFound(ApiError):
    """The API has no such resource (404)."""


class ApiServerError(ApiError):
    """The API failed (5xx)."""


class ApiUnavailable(ApiError):
    """The API could not be reached in time (timeout or connection error)."""


class SessionExpired(ApiError):
    """The visitor's login could not be renewed: they must log in again (their account keeps its bag)."""

    def __init__(self, message: str = "Your session has expired. Please log in again.") -> None:
        super().__init__(message, status_code=401)
