"""Deterministic understanding: intents by nearest labelled exemplars plus rules, and slots."""
