"""A reverse proxy (ASGI + httpx) that guards a service written in any language.

``pii-guard proxy --upstream http://127.0.0.1:9000 --policy complaints`` listens on
127.0.0.1 and forwards every request to the upstream *after* PIIGuardMiddleware
has protected it; responses stream back (masked too with ``--response-policy``).
Hop-by-hop headers are dropped, ``X-Forwarded-For``/``-Proto``/``-Host`` are set (the client's
own replaced; its ``X-Forwarded-For`` chain kept, the peer after it), a
redirect to the upstream's own address is turned into one through the proxy, and an
unreachable upstream is a 502 with a fixed body; one that does not answer in time, a 504. Only
a path is forwarded: a request target in authority form (``@host/x``) is refused (400).
The request path goes upstream as the client wrote it (``//api/x`` stays ``//api/x``).
WebSockets are not proxied: an upgrade is declined (HTTP 403), not failed with a 500.
"""

from __future__ import annotations

import http.cookiejar
import json
import logging
from typing import AsyncIterator

import httpx
from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope, Send

logger = logging.getLogger("pii_guard.proxy")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Names of this machine's loopback: an upstream on one of them is named by any of them.
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Response headers that carry a URL the client follows or resolves against.
_LOCATIONS = frozenset({"location", "content-location"})
#: The headers the proxy sets itself (a client's own are not passed on as they came).
_FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host"})
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
     "transfer-encoding", "upgrade", "host", "content-length"}
)


#: How long the upstream may be silent (before its answer, within a stream), in seconds.
DEFAULT_TIMEOUT = 60.0
#: How long connecting to the upstream may take, in seconds: past it, 502 as for a refused connection.
CONNECT_TIMEOUT = 10.0


def _no_cookie_jar() -> http.cookiejar.CookieJar:
    """A cookie jar that keeps nothing: its policy allows no domain."""
    return http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=()))


