"""Evaluations: datasets, evaluators, the month generator and replay. Drives app/, never imported by it."""
