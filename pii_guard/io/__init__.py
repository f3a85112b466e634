"""Readers and writers for the formats pii-guard protects (JSON text now; CSV, Parquet … later)."""
