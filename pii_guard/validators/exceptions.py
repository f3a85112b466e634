"""Validation errors, one class per failure, in python-stdnum's manner.

Every message is fixed text: an exception raised while checking a number never
carries the number, so it can be logged, shown or put into a report safely.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """The value is not a valid number of the expected kind."""

    message = "the number is not valid"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class InvalidFormat(ValidationError):
    """Characters or grouping that the format does not allow."""

    message = "the number has an invalid format"


class InvalidLength(ValidationError):
    """Too few or too many digits."""

    message = "the number has an invalid length"


class InvalidChecksum(ValidationError):
    """The check digit (MOD 11-2, Luhn …) does not match."""

    message = "the number's checksum or check digit does not match"


class InvalidComponent(ValidationError):
    """A part of the number (region, date, segment, area code) is not valid."""

    message = "one of the parts of the number is not valid"
