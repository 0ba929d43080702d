"""A path converter for database ids: whole numbers that fit the database, so a huge one is a 404, not a 500."""

from config.ids import ID_PATTERN, MAX_ID


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("too large for an id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
