"""pii-guard operators as presidio-anonymizer operators (thin adapters).

Register them on Presidio's engines and pass the keyring in the operator
parameters (without one, the keyring that ``PII_GUARD_KEYRING`` or ``PII_GUARD_KEYS`` names)::

    from presidio_anonymizer import AnonymizerEngine, DeanonymizeEngine
    from presidio_anonymizer.entities import OperatorConfig
    from pii_guard.operators.presidio import register

    anonymizer, deanonymizer = AnonymizerEngine(), DeanonymizeEngine()
    register(anonymizer, deanonymizer)
    result = anonymizer.anonymize(text, analyzer_results,
        {"DEFAULT": OperatorConfig("pii_guard_encrypt", {"keyring": keyring})})
    back = deanonymizer.deanonymize(result.text, result.items,
        {"DEFAULT": OperatorConfig("pii_guard_reveal", {"keyring": keyring})})

Presidio builds an operator per entity and calls ``validate`` each time; the
adapters configure the same pii-guard operator classes and add no logic.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar, Dict

from presidio_anonymizer.entities import InvalidParamError
from presidio_anonymizer.operators import Operator, OperatorType

from pii_guard.detect import Detector
from pii_guard.operators import OPERATORS, OperatorConfigError, OperatorContext, configure, reveal_token, tokens
from pii_guard.keys import ENV_KEYRING_DATA, ENV_KEYRING_PATH, Keyring, KeyringError, configured_keyring, keyring_from
from pii_guard.operators.tokens import TokenError

_PRESIDIO_KEYS = {"entity_type", "keyring", "family"}


#: The environment's keyring, loaded once per setting of the two variables (Presidio calls an
#: operator once per entity: a key file read each time would cost more than the encryption).
_ENVIRONMENT_KEYRINGS: dict[tuple[str | None, str | None], Keyring | None] = {}


def _environment_keyring() -> Keyring | None:
    setting = (os.environ.get(ENV_KEYRING_PATH), os.environ.get(ENV_KEYRING_DATA))
    if setting not in _ENVIRONMENT_KEYRINGS:
        try:
            _ENVIRONMENT_KEYRINGS[setting] = configured_keyring()
        except KeyringError as exc:
            raise InvalidParamError(str(exc)) from None
    return _ENVIRONMENT_KEYRINGS[setting]


def _split(params: Dict[str, Any] | None) -> tuple[dict[str, Any], Any, str, str | None]:
    params = dict(params or {})
    keyring = params.pop("keyring", None)
    if keyring is None:
        keyring = _environment_keyring()
    else:
        try:
            keyring = keyring_from(keyring)  # a key file's path is loaded
        except KeyringError as exc:
            raise InvalidParamError(str(exc)) from None
    entity = params.pop("entity_type", "PII")
    family = params.pop("family", None)
    return params, keyring, entity, family


class _PiiGuardOperator(Operator):
    action: ClassVar[str]

    def operate(self, text: str, params: Dict | None = None) -> str:
        own, keyring, entity, family = _split(params)
        operator = configure(self.action, own, keyring, family)
        # Presidio hands over the text and its entity only: what a mask's per-outcome variants
        # need (a landline masked otherwise than a mobile) is the validator's to say, as for a
        # value protected whole (the detector of $PII_GUARD_RECOGNIZERS)
        outcome = Detector.default().outcome(entity, text) if operator.uses_outcome else None
        return operator.operate(text, OperatorContext(entity, outcome=outcome))

    def validate(self, params: Dict | None = None) -> None:
        own, keyring, _entity, family = _split(params)
        try:
            configure(self.action, own, keyring, family)
        except OperatorConfigError as exc:
            raise InvalidParamError(str(exc)) from None

    def operator_name(self) -> str:
        return f"pii_guard_{self.action}"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


def _make(action: str) -> type[_PiiGuardOperator]:
    return type(f"PiiGuard{action.title()}", (_PiiGuardOperator,), {"action": action, "__doc__": f"pii-guard ``{action}``."})


ANONYMIZERS: tuple[type[_PiiGuardOperator], ...] = tuple(_make(action) for action in OPERATORS)


class PiiGuardReveal(Operator):
    """Deanonymizer: the value of a pii-guard ``encrypt``/``tokenize`` token."""

    def operate(self, text: str, params: Dict | None = None) -> str:
        _own, keyring, _entity, _family = _split(params)
        try:
            return reveal_token(tokens.parse(text), keyring)
        except TokenError as exc:
            raise InvalidParamError(str(exc)) from None

    def validate(self, params: Dict | None = None) -> None:
        _own, keyring, _entity, _family = _split(params)
        if keyring is None:
            raise InvalidParamError("pii_guard_reveal needs a 'keyring' parameter, or PII_GUARD_KEYRING or PII_GUARD_KEYS set")

    def operator_name(self) -> str:
        return "pii_guard_reveal"

    def operator_type(self) -> OperatorType:
        return OperatorType.Deanonymize


def register(anonymizer: Any = None, deanonymizer: Any = None) -> None:
    """Add the pii-guard operators to Presidio engines."""
    if anonymizer is not None:
        for cls in ANONYMIZERS:
            anonymizer.add_anonymizer(cls)
    if deanonymizer is not None:
        deanonymizer.add_deanonymizer(PiiGuardReveal)
