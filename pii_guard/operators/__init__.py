"""Operators that transform a detected value (mask now; encrypt, tokenize, … next)."""
