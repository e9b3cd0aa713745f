"""Interpretation of attribution parts: certainty, times, quantities."""
