"""The entity names pii-guard reports: the one module that spells them.

Names follow Presidio's convention (upper snake case) so findings can be handed
to ``presidio-anonymizer`` unchanged. Recognizer files under ``recognizers/``
declare which of these they produce; the loader rejects any other spelling
unless the file opts in to a custom entity with ``custom: true``.
"""

from __future__ import annotations

CN_RESIDENT_ID = "CN_RESIDENT_ID"
CN_BANK_CARD = "CN_BANK_CARD"
CN_PHONE_NUMBER = "CN_PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"

BUILTIN_ENTITIES: frozenset[str] = frozenset(
    {CN_RESIDENT_ID, CN_BANK_CARD, CN_PHONE_NUMBER, EMAIL_ADDRESS}
)
