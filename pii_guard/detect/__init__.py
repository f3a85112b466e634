"""Detection: find Chinese IDs, bank cards, phone numbers and e-mails in text."""

from pii_guard.detect.detector import DEFAULT_THRESHOLD, Detector, Finding

__all__ = ["DEFAULT_THRESHOLD", "Detector", "Finding"]
