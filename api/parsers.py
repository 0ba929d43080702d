"""Request body parsers of the API."""

from collections.abc import Mapping
from typing import IO, Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with JSON nested too deeply for Python's decoder refused as a bad request.

    `json.loads` raises RecursionError (not ValueError) on arrays or objects nested a few thousand deep, which
    DRF does not catch: a 200-byte body would be a server error on every endpoint that reads JSON.
    """

    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the data is nested too deeply.") from None