class ReverseProxy:
    """ASGI app forwarding HTTP requests to ``upstream`` (no WebSockets)."""

    def __init__(self, upstream: str, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        """``timeout``: seconds the upstream may take to start its answer and between two pieces of
        a streamed one (as nginx's ``proxy_read_timeout``); ``None`` waits for ever (an event
        stream quiet for minutes). Connecting takes at most :data:`CONNECT_TIMEOUT` (less when
        ``timeout`` is less)."""
        self.upstream = upstream.rstrip("/")
        try:
            self.upstream_url = httpx.URL(self.upstream)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise ValueError("the upstream must be a URL such as http://127.0.0.1:9000") from None
        if self.upstream_url.scheme not in ("http", "https") or not self.upstream_url.host:
            # "127.0.0.1:9000" reads as a scheme and a path, "ftp://…" httpx cannot send: either
            # would start a proxy that answers every request 502 without asking anyone
            raise ValueError("the upstream must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:9000")
        if "?" in self.upstream or "#" in self.upstream:
            # every request's path would land in its query string (http://host?x=1 + /api → ?x=1/api)
            raise ValueError("the upstream URL cannot have a query string or a fragment")
        try:
            port = self.upstream_url.port
        except (httpx.InvalidURL, ValueError):
            port = -1
        if port is not None and not 0 < port < 65536:
            raise ValueError("the upstream URL's port must be 1 to 65535")
        self.upstream_origin = _origin(self.upstream_url)
        self.upstream_prefix = self.upstream_url.raw_path.decode("ascii").rstrip("/")
        # No cookie jar: httpx keeps the Set-Cookie of every response and sends it with every
        # later request, so one client's session (and whatever personal data a cookie holds) would
        # go upstream with the next client's requests. Cookies pass between each client and the
        # upstream in their own headers, as through any reverse proxy.
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=min(timeout or CONNECT_TIMEOUT, CONNECT_TIMEOUT)),
                                        follow_redirects=False, cookies=_no_cookie_jar())
        # No default headers either: httpx would add its own Accept-Encoding (gzip, deflate) where
        # the client sent none, and the client would get a compressed body it never asked for
        # (and its Accept and User-Agent): the upstream sees the client's headers only.
        for name in list(self.client.headers):  # (assigning headers would merge httpx's defaults back in)
            del self.client.headers[name]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})  # before accepting: the server answers 403
            return
        if scope["type"] != "http":
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]
                   if k.decode("latin-1").lower() not in HOP_BY_HOP and k.lower() not in _FORWARDED]
        # X-Forwarded-For as nginx's $proxy_add_x_forwarded_for writes it: the chain the client
        # sent, and the peer after it unless the server already took the peer from that chain
        # (uvicorn trusts a proxy on 127.0.0.1 and puts the chain's last address in the scope)
        chain = [hop.strip() for v in Headers(scope=scope).getlist("x-forwarded-for") for hop in v.split(",") if hop.strip()]
        client = scope.get("client")
        if client and (not chain or chain[-1] != client[0]):
            chain.append(client[0])
        if chain:
            headers.append(("x-forwarded-for", ", ".join(chain)))
        headers.append(("x-forwarded-proto", scope.get("scheme", "http")))
        host = dict(scope["headers"]).get(b"host")
        if host:
            headers.append(("x-forwarded-host", host.decode("latin-1")))
        # raw_path keeps the client's percent-encoding; the query comes from the scope, where
        # the middleware has already protected it.
        path = (scope.get("raw_path") or scope["path"].encode()).split(b"?", 1)[0].decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        if not path.startswith("/"):
            # an authority or asterisk form ("@other-host/x", "*"): pasted onto the upstream's
            # address it would name another host; only a path is forwarded
            await _error(send, 400, "bad_request_target", "the request target must be a path")
            return
        # The upstream's URL with this path and query put in whole, not a path merged onto a base
        # URL (there "//api/x" reads as a host name and reaches another handler, "/x").
        # (dot segments resolved, as httpx does: /a/../x goes up as /x, the path the middleware
        # chose the policy for; an upstream routing the raw /a/../x to /a could run /a's handler
        # under /x's policy)
        url = self.upstream_url.copy_with(raw_path=(self.upstream_prefix + path + ("?" + query if query else "")).encode("latin-1"))
        request = self.client.build_request(scope["method"], url, headers=headers, content=bytes(body))
        try:
            response = await self.client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout):
            await _error(send, 502, "bad_gateway", "the upstream service could not be reached")
            return
        except httpx.TimeoutException:
            await _error(send, 504, "gateway_timeout", "the upstream service did not answer in time")
            return
        except httpx.HTTPError:
            await _error(send, 502, "bad_gateway", "the upstream service did not answer")
            return
        try:
            out_headers = [(k.encode("latin-1"), self._outside(k, v).encode("latin-1")) for k, v in response.headers.multi_items()
                           if k.lower() not in HOP_BY_HOP - {"content-length"}]
            await send({"type": "http.response.start", "status": response.status_code, "headers": out_headers})
            try:
                async for chunk in _chunks(response):
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except httpx.HTTPError:
                # the upstream stopped mid-answer (silent past the timeout, or gone): the response
                # is left unfinished, so the server drops the connection and the client sees a
                # truncated answer, not one that looks complete
                logger.warning("pii-guard proxy: the upstream stopped answering mid-response; connection dropped")
                return
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()

    def _outside(self, name: str, value: str) -> str:
        """A response header as the client must see it: a redirect to the upstream's own address
        (an app adding a trailing slash answers ``307 http://127.0.0.1:9000/complaints/``) points
        at the same path through the proxy instead, so that the client never talks to the
        unguarded service directly; the upstream's own path prefix, which the proxy adds to
        every request, comes off (``/api/x`` is the proxy's ``/x``)."""
        if name.lower() not in _LOCATIONS:
            return value
        try:
            url = httpx.URL(value)
        except (httpx.InvalidURL, TypeError, ValueError):
            return value
        if url.is_absolute_url and not self._is_upstream(url):
            return value  # somewhere else entirely
        if not url.is_absolute_url and not value.startswith("/"):
            return value  # relative to the current path: the same through the proxy
        path = url.raw_path.decode("ascii")
        prefix = self.upstream_prefix
        if prefix and (path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?")):
            path = path[len(prefix):]
        if not path.startswith("/"):
            path = "/" + path
        return path + ("#" + url.fragment if url.fragment else "")

    def _is_upstream(self, url: httpx.URL) -> bool:
        """Whether an absolute URL names the upstream."""
        return _origin(url) == self.upstream_origin

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _error(send: Send, status: int, code: str, detail: str) -> None:
    """A fixed JSON error: nothing of the request or the upstream's answer in it."""
    payload = json.dumps({"error": code, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` as two URLs of one origin share it: lower case, the default port
    written out, the names of the loopback taken as one."""
    scheme = url.scheme.lower()
    host = url.host.lower()
    return scheme, "127.0.0.1" if host in _LOOPBACK else host, url.port or _DEFAULT_PORTS.get(scheme)


async def _chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in response.aiter_raw():
        if chunk:
            yield chunk
