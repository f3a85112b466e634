"""Compliance scans: where plaintext PII, protected values and masked values sit in stores and exports."""
