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
