"""``redact`` and ``keep``: the two operators without keys."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from pii_guard.keys import Keyring
from pii_guard.operators.base import OperatorConfigError, OperatorContext, check_params


class RedactOperator:
    """Replace the value with fixed text; ``{entity}`` in it names the entity."""

    name: ClassVar[str] = "redact"
    reversible: ClassVar[bool] = False
    uses_outcome: ClassVar[bool] = False

    def __init__(self, replacement: str) -> None:
        self.replacement = replacement

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: Keyring | None = None, family: str | None = None) -> "RedactOperator":
        check_params(params, {"replacement"})
        replacement = params.get("replacement", "[{entity}]")
        if not isinstance(replacement, str):
            raise OperatorConfigError("replacement must be a string")
        if any(ch.isdigit() for ch in replacement):
            raise OperatorConfigError("replacement must not contain digits (it would look like data)")
        return cls(replacement)

    def operate(self, value: str, ctx: OperatorContext) -> str:
        return self.replacement.replace("{entity}", ctx.entity)


class KeepOperator:
    """Leave the value as it is (detect and count only)."""

    name: ClassVar[str] = "keep"
    reversible: ClassVar[bool] = True
    uses_outcome: ClassVar[bool] = False

    @classmethod
    def configure(cls, params: Mapping[str, Any], keyring: Keyring | None = None, family: str | None = None) -> "KeepOperator":
        check_params(params, set())
        return cls()

    def operate(self, value: str, ctx: OperatorContext) -> str:
        return value
