"""The two apps the middleware benchmark compares: bare, and the same app wrapped."""

from __future__ import annotations

import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def complaints(request: Request) -> JSONResponse:
    doc = json.loads(await request.body())
    return JSONResponse({"ok": True, "fields": len(doc)}, status_code=201)


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


bare_app = Starlette(routes=[Route("/complaints", complaints, methods=["POST"]), Route("/health", health)])


def guarded() -> object:
    """The same app behind PIIGuardMiddleware (keys from $PII_GUARD_KEYRING)."""
    from pii_guard import PIIGuardMiddleware

    return PIIGuardMiddleware(Starlette(routes=bare_app.routes), policy="complaints")


def _intake(wrapped: bool) -> object:
    """The bundled complaint-intake service (SQLite in WAL mode at $BENCH_DB, a row per complaint)."""
    import os

    from pii_guard.keys import configured_keyring
    from pii_guard.metrics import Metrics
    from pii_guard.middleware import PIIGuardMiddleware
    from pii_guard.service.app import IntakeConfig, create_app
    from pii_guard.service.store import open_store

    keyring = configured_keyring()
    config = IntakeConfig(database=f"sqlite:///{os.environ['BENCH_DB']}")
    metrics = Metrics()
    app = create_app(open_store(config.database), keyring, config, metrics)
    return PIIGuardMiddleware(app, policy=config.policy, keyring=keyring, metrics=metrics) if wrapped else app


def intake_bare() -> object:
    """The intake service without the middleware: what it costs to parse and store a complaint."""
    return _intake(wrapped=False)


def intake_guarded() -> object:
    """The same intake service behind PIIGuardMiddleware (complaints policy: encrypt)."""
    return _intake(wrapped=True)
