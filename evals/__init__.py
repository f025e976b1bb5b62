"""Evaluations: datasets, evaluators, the month generator and replay.

``evals`` drives ``app``; nothing in ``app`` imports it."""
