"""Entry point for uvicorn (``--factory``), so that several workers can each build the app."""

from __future__ import annotations

from fastapi import FastAPI

from app.api.main import create_app
from app.settings import Settings


def make_app() -> FastAPI:
    return create_app(Settings())
