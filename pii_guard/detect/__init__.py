"""Detection: find Chinese IDs, bank cards, phone numbers and e-mails in text."""

from pii_guard.detect.detector import DEFAULT_THRESHOLD, Detector, Finding
from pii_guard.detect.recognizers import ENV_RECOGNIZERS

__all__ = ["DEFAULT_THRESHOLD", "ENV_RECOGNIZERS", "Detector", "Finding"]
