"""The complaint-intake app (Starlette), meant to run behind PIIGuardMiddleware.

* ``POST /complaints`` stores the JSON complaint as received — the middleware
  has already encrypted every ID, card and phone number — and logs it.
* ``GET /complaints/{id}`` returns it **masked** (display policy) by default.
  With ``?reveal=true``, a caller whose bearer token belongs to an authorised
  handler and who states a purpose (``X-Purpose``) gets the plaintext back,
  and the reveal is appended to the audit log. Everyone else gets 403.
* ``GET /health``; ``GET /metrics`` (the middleware's counters, Prometheus text).

:func:`build` wires app, store, middleware and log filter together; the
``pii-guard intake`` command runs it under uvicorn.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route as HttpRoute

from pii_guard import audit
from pii_guard.guard import Guard, RevealError, Stats
from pii_guard.keys import Keyring
from pii_guard.metrics import Metrics
from pii_guard.middleware import TOKENS_IN_REQUEST, PIIGuardMiddleware
from pii_guard.service.store import Store, open_store

log = logging.getLogger("pii_guard.intake")


@dataclass
class IntakeConfig:
    database: str = "sqlite:///.pii-guard/complaints.db"
    #: bearer token → handler name; only these callers may reveal
    handlers: Mapping[str, str] = field(default_factory=dict)
    audit_log: str | Path = ".pii-guard/intake-audit.jsonl"
    policy: str | Path = "complaints"


def create_app(store: Store, keyring: Keyring, config: IntakeConfig, metrics: Metrics) -> Starlette:
    """The bare app (no middleware): storage, masked reads, audited reveals."""
    revealer = Guard("audit", keyring)
    display = Guard("display", keyring)
    refusals: dict[str, list[float]] = {}  # client address -> times of its refused reveals in the window

    async def post_complaint(request: Request) -> Response:
        raw = await request.body()
        media, _, _params = request.headers.get("content-type", "").partition(";")
        if media.strip().lower() != "application/json":
            return JSONResponse({"error": "unsupported_media_type", "detail": "send application/json"}, status_code=415)
        try:
            # Read as the guard inspected it, never otherwise: JSON bytes as json.loads reads them
            # (UTF-8, 16 or 32 by the byte-order mark or the NUL bytes, whatever the header
            # declares), so that no body reaches storage as text the guard never saw.
            text = raw.decode(json.detect_encoding(raw))
        except (LookupError, UnicodeDecodeError):
            return JSONResponse({"error": "invalid_text", "detail": "the body is not text in its declared charset"}, status_code=400)
        text = text.removeprefix("\ufeff")
        try:
            doc = json.loads(text, parse_constant=_reject_constant)  # NaN, Infinity: not JSON, never sent back as JSON
        except ValueError:
            return JSONResponse({"error": "invalid_json"}, status_code=400)
        if not isinstance(doc, dict):
            return JSONResponse({"error": "expected a JSON object"}, status_code=400)
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate escape (\ud800): not text, never readable back
            return JSONResponse({"error": "invalid_text", "detail": "a string holds a lone surrogate escape"}, status_code=400)
        sent = request.scope.get("state", {}).get(TOKENS_IN_REQUEST)
        if sent:
            # A client holds no token: the guard makes them from what the client sends. A token
            # sent in is another complaint's value (copied from a stored row, a log, an export)
            # that a handler revealing this complaint would see as this customer's; or one made
            # up, or of another format version, that no handler could ever read back.
            log.warning("refused a complaint holding %d pii-guard token(s) from the client", sent)
            return JSONResponse({"error": "token_in_request",
                                 "detail": "a complaint may not carry pii-guard tokens; send the values themselves"},
                                status_code=400)
        try:
            # Without the middleware's count (the app run without it), every token must be ours:
            # token-shaped text a client made up would make the complaint unreadable later.
            if sent is None:
                await anyio.to_thread.run_sync(revealer.reveal_document, doc)
        except RevealError:
            return JSONResponse({"error": "unverifiable_token",
                                 "detail": "the complaint holds token-shaped text that is not a valid pii-guard token"},
                                status_code=400)
        complaint_id = await anyio.to_thread.run_sync(store.add, text)
        log.info("complaint %s stored: %s", complaint_id, doc.get("text", ""))
        return JSONResponse({"id": complaint_id}, status_code=201)

    async def get_complaint(request: Request) -> Response:
        try:
            complaint_id = int(request.path_params["complaint_id"])
        except ValueError:
            return JSONResponse({"error": "not_found"}, status_code=404)
        if not 0 < complaint_id <= _LARGEST_ID:  # past what SQLite and PostgreSQL store: no such row
            return JSONResponse({"error": "not_found"}, status_code=404)
        row = await anyio.to_thread.run_sync(store.get, complaint_id)
        if row is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        _id, received_at, payload = row
        doc = json.loads(payload)
        reveal = request.query_params.get("reveal", "").lower() in ("1", "true", "yes")
        handler = _handler(request, config.handlers)
        if reveal:
            purpose = _header_text(request.headers.get("x-purpose", "")).strip()
            if handler is None or not purpose:
                client = request.client.host if request.client else ""
                if _throttled(refusals, client, time.monotonic()):
                    # past the limit a refused attempt is answered, not recorded one by one: a
                    # client cannot fill the audit log (and the disk) with attempts
                    return JSONResponse({"error": "too_many_refused_reveals"}, status_code=429,
                                        headers={**_NO_STORE, "retry-after": str(int(_REFUSAL_WINDOW))})
                log.warning("refused reveal of complaint %s (handler authorised: %s)", complaint_id, handler is not None)
                # a refused attempt is on the record too: who tried, for which complaint, and why not
                audit.append(config.audit_log, {"event": "reveal_refused", "actor": handler, "complaint": complaint_id,
                                                "client": request.client.host if request.client else None,
                                                "reason": "no authorised handler" if handler is None else "no purpose"}, keyring)
                return JSONResponse({"error": "forbidden", "detail": "reveal needs an authorised handler and an X-Purpose header"},
                                    status_code=403, headers=_NO_STORE)
        stats = Stats()
        try:
            if reveal:
                # the audit record comes first: a reveal that cannot be recorded does not happen
                audit.append(config.audit_log, {"event": "reveal", "actor": handler, "purpose": purpose,
                                                "complaint": complaint_id}, keyring)
                body = revealer.reveal_document(doc, stats)
                audit.append(config.audit_log, {"event": "reveal_done", "actor": handler, "complaint": complaint_id,
                                                **{k: v for k, v in stats.as_dict().items() if k == "revealed"}}, keyring)
                log.info("complaint %s revealed to %s", complaint_id, handler)
            else:
                # Masked per token, by the entity in its header: a malformed number that was
                # protected whole is masked too, not shown because the detector misses it.
                body = revealer.mask_document(doc, display)
        except RevealError as exc:
            log.error("complaint %s does not reveal: %s", complaint_id, exc)
            if reveal:  # the record says the reveal it opened did not happen
                audit.append(config.audit_log, {"event": "reveal_failed", "actor": handler, "complaint": complaint_id,
                                                "reason": "a token does not reveal"}, keyring)
            return JSONResponse({"error": "unrevealable"}, status_code=500)
        # a complaint, masked or revealed, is kept by no cache between the service and the handler
        return JSONResponse({"id": complaint_id, "received_at": received_at, "complaint": body, "revealed": reveal},
                            headers=_NO_STORE)

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok")

    async def metrics_endpoint(_request: Request) -> Response:
        return PlainTextResponse(metrics.prometheus())

    return Starlette(routes=[
        HttpRoute("/complaints", post_complaint, methods=["POST"]),
        HttpRoute("/complaints/{complaint_id}", get_complaint, methods=["GET"]),
        HttpRoute("/health", health),
        HttpRoute("/metrics", metrics_endpoint),
    ])


_NO_STORE = {"cache-control": "no-store"}
#: The largest id a complaint can have: a signed 64-bit integer (SQLite's INTEGER PRIMARY KEY,
#: PostgreSQL's BIGSERIAL); a larger one in a URL is no complaint (not a 500 from the driver).
_LARGEST_ID = (1 << 63) - 1
#: Refused reveal attempts one client may make per window before it gets 429 (each is audited).
_REFUSALS_PER_WINDOW = 10
_REFUSAL_WINDOW = 60.0
#: Clients tracked at most (the oldest forgotten first): memory bounded under many addresses.
_TRACKED_CLIENTS = 4096


def _throttled(refusals: dict[str, list[float]], client: str, now: float) -> bool:
    """Record one refused reveal of ``client`` at ``now``; whether it is past the limit."""
    times = [t for t in refusals.pop(client, []) if now - t < _REFUSAL_WINDOW]
    if len(refusals) >= _TRACKED_CLIENTS:
        refusals.pop(next(iter(refusals)))
    refusals[client] = times  # re-inserted: the dict keeps clients in the order they last tried
    if len(times) >= _REFUSALS_PER_WINDOW:
        return True
    times.append(now)
    return False


def _header_text(value: str) -> str:
    """A header value as the client wrote it: Starlette reads header bytes as Latin-1, so a purpose
    typed in Chinese (UTF-8 on the wire) is decoded again as UTF-8 where it is that."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _handler(request: Request, handlers: Mapping[str, str]) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    for known, name in handlers.items():
        if hmac.compare_digest(known.encode(), token.strip().encode()):
            return name
    return None


def build(keyring: Keyring, config: IntakeConfig) -> tuple[PIIGuardMiddleware, Store]:
    """The guarded app and its store."""
    store = open_store(config.database)
    metrics = Metrics()
    app = create_app(store, keyring, config, metrics)
    return PIIGuardMiddleware(app, policy=config.policy, keyring=keyring, metrics=metrics), store
