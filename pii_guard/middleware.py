"""PIIGuardMiddleware: protect request payloads before the app sees them (pure ASGI).

Shaped like Starlette's own middleware (``gzip.py``, ``body_limit.py``): the
class only holds configuration, compiled once in ``__init__`` (policies,
route patterns, limits); each request gets a fresh :class:`_Request` that
reads the body under a size cap, undoes ``Content-Encoding`` with a
decompression-bomb limit, protects query string and body by content type and
hands the app a ``receive`` that replays the new body with a corrected
``Content-Length``. A body in which nothing is found reaches the app
byte-exact. Non-HTTP scopes (``websocket``, ``lifespan``) pass straight
through.

It fails closed: a body that is too large (413), cannot be decoded or parsed
(400), or uses an unsupported encoding or media type (415) never reaches the
app in plaintext — unless the policy says ``uninspectable: protect``, in
which case the raw text is scanned and protected as plain text. Refusals are
small fixed JSON bodies that echo nothing from the request.

Optionally responses are scrubbed too (``response_policy``, e.g. the display
policy): whole bodies up to a limit, and streaming bodies piece by piece
with the digits at a piece's end held back until the next piece.
"""

from __future__ import annotations

import asyncio
import bisect
import codecs
import functools
import fnmatch
import json
import posixpath
import re
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Final, Iterable, Sequence
from urllib.parse import unquote_to_bytes

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pii_guard import events
from pii_guard.detect.detector import CUT_AVOIDS, NUMBER_CHARS
from pii_guard.edits import apply_edits
from pii_guard.guard import Guard, PIIInNameError, Stats, masked_name
from pii_guard.io import jsontext, urlencoded
from pii_guard.io.encodings import UNDECODABLE, wide_codec
from pii_guard.keys import Keyring, configured_keyring
from pii_guard.metrics import Metrics
from pii_guard.normalise import CHECK_X, CHINESE_NUMERALS, fold
from pii_guard.policy import Policy
from pii_guard.settings import Limits
from pii_guard.walk import DepthError, child

__all__ = ["PIIGuardMiddleware", "Route", "Metrics", "Limits"]


@dataclass(frozen=True)
class Route:
    """A policy for requests whose path matches ``path`` (a glob: ``/api/complaints*``).

    ``methods`` limits the route to some methods; ``ignore=True`` lets matching
    requests through uninspected (health checks). The first matching route wins.
    """

    path: str
    policy: str | Path | Policy | None = None
    methods: Sequence[str] | None = None
    ignore: bool = False


class _Refusal(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        self.status, self.code, self.detail = status, code, detail


class PIIGuardMiddleware:
    """Protect requests by policy; see the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        policy: str | Path | Policy | Guard = "complaints",
        keyring: Keyring | str | Path | None = None,
        *,
        routes: Iterable[Route] = (),
        ignore_paths: Iterable[str] = ("/health", "/healthz", "/metrics"),
        response_policy: str | Path | Policy | Guard | None = None,
        limits: Limits = Limits(),
        metrics: Metrics | None = None,
        file_parts: str = "scan",
    ) -> None:
        self.app = app
        self.limits = limits
        self.metrics = metrics if metrics is not None else Metrics()
        if file_parts not in ("scan", "keep", "reject"):
            raise ValueError("file_parts must be 'scan', 'keep' or 'reject'")
        self.file_parts = file_parts
        ring = policy.keyring if isinstance(policy, Guard) else (
            keyring if isinstance(keyring, Keyring) else configured_keyring(keyring))
        self._guards: dict[int, Guard] = {}
        self.guard = self._make_guard(policy, ring)
        self.routes: list[tuple[re.Pattern[str], frozenset[str] | None, Guard | None]] = []
        for path in ignore_paths:
            self.routes.append((re.compile(fnmatch.translate(path)), None, None))
        for route in routes:
            guard = None if route.ignore else self._make_guard(route.policy or policy, ring)
            methods = frozenset(m.upper() for m in route.methods) if route.methods else None
            self.routes.append((re.compile(fnmatch.translate(route.path)), methods, guard))
        self.response_guard = self._make_guard(response_policy, ring) if response_policy is not None else None

    def _make_guard(self, policy: str | Path | Policy | Guard, keyring: Keyring | None) -> Guard:
        if isinstance(policy, Guard):
            return policy
        guard = Guard(policy, keyring, max_depth=self.limits.max_json_depth)
        return guard

    def route(self, method: str, path: str, root_path: str = "") -> Guard | None:
        """The guard for a request, or ``None`` when it is not inspected.

        Rules match the path the app routes: under a ``root_path`` (``uvicorn --root-path /bank``
        behind a proxy that strips a prefix) the ASGI path holds it (``/bank/api/complaints``)
        and Starlette routes what follows it, so a rule is tried on both; one written with the
        prefix matches too.

        The path is normalised first (``/public/../api`` is ``/api``), so dot segments cannot
        reach an inspected route through an ignored one; and an ignored route exempts a request
        only when its path is written as the rule says (no dot segments, ``;`` or backslashes),
        since the app may route the raw path (``/complaints/../health``) to an inspected handler.
        """
        paths = [path]
        if root_path and path.startswith(root_path) and path[len(root_path) : len(root_path) + 1] in ("/", ""):
            paths.insert(0, path[len(root_path) :] or "/")  # as Starlette's get_route_path cuts it
        written = [(raw, _normalised(raw)) for raw in paths]
        for pattern, methods, guard in self.routes:
            if methods is not None and method not in methods:
                continue
            for raw, normal in written:
                if pattern.match(normal):
                    if guard is None and (raw != normal or ";" in raw or "\\" in raw):
                        # An ignored path is an exemption, taken only as written: the app may route the
                        # raw path (/complaints/../health, /internal/..;/api) to an inspected handler.
                        continue
                    return guard
        return self.guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        guard = self.route(scope["method"], scope["path"], scope.get("root_path", ""))
        if guard is None:
            if scope.get("query_string"):
                # an ignored path's body goes uninspected (a health check's, a metrics scrape's),
                # but a query string on it is protected still: an app with a catch-all route
                # would hand /metrics?card=… to a handler as any other request
                await _Request(self, self.guard).query_only(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        await _Request(self, guard).run(scope, receive, send)


def _normalised(path: str) -> str:
    """``path`` with its dot segments resolved and duplicate slashes folded, a trailing slash kept."""
    if not path:
        return "/"
    normal = posixpath.normpath("/" + path.lstrip("/"))
    return normal + "/" if path.endswith("/") and normal != "/" else normal


#: Request headers dropped where responses are masked: the response must come whole and as it is
#: (a byte range or a compressed body cannot be masked).
_WHOLE_RESPONSE_HEADERS = frozenset({b"accept-encoding", b"range", b"if-range"})
#: Response statuses that carry no body (RFC 9110): their headers pass untouched.
_BODILESS = frozenset({100, 101, 102, 103, 204, 304})
#: Charsets the guard and any app decode alike (RFC 8259 allows only UTF-8/16/32 for JSON).
_CHARSETS = frozenset({"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be",
                       "gb18030", "gbk", "gb2312", "big5", "us-ascii", "ascii", "iso-8859-1", "latin-1"})
#: The same by the names of their codecs, which every alias of one resolves to (cp936 and ms936 are
#: GBK, euc-cn is GB2312, utf8 is UTF-8).
_CODECS = frozenset(codecs.lookup(name).name for name in _CHARSETS)
#: An XML document that declares its own entities (<!DOCTYPE r [<!ENTITY x "138">]>…&x;12345678):
#: its parser puts their text where they are used, which no reading of the raw text sees, so it is
#: refused (a document type declaration of entities is also how XXE and "billion laughs" attacks come).
_XML_ENTITY_DECLARATION = "<!ENTITY"


def _refuse_xml_entities(text: str) -> None:
    """Raise :class:`_Refusal` where a request's ``text`` declares XML entities (see
    :data:`_XML_ENTITY_DECLARATION`)."""
    if _XML_ENTITY_DECLARATION in text and "<!DOCTYPE" in text:
        raise _Refusal(400, "xml_entities", "an XML document that declares entities cannot be inspected")


#: Request bodies read as text besides text/*: XML of every kind (SOAP 1.2's application/soap+xml,
#: XHTML, Atom), CSV, YAML and line-delimited JSON.
_REQUEST_TEXTUAL = re.compile(r"^(text/[-\w.+]+|application/([-\w.]+\+)?xml|application/(x-)?csv|application/(x-)?yaml|"
                              r"application/(x-)?ndjson|application/jsonl|application/(x-)?json-?lines)$")
#: The encoding an XML document declares in its first line (<?xml version="1.0" encoding="GBK"?>),
#: which governs where the media type names no charset (RFC 7303, 3.2 and 3.3).
_XML_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]{0,200}?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
_TEXTUAL = re.compile(r"^(text/[-\w.+]+|application/([-\w.]+\+)?json|application/(x-)?ndjson|application/xml|application/javascript)$")
#: What a response may carry as text besides the above: exports (CSV, often labelled as Excel),
#: XHTML and SOAP, form data, old JavaScript types. Masked like text, never passed blind.
_RESPONSE_TEXTUAL = re.compile(r"^(application/([-\w.]+\+)?xml|application/(x-)?csv|application/vnd\.ms-excel|"
                               r"application/x-www-form-urlencoded|application/(x-)?javascript|application/x-ndjson|"
                               r"application/jsonl|application/(x-)?json-?lines|application/json-seq|application/ndjson)$")
#: Types that are binary files by nature: one compressed with an encoding the guard cannot decode
#: (br, zstd) passes, as it did before the guard (sniffed like any other type where it can be read).
_BINARY_TYPES = re.compile(r"^(image/(?!svg)[-\w.+]+|audio/[-\w.+]+|video/[-\w.+]+|font/[-\w.+]+|"
                           r"application/(wasm|zip|gzip|x-gzip|pdf|x-7z-compressed|vnd\.rar|x-tar|x-bzip2|x-xz|zstd))$")


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


#: Signatures of binary downloads (images, PDF, archives and the office formats built on ZIP,
#: compressed streams): these pass unchanged, nothing a text reader could mask.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ",
                 b"7z\xbc\xaf", b"Rar!", b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0", b"BM")
#: Byte-order marks and the codec of each, byte order included: decoding with it keeps the mark as
#: U+FEFF, so the body encodes back byte for byte.
_TEXT_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
              (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _bom_charset(body: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``body`` names, or ``None``."""
    for bom, charset in _TEXT_BOMS:
        if body.startswith(bom):
            return charset
    return None


class _Ambiguous(ValueError):
    """A text body whose encoding the guard and the app may read differently."""


def _text_charset(body: bytes, declared: str | None, guard: Guard) -> str:
    """The codec a text body (a request, a multipart part, a response) is read with, byte order
    included; raises :class:`_Ambiguous` where the app or a browser may read it otherwise, and
    the caller refuses.

    A byte-order mark decides where the label agrees with it or is missing. Where they disagree
    (``charset=utf-16be`` before a little-endian mark), or a label says UTF-16 or UTF-32 with no
    mark and no NUL bytes to tell the order by, readers differ (browsers and .NET follow the mark,
    others the label; RFC 2781 reads big-endian, Python and Windows little-endian).

    Text in any other charset holds no NUL byte. Where one does, a reader may skip it and see a
    number the detector, reading a NUL between every two digits, would not: UTF-16 sent without
    a mark (its bytes decode as UTF-8 too), or a number with NULs put into it. Bytes whose NULs
    fall as UTF-16's do are read as UTF-16, so that its numbers are protected for a reader of
    either kind, unless their UTF-8 reading holds a number with no NUL in it (a UTF-16 head on a
    UTF-8 body); any other NUL is ambiguous."""
    try:
        label = codecs.lookup(declared).name if declared else None
    except LookupError:  # a response's unknown charset: read as the caller falls back
        label = declared.lower() if declared else None
    bom = _bom_charset(body)
    if bom is not None:
        if label is None or label == bom or (label in ("utf-16", "utf-32") and bom.startswith(label)):
            return _narrow_reading_agrees(body, bom, guard, declared) if _wide(bom) else bom
        raise _Ambiguous(declared)
    wide = wide_codec(body)
    if label in ("utf-16", "utf-32"):
        if wide is not None and label == "utf-16":
            return _narrow_reading_agrees(body, wide, guard, declared)
        raise _Ambiguous(declared)
    if label is not None and label.startswith(("utf-16", "utf-32")):
        # the order named, no mark: read as named, unless the other order reads a number (the
        # bytes of a little-endian client under charset=utf-16be: a reader that sniffs the NULs, or
        # drops them, sees digits the named order reads as U+3100, U+3300 …)
        other = _OTHER_ORDER.get(label)
        if other is not None and (wide not in (None, label) or guard.findings(body.decode(other, "replace"))):
            raise _Ambiguous(declared)
        return _narrow_reading_agrees(body, label, guard, declared)
    if b"\x00" not in body:
        return label or "utf-8"
    if wide is None or label not in (None, "utf-8", "ascii"):
        raise _Ambiguous(declared)
    return _narrow_reading_agrees(body, wide, guard, declared)


def _narrow_reading_agrees(body: bytes, wide: str, guard: Guard, declared: str | None) -> str:
    """``wide`` (UTF-16 or UTF-32, by a mark, a label or the NULs), unless the bytes' UTF-8
    reading holds a number with no NUL between its digits; then raises :class:`_Ambiguous`.

    UTF-16's own digits stand a NUL apart in that reading, and the UTF-16 reading protects them.
    Digits with none are ASCII text that a mark or a label only calls UTF-16 (``\\xff\\xfe`` before
    a UTF-8 body, ``charset=utf-16le`` on ASCII bytes): read as UTF-16 they are CJK characters
    with no digit in them, while an app or a log that ignores the mark or the label, or sniffs
    the bytes, reads the number."""
    reading = body.decode("utf-8", "replace")
    if any(_ADJACENT_DIGITS.search(reading, f.start, f.end) is not None or _hidden_digits(reading[f.start : f.end])
           for f in guard.findings(reading)):
        raise _Ambiguous(declared)  # (full-width digits or numerals are never UTF-16's own either)
    return wide


#: Two digits with no NUL between them: not UTF-16's or UTF-32's own (every digit of theirs is a
#: code unit apart, a NUL between), but ASCII a mark or a label calls wide, one NUL put into a
#: number or not (138\x0012345678 reads as the mobile to a reader that skips the NUL).
_ADJACENT_DIGITS = re.compile("[0-9][^0-9\x00]*[0-9]")


#: The other byte order of each UTF-16 and UTF-32 codec that names one.
_OTHER_ORDER: Final = {"utf-16-le": "utf-16-be", "utf-16-be": "utf-16-le", "utf-32-le": "utf-32-be", "utf-32-be": "utf-32-le"}


def _code_unit(charset: str) -> int:
    """How many bytes a code unit of ``charset`` takes: 2 in UTF-16, 4 in UTF-32, else 1."""
    name = _codec(charset)
    return 4 if name.startswith("utf-32") else 2 if name.startswith("utf-16") else 1


def _wide(charset: str) -> bool:
    """Whether ``charset`` is UTF-16 or UTF-32."""
    return charset.replace("_", "-").lower().startswith(("utf-16", "utf-32"))


def _decode_errors(charset: str) -> str:
    """How to decode text in ``charset`` so that it encodes back byte for byte: bytes that do not
    decode are kept as lone surrogates (``surrogateescape``); in UTF-16 and UTF-32, whose codecs
    cannot encode those back, a lone surrogate code unit is read as itself (``surrogatepass``, as
    ``json.loads`` reads JSON bytes), and anything else that does not decode is refused."""
    return "surrogatepass" if _wide(charset) else "surrogateescape"


def _json_charset(body: bytes) -> str:
    """The codec JSON ``body`` is in, as ``json.loads`` finds it for bytes (RFC 8259: UTF-8, 16 or
    32, told apart by a byte-order mark or by where the NUL bytes of the first characters fall).

    Starlette's ``request.json()``, httpx's ``response.json()`` and most Python code read JSON
    bytes this way whatever charset the header declares, so the guard reads them the same way:
    a UTF-16 body inspected as UTF-8 would show the guard no digits and the app all of them."""
    return _bom_charset(body) or json.detect_encoding(body)


def _opens_like_json(body: bytes) -> bool:
    """Whether ``body`` opens with ``{`` or ``[`` (after white space and a byte-order mark) in the
    codec JSON parsers find for it (:func:`_json_charset`): UTF-16 and UTF-32 too, which a JSON
    reader of bytes decodes by their mark or their NULs whatever the label."""
    charset = _json_charset(body)
    head = body[:256]
    if charset == "utf-8":
        return head.lstrip(b" \t\r\n\xef\xbb\xbf")[:1] in (b"{", b"[")
    return _text_opens_like_json(head[: len(head) - len(head) % 4].decode(charset, "ignore"))


def _text_opens_like_json(text: str) -> bool:
    """Whether ``text`` opens with ``{`` or ``[`` after white space and a byte-order mark."""
    return text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[")


def _json_bearing(media: str) -> bool:
    """JSON, or JSON lines (each line a document of its own)."""
    return _is_json(media) or media in _LINE_STREAMS


def _gb18030_hides(body: bytes, guard: Guard | None) -> bool:
    """Whether the UTF-8 reading of ``body`` — a response labelled UTF-8 that is read as GB18030
    because its bytes are no UTF-8 — shows a number the GB18030 reading does not: a browser
    follows the label, so a full-width UTF-8 mobile after one stray byte (``caf\\xe9``), or digits a
    four-byte GB18030 character takes in (``\\x81 9 \\x81`` and a mobile), reach it unmasked."""
    return _shows_more(body, guard, "utf-8", "gb18030")


def _shows_more(body: bytes, guard: Guard | None, shown_in: str, read_in: str, hidden_only: bool = False) -> bool:
    """Whether the ``shown_in`` reading of ``body`` shows a number its ``read_in`` reading (the one
    the guard masks) does not. ``hidden_only``: count only numbers with a digit that is no ASCII
    digit (a full-width one the other charset's bytes make), or that touch a four-byte GB18030
    character (:func:`_four_byte_places`: it takes two ASCII digits in): other ASCII digits are
    the same bytes in either reading, and the reading the guard masks has their words, which
    mojibake has not."""
    assert guard is not None
    label = body.decode(shown_in, "replace")
    # ASCII digits a four-byte GB18030 character takes in are not the same in both readings
    places = _four_byte_places(body, read_in) if hidden_only and _codec(shown_in) == "utf-8" else []
    shown = Counter(_digits_of(label[f.start : f.end]) for f in guard.findings(label)
                    if not hidden_only or _hidden_digits(label[f.start : f.end]) or _touches(places, f.start, f.end))
    if not shown:
        return False
    read = body.decode(read_in, "replace")
    # counted, not a set: a number written twice, once in ASCII digits both readings see, once
    # in full-width UTF-8 digits only the label's sees, is still hidden once
    return bool(shown - Counter(_digits_of(read[f.start : f.end]) for f in guard.findings(read)))


#: A byte that is no ASCII.
_NON_ASCII: Final = re.compile(b"[\\x80-\\xff]")
#: How many CJK characters in UTF-8 a stream under a multi-byte label other than UTF-8 shows
#: before it is read as UTF-8 (see _ResponseScrubber._utf8_told), and how many bytes are held at most.
_UTF8_EVIDENCE: Final = 4
_UTF8_EVIDENCE_BYTES: Final = 4096
#: Charsets whose decoders hold a state across what they read (shifts between 7-bit sets).
_STATEFUL_CODECS: Final = re.compile("utf-7|hz|iso2022")
#: A byte after which a character begins in every charset the guard reads (ASCII punctuation and
#: controls: never a trail byte of GBK, Big5 or Shift_JIS, nor a digit of a GB18030 character).
_CHARACTER_EDGE: Final = re.compile(b"[\\x00-\\x2f\\x3a-\\x3f]")

#: How many bytes of a stream read in another charset than its label's are read again with the next
#: chunk: a number with its separators and its word, in four-byte characters at most.
_CHECK_TAIL_BYTES = 96
#: How far before those bytes the tail may begin, at a character's edge.
_CHECK_TAIL_REACH = 512


def _check_tail(window: bytes) -> bytes:
    """At least the last :data:`_CHECK_TAIL_BYTES` of ``window``, from just after the last byte
    before them where a character ends in every charset (else as cut): a tail cut inside a GBK
    character would read its trail byte as the first of another, and every character after it
    otherwise. (Not from an edge inside them: a hyphen or a space in a number is one, and the
    number cut by the chunk's edge must be read whole.)"""
    if len(window) <= _CHECK_TAIL_BYTES:
        return window
    mark = start = len(window) - _CHECK_TAIL_BYTES
    for edge in _CHARACTER_EDGE.finditer(window, max(0, mark - _CHECK_TAIL_REACH), mark):
        start = edge.end()  # the last one before the mark
    return window[start:]


def _digits_of(span: str) -> str:
    """The digits of a finding's text, folded (full-width ones as ASCII)."""
    return "".join(ch for ch in fold(span) if ch.isdigit())


_CONTROL = bytes(range(32)).translate(None, b"\t\n\r\f\x1b\x1e")  # \x1e: a JSON text sequence's record mark


def _sniff(body: bytes) -> str | None:
    """The charset a download of unknown type is text in, or ``None`` when it is binary.

    Binary by its signature, or by control bytes (NUL and the like) in more than a tenth of its
    first 4 KiB. Text by a byte-order mark (UTF-16 and UTF-32 exports) or by NUL bytes where
    UTF-16 puts them, else UTF-8 if it decodes
    (a character cut at the end of a buffered prefix allowed), else GB18030, Excel's default for
    Chinese CSV: a text download is masked, never passed blind."""
    if body.startswith(_BINARY_MAGIC):
        return None
    charset = _bom_charset(body) or wide_codec(body)
    if charset is not None:
        return charset
    head = body[:4096]
    if head and len(head) - len(head.translate(None, _CONTROL)) > len(head) // 10:
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(body) - 3:
            return "gb18030"
    return "utf-8"


#: ``scope["state"]`` key under which the middleware tells the app how many pii-guard tokens
#: the request already held (``request.state.pii_guard_tokens_in_request`` in Starlette).
TOKENS_IN_REQUEST = "pii_guard_tokens_in_request"


class _Request:
    """Per-request state: never stored on the middleware."""

    def __init__(self, owner: PIIGuardMiddleware, guard: Guard) -> None:
        self.owner = owner
        self.guard = guard
        self.limits = owner.limits
        self.stats = Stats()
        self.modified = False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            # both read before either is written: a refused query leaves the path as it came
            scope.update({**self._protect_path(scope), **self._protect_query(scope)})
            body = await self._read_body(scope, receive)
            if body is None:  # the client went away; nothing to forward
                return
            headers = Headers(scope=scope)
            body, decoded = self._decode(headers, body)
            if body and len(body) >= self.limits.thread_minimum_bytes:
                new_body = await anyio.to_thread.run_sync(self._protect_body, headers, body)
            else:
                new_body = self._protect_body(headers, body)
        except (PIIInNameError, _Refusal) as exc:
            _mask_for_the_access_log(scope)
            await self._refused(send, exc)
            return
        if new_body is not body or decoded:
            self.modified = self.modified or new_body is not body
            scope = dict(scope)
            scope["headers"] = list(scope["headers"])
            mutable = MutableHeaders(scope=scope)
            if decoded:
                del mutable["content-encoding"]
            if "transfer-encoding" in mutable:
                del mutable["transfer-encoding"]  # the body is whole now: one framing (RFC 9112 6.1), not chunked and a length
            mutable["content-length"] = str(len(new_body))
        self.owner.metrics.request(True, self.modified, self.stats.protected)
        # Tell the app how many token-shaped strings arrived in the request (0 in the common case):
        # only those can be forged or another keyring's, so only then need an app verify them.
        scope = {**scope, "state": {**scope.get("state", {}), TOKENS_IN_REQUEST: self.stats.kept_tokens}}
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": new_body, "more_body": False}
            return await receive()

        if self.owner.response_guard is not None:
            # Ask for an identity response, and a whole one: a compressed body could not be
            # masked, nor a byte range, whose edges may cut a number (bytes=0-25 then 26-40 gave
            # a file's numbers back in two unmasked halves).
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() not in _WHOLE_RESPONSE_HEADERS]
            scope["headers"].append((b"accept-encoding", b"identity"))
            scrubber = _ResponseScrubber(self.owner, send, scope["method"] == "HEAD")
            try:
                await self.owner.app(scope, replay, scrubber.send)
            finally:
                scrubber.close()
            await scrubber.unfinished()
        else:
            await self.owner.app(scope, replay, send)

    async def query_only(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An ignored path's request: its query string protected, its body passed as it comes."""
        try:
            scope.update(self._protect_query(scope))
        except (PIIInNameError, _Refusal) as exc:
            await self._refused(send, exc)
            return
        if self.modified:  # counted where something was protected: a health check stays out of the counts
            self.owner.metrics.request(True, True, self.stats.protected)
        await self.owner.app(scope, receive, send)

    async def _refused(self, send: Send, exc: Exception) -> None:
        """Answer a request the guard refuses (counted per reason), never echoing it."""
        refusal = exc if isinstance(exc, _Refusal) else _Refusal(
            400, "pii_in_name", "a key, field name, file name or path holds personal data")
        self.owner.metrics.reject(refusal.code)
        await _refuse(send, refusal)

    # -- query string ------------------------------------------------------------------------

    def _protect_path(self, scope: Scope) -> dict[str, object]:
        """The path's protected form as scope items (none where nothing changes). The caller writes
        them, with the query's, into the server's own scope: its access log line is made from it."""
        path: str = scope["path"]
        edits = self.guard.name_edits(path, self.stats)
        raw_path = scope.get("raw_path")
        if not edits and raw_path and b"%" in raw_path and "\ufffd" in path:
            # escapes that are no UTF-8 (the server read them as U+FFFD) but GBK, as a legacy
            # client writes a path and a GBK server (Tomcat's URIEncoding=GBK) reads it: a number
            # only that reading holds cannot be protected in the UTF-8 path the guard has
            other = unquote_to_bytes(raw_path).decode("gb18030", "replace")  # raw bytes as they came, escapes decoded
            if any(self.guard.compiled.operator(f.entity_type) is not None for f in self.guard.findings(other)):
                raise _Refusal(400, "pii_in_name", "a key, field name, file name or path holds personal data")
        if not edits:
            return {}
        new = apply_edits(path, edits)
        self.modified = True
        from urllib.parse import quote

        return {"path": new, "raw_path": quote(new, safe="/:@!$&'()*+,;=~").encode("ascii")}

    def _protect_query(self, scope: Scope) -> dict[str, object]:
        """The query string's protected form as a scope item (none where nothing changes), for
        the server's own scope: uvicorn writes its access log line (``GET /c?id_number=…``) from
        the scope it passed, and a copy left it the client's query, in which a value only a field
        rule protects (a mistyped ID under ``id_number``) is no number the log filter's text scan
        finds."""
        raw: bytes = scope.get("query_string", b"")
        if not raw:
            return {}
        # UTF-8 as browsers send it; else GB18030, what a legacy Chinese client percent-encodes
        # (GBK is its subset), as long as the bytes are text in it
        for charset in ("utf-8", "gb18030"):
            try:
                text = raw.decode(charset)
                urlencoded.decode(text, charset)  # every escape is text in it: read it once, as that
            except UnicodeError:
                continue
            out = self._protect_pairs(text, "$.query", charset)
            query = raw if out is None else out.encode(charset)
            if charset != "utf-8":
                self._as_the_app_reads(query, "undecodable_query", 400, "$.query", charset)
            return {} if out is None else self._with_query(query)
        if self.guard.policy.uninspectable == "protect":
            text = raw.decode("latin-1")
            new = self.guard.protect_text(text, None, self.stats)
            return self._with_query(new.encode("latin-1", "replace")) if new != text else {}
        raise _Refusal(400, "undecodable_query", "the query string is neither UTF-8 nor GB18030 text")

    def _utf8_reading(self, out: bytes, path: str | None, charset: str) -> None:
        """Refuse text protected in ``charset`` (``out``, its label's) whose UTF-8 reading (an app's,
        whatever the label) still holds what the policy would change: all of it where the bytes
        are UTF-8 (the label is wrong), else what the two readings see differently
        (:func:`_hidden_digits`, :func:`_four_byte_places`)."""
        if out.isascii():
            return  # ASCII bytes read alike in UTF-8 and in every charset the guard reads
        reading = out.decode("utf-8", "replace")
        if self._hidden_from_the_guard(reading, path, _utf8_bytes(out), _four_byte_places(out, charset)):
            raise _Refusal(415, "ambiguous_charset", "the text reads otherwise as UTF-8, as the app may read it, "
                                                     "and holds personal data so")

    def _as_the_app_reads(self, raw: bytes, code: str, status: int, root: str, charset: str) -> None:
        """Refuse a query or form read in another charset than UTF-8 where Starlette's reading of it
        (every escape as UTF-8, whatever the label: :func:`urlencoded.app_reading`) would leave
        the app personal data the guard did not protect.

        Where the bytes are UTF-8 (the label is wrong), that reading is the text: its names and
        values, field rules included, must hold nothing the policy would change. Where they are
        not (a GBK form a servlet reads by its label), the digits both readings see are the same
        ASCII digits, and the label's reading, with its words, decided them; only digits the two
        readings see differently (full-width or numerals in UTF-8 escapes, ASCII digits a GB18030
        character took in: :func:`_four_byte_places`) are the app's alone."""
        guard = self.guard
        if urlencoded.is_utf8(raw):
            for name, value in urlencoded.pairs(raw.decode("latin-1")):
                if guard.value_edits(child(root, name), value, False, None):
                    raise _Refusal(status, code, "the text is UTF-8 under another label; read so, as the app may read "
                                                 "it, it holds personal data")
            return
        data = urlencoded.unquoted(raw)
        taken = _four_byte_places(data, charset)
        # the escapes' bytes read as UTF-8 (Starlette's reading but for raw bytes above ASCII, which
        # it reads as Latin-1), so that the taken digits' places are the reading's
        reading = data.decode("utf-8", "replace") if taken else urlencoded.app_reading(raw)
        if self._hidden_from_the_guard(reading, None, False, taken):
            raise _Refusal(status, code, "the text reads otherwise as UTF-8, as the app may read it, and holds personal data so")

    def _hidden_from_the_guard(self, reading: str, path: str | None, whole: bool, taken: list[int]) -> bool:
        """Whether the UTF-8 reading of a text the guard read in another charset holds what the
        policy would change: anything (``whole``: the bytes are UTF-8, the label is wrong), else a
        number with digits the two readings see differently (:func:`_hidden_digits`), or one that
        holds or touches a character of four bytes (``taken``, sorted: :func:`_four_byte_places`)."""
        edits = self.guard.text_edits(reading, path)
        return bool(edits) and (whole or any(_hidden_digits(reading[a:b]) or _touches(taken, a, b) for a, b, _ in edits))

    def _protect_pairs(self, raw: str, root: str, charset: str) -> str | None:
        """``name=value&…`` text (a query string, a form body) with its names and values protected
        in place (:mod:`pii_guard.io.urlencoded`); ``None`` when nothing changed. Raises
        :class:`UnicodeError` where an escape is not text in ``charset``."""
        guard, stats = self.guard, self.stats
        first = urlencoded.rewrite(raw, charset, lambda name, value: guard.value_edits(child(root, name), value, False, stats),
                                   lambda name: guard.name_edits(name, stats))
        if ";" not in raw:
            return first  # split on ';' too it is the same pairs, read once already
        # read again split on ';' too, as python-multipart reads it: the tokens the first reading
        # made are the guard's own, not the client's, so that reading's counts keep only what it protects
        again = Stats()
        second = urlencoded.rewrite(raw if first is None else first, charset,
                                    lambda name, value: guard.value_edits(child(root, name), value, False, again),
                                    lambda name: guard.name_edits(name, again), semicolons=True)
        again.kept_tokens = 0
        stats.merge(again)
        return first if second is None else second

    def _with_query(self, query: bytes) -> dict[str, object]:
        self.modified = True
        return {"query_string": query}

    # -- body --------------------------------------------------------------------------------

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        headers = Headers(scope=scope)
        limit = self.limits.max_encoded_body_bytes if headers.get("content-encoding") else self.limits.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _Refusal(413, "body_too_large", f"the request body exceeds {limit} bytes")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _Refusal(413, "body_too_large", f"the request body exceeds {limit} bytes")
            if chunk:
                chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _decode(self, headers: Headers, body: bytes) -> tuple[bytes, bool]:
        if not body:
            return body, False  # nothing to inflate (a GET with a stray Content-Encoding): passed as it is
        # two headers are two layers, as a comma between two codings is: the last applied is undone first
        layers = [c.strip() for c in ", ".join(headers.getlist("content-encoding")).lower().split(",")]
        layers = [c for c in layers if c and c != "identity"]
        if not layers:
            return body, False
        if any(c not in ("gzip", "x-gzip", "deflate") for c in layers) or len(layers) > _MAX_ENCODING_LAYERS:
            raise _Refusal(415, "unsupported_encoding", "only gzip and deflate request bodies can be inspected")
        limit = self.limits.max_body_bytes
        out = body
        for coding in reversed(layers):
            out = _inflate_request(out, coding, limit)
        if body and len(out) > self.limits.max_decompression_ratio * len(body):
            raise _Refusal(413, "decompression_bomb", "the request body expands beyond the allowed ratio")
        return out, True

    def _protect_body(self, headers: Headers, body: bytes) -> bytes:
        if not body:
            return body
        if len(headers.getlist("content-type")) > 1:
            # which one the app reads is its framework's choice (the first, the last, both joined):
            # the guard would inspect the body as one type and the app might parse it as another
            raise _Refusal(400, "conflicting_content_type", "the request has more than one Content-Type header")
        media, params = _media_type(headers.get("content-type", ""), request=True)
        if not media:
            # no content type: FastAPI reads such a body as JSON; inspect it as JSON when it opens
            # like JSON, else as text (never passed uninspected)
            media = "application/json" if _opens_like_json(body) else "text/plain"
        declared = params.get("charset")
        if declared is None and media.endswith("xml"):
            prolog = _XML_DECLARATION.match(body)
            declared = prolog.group(1).decode("ascii") if prolog is not None else None
        charset = _codec(declared or "utf-8")
        if charset not in _CODECS or (_is_json(media) and not charset.startswith("utf") and not body.isascii()):
            # The app might decode the bytes differently from the guard (UTF-7, EBCDIC …): refuse.
            # JSON under another label (a legacy client's us-ascii or ISO-8859-1, GBK) is read when
            # its bytes are ASCII, which every one of those labels and UTF-8 read alike.
            raise _Refusal(415, "unsupported_charset", "this charset cannot be inspected reliably")
        if _is_json(media):
            protected = self._json(body, _json_charset(body))
            assert protected is not None  # only a sniffed body may turn out to be no JSON
            return protected
        if media == "multipart/form-data":
            return self._multipart(body, params.get("boundary", ""), params.get("charset"))
        if _opens_like_json(body):
            # JSON under another label (text/plain from navigator.sendBeacon, jQuery's form type,
            # text/json): an app that parses it as JSON must get the JSON policy's protection, its
            # field rules included; what is no JSON is read by its label below
            protected = self._json(body, _json_charset(body), sniffed=True)
            if protected is not None:
                # ... and read as the text it is labelled as too, over the JSON reading's result (its
                # field rules kept): a word in one string makes a number in another personal data
                # (a form builder's {"label": "身份证号", "value": <15 digits>}) for this reading only
                json_charset = _json_charset(protected)
                errors = "surrogatepass" if _wide(json_charset) else "strict"
                text = protected.decode(json_charset, errors)
                again = self.guard.protect_text(text, None, self.stats)
                if again != text:
                    self.modified = True
                    protected = again.encode(json_charset, errors)
                if media == "application/x-www-form-urlencoded":
                    # ... and as the form the app parses, in the form's charset ({"x":"&id_number=…}:
                    # a field rule's value)
                    return self._form(protected, charset)
                return protected
        if media == "application/x-www-form-urlencoded":
            return self._form(body, charset)
        if _REQUEST_TEXTUAL.match(media):
            return self._text(body, _request_charset(body, declared, self.guard))
        return self._uninspectable(body, charset, "unsupported_media_type", 415,
                                   "this media type cannot be inspected for personal data")

    def _decode_text(self, body: bytes, charset: str) -> str:
        try:
            return body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise _Refusal(400, "undecodable_body", "the request body is not valid text in its declared charset") from None

    def _uninspectable(self, body: bytes, charset: str, code: str, status: int, detail: str) -> bytes:
        if self.guard.policy.uninspectable != "protect":
            raise _Refusal(status, code, detail)
        charset = _bom_charset(body) or charset  # text behind a byte-order mark is read as an app would
        try:
            errors = _decode_errors(charset)
            text = body.decode(charset, errors)
            encode = lambda s: s.encode(charset, errors)  # noqa: E731
        except UnicodeDecodeError:
            raise _Refusal(status, code, detail) from None  # UTF-16 or UTF-32 that does not decode
        except LookupError:
            text = body.decode("utf-8", "surrogateescape")
            encode = lambda s: s.encode("utf-8", "surrogateescape")  # noqa: E731
        new = self.guard.protect_text(text, None, self.stats)
        out = body if new == text else encode(new)
        # The app may read the bytes otherwise. As UTF-8, whatever the label: that may see a number
        # the label's reading did not (its bad bytes U+FFFD, an ASCII digit a GB18030 character
        # took in). Bytes that are no UTF-8 under a UTF-8 label (a legacy client's GBK or Big5):
        # as GB18030 and as Big5, as an upstream behind the proxy or an app that decodes them
        # itself does, to which a full-width mobile is the number and to the UTF-8 reading escaped
        # bytes. Each reading is protected too (it may mask a number the UTF-8 reading's words
        # kept: fail closed); tokens are ASCII, so each keeps what the others protected. Its
        # counts keep only what it protects (the first reading's tokens are the guard's).
        others = ("utf-8",) if _read_otherwise(charset) else (
            ("gb18030", "big5") if _codec(charset) == "utf-8" and UNDECODABLE.search(text) is not None else ())
        for other in others:
            again, seen = Stats(), out.decode(other, "surrogateescape")
            second = self.guard.protect_text(seen, None, again)
            again.kept_tokens = 0
            self.stats.merge(again)
            if second != seen:
                out = second.encode(other, "surrogateescape")
        if out is body:
            return body
        self.modified = True
        return out

    def _text(self, body: bytes, charset: str) -> bytes:
        try:
            text = body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            return self._uninspectable(body, charset, "undecodable_body", 400, "the request body is not valid text in its declared charset")
        _refuse_xml_entities(text)
        new = self.guard.protect_text(text, None, self.stats)
        out = body if new == text else new.encode(charset)
        if _read_otherwise(charset):
            # read in its label's charset (GBK, an XML declaration's ISO-8859-1), the text may read
            # otherwise as UTF-8, which an app may use whatever the label (as for forms above)
            self._utf8_reading(out, None, charset)
        if new == text:
            return body
        self.modified = True
        return out

    def _json(self, body: bytes, charset: str, sniffed: bool = False) -> bytes | None:
        """The JSON body protected value by value; with ``sniffed`` (a body labelled as another
        type that opens like JSON), ``None`` where it is no JSON after all."""
        errors = "surrogatepass" if _wide(charset) else "strict"  # a lone surrogate, as json.loads reads one
        try:
            text = body.decode(charset, errors)
        except (UnicodeDecodeError, LookupError):
            if sniffed:
                return None
            return self._uninspectable(body, charset, "undecodable_body", 400, "the request body is not valid text in its declared charset")
        guard, stats = self.guard, self.stats
        bom = "\ufeff" if text.startswith("\ufeff") else ""  # kept, but not part of the JSON text
        try:
            new = bom + jsontext.rewrite(text[len(bom):], lambda p, t, n: guard.value_edits(p, t, n, stats), guard.max_depth,
                                         key_edit=lambda k: guard.name_edits(k, stats))
        except DepthError:
            # JSON under any label: the app that parses it gets values the guard did not read as
            # JSON (a number in E-notation, a field rule's value), so it is refused as JSON is
            return self._uninspectable(body, charset, "json_too_deep", 400, "the JSON body nests too deeply to be inspected")
        except jsontext.JSONTextError:
            if sniffed:
                return None
            return self._uninspectable(body, charset, "invalid_json", 400, "the request body is not valid JSON")
        if new == text:
            return body
        self.modified = True
        return new.encode(charset, errors)

    def _form(self, body: bytes, charset: str) -> bytes:
        if _wide(charset):  # its ASCII is two or four bytes a character: no reader decodes escapes so
            raise _Refusal(415, "unsupported_charset", "a form in UTF-16 or UTF-32 cannot be inspected reliably")
        try:
            # raw text (a form some clients send without percent-encoding) is read as such; what
            # replaces a value goes out percent-encoded in the form's charset
            out = self._protect_pairs(body.decode(charset), "$", charset)
        except (UnicodeError, LookupError):
            return self._uninspectable(body, "latin-1", "undecodable_form", 400, "the form body is not valid text in its charset")
        new = body if out is None else out.encode(charset)
        if charset != "utf-8":
            # a servlet container reads the label, Starlette reads UTF-8: both readings are checked
            self._as_the_app_reads(new, "ambiguous_charset", 415, "$", charset)
        if out is None:
            return body
        self.modified = True
        return new

    def _multipart(self, body: bytes, boundary: str, form_charset: str | None = None) -> bytes:
        """Protect each part of a form; ``form_charset`` is the charset the request's own
        Content-Type names, which Starlette decodes every field with (its part's label unread)."""
        if not boundary:
            raise _Refusal(400, "bad_multipart", "multipart body without a boundary")
        delimiter = b"--" + boundary.encode("latin-1")
        pieces = body.split(delimiter)
        # two pieces: a form with no fields ("--boundary--"), as a browser sends one; its preamble
        # and epilogue are still read below
        if len(pieces) < 2 or not pieces[-1].startswith(b"--"):
            raise _Refusal(400, "bad_multipart", "the multipart body is malformed")
        changed = False
        for i in range(1, len(pieces) - 1):
            part = pieces[i]
            # RFC 2046's transport padding after a delimiter: read past, and kept where it stands (a
            # body with nothing to protect goes on byte for byte, one a parser refuses so included)
            pad = part[: len(part) - len(part.lstrip(b" \t"))]
            part = part[len(pad) :]
            head_end = part.find(b"\r\n\r\n")
            if not part.startswith(b"\r\n") or head_end < 0 or not part.endswith(b"\r\n"):
                raise _Refusal(400, "bad_multipart", "the multipart body is malformed")
            raw_headers = part[2:head_end].decode("utf-8", "surrogateescape")
            if any(line[:1] in (" ", "\t") for line in raw_headers.split("\r\n")):
                # a header folded onto the next line (obsolete in HTTP, none in RFC 7578): Starlette
                # refuses the body, an upstream behind the proxy may read the field's name from it
                # (Go's textproto), which the guard's split would not see (a rule's field in clear)
                raise _Refusal(400, "bad_multipart", "a multipart part header is folded over two lines")
            if any(self.guard.findings(reading) for reading in _other_header_readings(part[2:head_end])):
                # a name in another charset's bytes (a GBK form, filename*=GBK''%A3%B1…): what an app
                # reading it so sees holds personal data, which no edit of these bytes can protect
                raise _Refusal(400, "pii_in_name", "personal data in a multipart field or file name")
            header_edits = self.guard.name_edits(raw_headers, self.stats)  # field or file name with PII
            if header_edits:
                protected_headers = apply_edits(raw_headers, header_edits).encode("utf-8", "surrogateescape")
                part = b"\r\n" + protected_headers + part[head_end:]
                head_end = 2 + len(protected_headers)
                raw_headers = protected_headers.decode("utf-8", "surrogateescape")
                pieces[i] = pad + part
                changed = True
            content = part[head_end + 4 : -2]
            header_lines = [(k.strip().lower(), v.strip()) for k, _, v in (line.partition(":") for line in raw_headers.split("\r\n")) if k]
            part_headers = dict(header_lines)
            if len(part_headers) < len(header_lines) and any(
                    sum(1 for k, _ in header_lines if k == key) > 1 for key in _PART_HEADERS_READ):
                # two Content-Disposition (or Content-Type) headers: Starlette reads the last,
                # Werkzeug and Django the first, so the guard would read one field name and the app
                # behind a proxy another (a rule's field in clear)
                raise _Refusal(400, "bad_multipart", "a multipart part repeats a header that names or types it")
            _disposition, params = _media_type(part_headers.get("content-disposition", ""), request=True)
            if "name*" in params and _extended_name(params["name*"]) != params.get("name"):
                # name*=UTF-8''id_number beside name="note": RFC 7578 forbids it, Starlette ignores
                # it, Werkzeug and Django read the field's name from it
                raise _Refusal(400, "bad_multipart", "a multipart field names itself twice (name and name*)")
            # the header is split as python-multipart splits it, on its bytes (a GBK trail byte 0x5C
            # is its "\\"); the field's name then read in the form's charset, as Starlette decodes it
            # (a GBK form's 手机 is $['手机'] to the field rules and to reveal)
            name = _in_form_charset(params.get("name", f"part{i}"), form_charset)
            media, media_params = _media_type(part_headers.get("content-type", "text/plain"), request=True)
            is_file = "filename" in params
            if is_file and (self.owner.file_parts == "keep"):
                continue
            if part_headers.get("content-transfer-encoding", "").lower() not in ("", "7bit", "8bit", "binary"):
                # base64 or quoted-printable (RFC 7578 forbids them in form data, yet Django and
                # python-multipart decode them): the guard would read the encoded text and find nothing
                raise _Refusal(415, "unsupported_transfer_encoding", "a multipart part has a transfer encoding that cannot be inspected")
            textual = bool(_TEXTUAL.match(media) or _REQUEST_TEXTUAL.match(media)) or not is_file
            if is_file and (self.owner.file_parts == "reject" or not textual):
                if self.owner.file_parts == "reject" or self.guard.policy.uninspectable != "protect":
                    raise _Refusal(415, "uninspectable_file", "a file part of this type cannot be inspected")
            declared = media_params.get("charset")
            if not is_file and form_charset is not None:
                # a field is read in the form's charset by Starlette and in its part's by parsers
                # that follow RFC 7578: where the two differ, one of them reads what the guard did not
                as_declared = _decoded(content, declared) if declared is not None else None
                if (declared is not None and _codec(declared) != _codec(form_charset)
                        and (as_declared is None or as_declared != _decoded(content, form_charset))):
                    # (where both read the field alike, ASCII under UTF-8 and ISO-8859-1 labels, it passes)
                    raise _Refusal(415, "ambiguous_charset", "a multipart field's charset differs from the form's")
                declared = form_charset
            if _codec(declared or "utf-8") not in _CODECS:
                raise _Refusal(415, "unsupported_charset", "a multipart field uses a charset that cannot be inspected reliably")
            charset = _request_charset(content, declared, self.guard)
            decoded = _decoded(content, charset)
            if decoded is None and is_file and declared is None:
                # browsers send a file's bytes with no charset: a text file from a Chinese Windows
                # editor is GBK, read as GB18030 and written back in it
                decoded = _decoded(content, "gb18030")
                charset = "gb18030" if decoded is not None else charset
            if decoded is None:
                if self.guard.policy.uninspectable != "protect":
                    raise _Refusal(400, "undecodable_body", "a multipart field is not valid text")
                decoded = content.decode("utf-8", "surrogateescape")
                charset = "utf-8"
            value: str = decoded
            _refuse_xml_entities(value)
            rule = self.guard.compiled.field_rule(child("$", name))
            if _is_json(media) and (rule is None or rule.mode == "scan"):
                # (a part whose name has a rule, protect or keep, is that field's value whole, as a
                # text part is: its JSON read from "$" would have lost the rule; with no rule of its
                # own, whatever the policy's default, it is read value by value)
                try:
                    guard, stats = self.guard, self.stats
                    new = jsontext.rewrite(value, lambda p, t, n: guard.value_edits(p, t, n, stats), guard.max_depth,
                                           key_edit=lambda k: guard.name_edits(k, stats))
                except (jsontext.JSONTextError, DepthError):
                    new = self.guard.protect_text(value, child("$", name), self.stats)
            else:
                new = self.guard.protect_value(value, child("$", name), self.stats)
            if new != value:
                pieces[i] = pad + part[: head_end + 4] + new.encode(charset, "surrogateescape") + b"\r\n"
                changed = True
            if _read_otherwise(charset):
                # Starlette decodes a field with the form's charset (UTF-8), not its part's label;
                # an app reads a file's bytes as it likes, UTF-8 most likely
                self._utf8_reading(new.encode(charset, "surrogateescape"), child("$", name), charset)
        # The preamble before the first boundary and the epilogue after the last one are ignored
        # by form parsers, but an app that reads the raw body (or logs it) sees them: text too.
        for i, head in ((0, b""), (len(pieces) - 1, b"--")):
            outside = pieces[i][len(head):].decode("utf-8", "surrogateescape")
            protected = self.guard.protect_text(outside, None, self.stats)
            if protected != outside:
                pieces[i] = head + protected.encode("utf-8", "surrogateescape")
                changed = True
        if not changed:
            return body
        self.modified = True
        return delimiter.join(pieces)


def _in_form_charset(name: str, form_charset: str | None) -> str:
    """A part's ``name`` (read as UTF-8, other bytes kept as lone surrogates) as the form's charset
    reads its bytes, where the form names one they are valid in; else as it is."""
    if form_charset is None or _codec(form_charset) in ("utf-8", "") or _wide(form_charset):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode(form_charset)
    except (UnicodeError, LookupError):
        return name


def _utf8_bytes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_otherwise(charset: str) -> bool:
    """Whether text in ``charset`` reads otherwise as UTF-8 (an app's reading whatever the label):
    not UTF-8, nor UTF-16/32 (whose NUL bytes are judged on their own). ASCII does where its
    bytes are not ASCII (charset=us-ascii on UTF-8)."""
    return _codec(charset) != "utf-8" and not _wide(charset)


def _four_byte_places(data: bytes, charset: str) -> list[int]:
    """Where, in the UTF-8 reading of ``data`` (valid text in ``charset``), the parts of GB18030's
    characters of four bytes stand, in order: each holds two ASCII digits (81 39 81 31 is one
    character), which UTF-8 reads as U+FFFD, digit, U+FFFD, digit, so a number written across such
    bytes (%819%81 and a mobile), or one the guard read on into an invisible character of four
    bytes (a mobile, U+200B, 92: thirteen digits to the guard), is one only the app sees. No other
    charset the guard reads takes an ASCII byte into a character. An emoji's digits (every emoji
    is four bytes in GB18030) stand apart and make no number of their own.

    ``data`` must be valid in ``charset`` (every caller has decoded it strictly): the four-byte
    pattern is then a character wherever a character may begin."""
    if _codec(charset) != "gb18030" or _FOUR_BYTE_GB18030.search(data) is None:
        return []
    taken: list[int] = []  # byte offsets, in order: both bytes 0x81-0xFE and both digits
    for m in _GB18030_CHARACTERS.finditer(data):
        if m.lastgroup == "four":
            taken += range(m.start(), m.end())
    places: list[int] = []
    chars = k = 0
    for run in _BYTE_RUNS.finditer(data):
        if run.group()[0] < 0x80:  # an ASCII byte is itself in UTF-8
            while k < len(taken) and taken[k] < run.end():
                places.append(chars + taken[k] - run.start())
                k += 1
            chars += run.end() - run.start()
        else:  # other bytes read as their run reads; a lead or third byte ends its run: its last U+FFFD
            chars += len(run.group().decode("utf-8", "replace"))
            while k < len(taken) and taken[k] < run.end():
                places.append(chars - 1)
                k += 1
    return places


#: A GB18030 character of four bytes (a byte 0x81-0xFE, an ASCII digit, again), its only form
#: whose bytes include ASCII ones.
_FOUR_BYTE_GB18030: Final = re.compile(b"[\\x81-\\xfe][0-9][\\x81-\\xfe][0-9]")
#: GB18030 text character by character (ASCII in runs), so that a four-byte character is found
#: where one begins, not across two others.
_GB18030_CHARACTERS: Final = re.compile(b"(?P<four>[\\x81-\\xfe][0-9][\\x81-\\xfe][0-9])|[\\x81-\\xfe][\\x40-\\x7e\\x80-\\xfe]|[\\x00-\\x7f]+|[\\x00-\\xff]")
#: Runs of ASCII bytes and of other bytes.
_BYTE_RUNS: Final = re.compile(b"[\\x00-\\x7f]+|[\\x80-\\xff]+")


def _touches(places: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``places`` is in ``[start - 1, end]``: inside the span or next to it."""
    k = bisect.bisect_left(places, start - 1)
    return k < len(places) and places[k] <= end


def _hidden_digits(span: str) -> bool:
    """Whether ``span`` (of a UTF-8 reading) holds a digit that is no ASCII digit (full width, a
    numeral): one a reading in another charset saw as other characters."""
    return any(not ch.isascii() and (ch.isdigit() or ch in CHINESE_NUMERALS) for ch in span)


@functools.lru_cache(maxsize=64)
def _single_byte(charset: str) -> bool:
    """Whether ``charset`` reads every byte as one character of its own (ISO-8859-*, windows-125x,
    KOI8-R), so that no reading of it holds a digit but an ASCII one."""
    try:
        return len(bytes(range(256)).decode(charset, "replace")) == 256 and not _wide(charset) and _codec(charset) != "utf-8"
    except (LookupError, TypeError, ValueError):
        return False


#: Codecs Python lists as text encodings that no client reads a body in.
_NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def _text_charset_name(charset: str) -> bool:
    """Whether ``charset`` names a text encoding (a codec from bytes to text a client may read a body
    in), not one of Python's other codecs (zlib, base64, hex, rot13) nor an unknown name."""
    try:
        info = codecs.lookup(charset)
    except LookupError:
        return True  # unknown: the usual handling of a label no reader knows applies
    return bool(getattr(info, "_is_text_encoding", True)) and info.name not in _NOT_CHARSETS


def _codec(charset: str) -> str:
    """The name of the codec ``charset`` is an alias of, or ``""`` where Python knows none."""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return ""


def _request_charset(body: bytes, declared: str | None, guard: Guard) -> str:
    """:func:`_text_charset` for a request body or part; 415 where the app may read it otherwise."""
    try:
        return _text_charset(body, declared, guard)
    except _Ambiguous:
        raise _Refusal(415, "ambiguous_charset", "the declared charset and the byte order of the text disagree "
                       "or cannot be told; send a byte-order mark that matches the charset") from None


def _decoded(content: bytes, charset: str) -> str | None:
    """``content`` in ``charset``, or None where it is not valid there."""
    try:
        return content.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return None


def _media_type(value: str, *, request: bool = False) -> tuple[str, dict[str, str]]:
    """``("multipart/form-data", {"boundary": "…"})`` from a header value, read as the app's parser
    reads it: a ``;`` inside a quoted string does not end a parameter (``name="id_number";
    x="; name=note"`` names the field ``id_number``), a quoted value is unescaped, and the last of
    two same-named parameters counts (python-multipart, behind Starlette, and the standard
    library's ``email`` package; see :func:`_header_segments`).

    A request's header naming one parameter twice is refused (``request=True``): parsers differ on
    which one counts (Django and Werkzeug take the first), so the guard would read one field name,
    boundary or charset and the app another."""
    media, *segments = _header_segments(value)
    params: dict[str, str] = {}
    for segment in segments:
        key, _, val = segment.partition("=")
        key, val = key.strip().lower(), val.strip(" \t")
        if not key:
            continue
        if len(val) >= 2 and val[0] == val[-1] == '"':
            val = val[1:-1].replace("\\\\", "\\").replace('\\"', '"')
        if request and key in params and params[key] != val:
            raise _Refusal(400, "conflicting_parameters", "a header of the request names one parameter twice")
        params[key] = val
    return media.strip().lower(), params


def _header_segments(value: str) -> list[str]:
    """The ``;``-separated segments of a header value, where a ``;`` between double quotes (not
    counting escaped ones) separates nothing: the standard library's ``email.message._parseparam``,
    which python-multipart vendors, so that the guard splits a header where Starlette does."""
    segments: list[str] = []
    start = 0
    while True:
        end = value.find(";", start)
        # the quotes are counted once each, carried from one ";" to the next (counting again from
        # the segment's start at every ";" was quadratic: a part header of 200 KB of ";" took 20 s)
        counted, quotes = start, 0
        while end >= 0:
            quotes += value.count('"', counted, end) - value.count('\\"', counted, end)
            if quotes % 2 == 0:
                break
            counted, end = end, value.find(";", end + 1)
        if end < 0:
            segments.append(value[start:].strip(" \t"))
            return segments
        segments.append(value[start:end].strip(" \t"))
        start = end + 1


#: How many gzip or deflate layers a request body may have (gzip, gzip: two headers or one).
_MAX_ENCODING_LAYERS = 2


def _inflate_request(body: bytes, coding: str, limit: int) -> bytes:
    """Undo one gzip or deflate layer of a request body (deflate zlib-wrapped, as RFC 9110 says,
    or raw, as some clients send it); raises :class:`_Refusal` where it is corrupt, incomplete,
    more than one stream, or larger than ``limit`` once decoded."""
    for wbits in ((31,) if coding != "deflate" else (15, -15)):
        try:
            decoder = zlib.decompressobj(wbits)
            out = decoder.decompress(body, limit + 1)
            if len(out) > limit or decoder.unconsumed_tail:
                raise _Refusal(413, "body_too_large", f"the decoded request body exceeds {limit} bytes")
            out += decoder.flush()
        except zlib.error:
            continue
        if not decoder.eof or decoder.unused_data:
            # truncated, or a second gzip member the app might read differently: refuse
            raise _Refusal(400, "bad_encoding", "the request body is not one complete compressed stream")
        if len(out) > limit:
            raise _Refusal(413, "body_too_large", f"the decoded request body exceeds {limit} bytes")
        return out
    raise _Refusal(400, "bad_encoding", "the request body is not valid compressed data")


def _inflate(body: bytes, encoding: str, limit: int) -> bytes | None:
    """Decompress one complete gzip/zlib/raw-deflate stream of at most ``limit`` bytes, else None."""
    for wbits in ((31,) if encoding != "deflate" else (15, -15)):
        try:
            decoder = zlib.decompressobj(wbits)
            out = decoder.decompress(body, limit + 1)
            if len(out) > limit or decoder.unconsumed_tail:
                return None
            out += decoder.flush()
            if decoder.eof and not decoder.unused_data and len(out) <= limit:
                return out
        except zlib.error:
            continue
    return None


#: The headers of a multipart part that name or type its field, which no part may repeat.
_PART_HEADERS_READ = ("content-disposition", "content-type", "content-transfer-encoding")


def _extended_name(value: str) -> str | None:
    """An RFC 5987 extended parameter's value (UTF-8''id%5Fnumber) as a parser reads it; None where
    it is not one or its charset is unknown."""
    charset, sep, rest = value.partition("'")
    _language, sep2, encoded = rest.partition("'")
    if not sep or not sep2:
        return None
    try:
        return unquote_to_bytes(encoded).decode(charset or "utf-8")
    except (LookupError, UnicodeError, ValueError):
        return None


#: An RFC 5987 extended parameter (filename*=GBK''%A3%B1…): its charset and its percent-encoded value.
_EXTENDED_PARAMETER = re.compile(rb"\*\s*=\s*([A-Za-z0-9._-]{1,40})'[^']{0,20}'([^;\r\n]{1,2000})")


def _other_header_readings(raw: bytes) -> list[str]:
    """The readings of a multipart part's header bytes other than UTF-8: GB18030 where they are
    not UTF-8 (a Chinese Windows client's form), and each extended parameter in the charset it
    names. Empty for plain UTF-8 headers with no such parameter (the common case)."""
    readings: list[str] = []
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        readings.append(raw.decode("gb18030", "replace"))
    for m in _EXTENDED_PARAMETER.finditer(raw):
        charset = m.group(1).decode("ascii").lower()
        if charset in ("utf-8", "utf8", "us-ascii"):
            continue  # read as the name itself is (its escapes decoded: protected in place, as any name)
        try:
            readings.append(unquote_to_bytes(m.group(2)).decode(charset, "replace"))
        except (LookupError, UnicodeError, ValueError):
            readings.append(unquote_to_bytes(m.group(2)).decode("gb18030", "replace"))
    return readings


def _mask_for_the_access_log(scope: Scope) -> None:
    """Mask a refused request's path and query in the server's own scope, from which uvicorn
    writes its access log line: under a plain ``uvicorn app:app`` with no pii-guard log filter,
    ``GET /customers/<mobile>`` refused for the number in its path was logged with it. Every
    finding, and every run of eleven digits, becomes ``*`` (the request went no further)."""
    from urllib.parse import quote, unquote

    path = masked_name(scope.get("path", ""))
    scope["path"], scope["raw_path"] = path, quote(path, safe="/:@!$&'()*+,;=~").encode("ascii")
    raw = scope.get("query_string", b"")
    if raw:
        query = masked_name(unquote(raw.decode("latin-1"), errors="replace"))
        scope["query_string"] = quote(query, safe="=&;/:,*+").encode("ascii")


async def _refuse(send: Send, refusal: _Refusal) -> None:
    body = json.dumps({"error": refusal.code, "detail": refusal.detail}).encode("ascii")
    await send({"type": "http.response.start", "status": refusal.status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


#: Characters that may continue a number (or an e-mail) across a chunk edge: held back until the
#: next chunk, at most _MAX_HOLD of them (rstrip from the end: linear, unlike a regex anchored at \Z).
_NUMBER_CHARS = NUMBER_CHARS + "＋" + CHINESE_NUMERALS + CHECK_X  # a number spoken and transcribed is one too
_JSON_NUMBER_TAIL = _NUMBER_CHARS + ".eE"  # ... and a JSON number's fraction and exponent
#: Media types sent as a stream of events: each event is passed on as soon as it is complete.
_EVENT_STREAMS = frozenset({"text/event-stream"})
#: How many events, and how many characters of them, are held back at most while each may go on
#: with a number in the next (a chat model's deltas: a number spans a dozen at most).
_MAX_EVENTS_HELD = 64
_MAX_EVENT_BYTES = 16384
#: … and for how long: a feed of one event a second whose values end in digits (a time, a price)
#: is delayed by one event at most, not held for a minute; a chat model's deltas come faster.
_MAX_EVENT_HOLD_SECONDS = 1.0
#: Where an event of an event stream ends (a blank line): no number runs across it.
_EVENT_ENDS = ("\n\n", "\r\r", "\r\n\r\n", "\n\r\n")
#: Media types passed on line by line as they come (a live feed): JSON lines, and any text but an
#: event stream (which goes event by event).
_LINE_STREAMS = frozenset({"application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
                           "application/jsonlines", "application/json-lines", "application/x-json-lines", "application/json-seq"})
#: A JSON string's delimiters: the quote and the backslash that escapes one.
_JSON_QUOTES = re.compile(r'["\\]')
#: The characters of a JSON number around a finding outside a string.
_JSON_NUMBER_CHARS = frozenset("0123456789+-.eE")
#: A JSON number with a fraction or an exponent (what the text reading may not see as the integer
#: a parser reads), not inside a longer run of number characters or a word.
_JSON_FLOAT = re.compile(r"(?<![0-9A-Za-z_.+-])-?[0-9]+(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)(?![0-9A-Za-z_.])")
_TAIL_CHARS = CUT_AVOIDS
_MAX_HOLD = 512
_CONTEXT_KEEP = 32
#: JSON's escapes (\uff11, \u0031, \u3000, a backslash or an escape cut short) and the characters
#: of a number among them, at the end of what would go out: a number written in escapes, as
#: json.dumps writes full-width digits by default, is read whole or not yet (a cut between \uff13
#: and \uff18 left two halves that each read as nothing).
_ESCAPED_TAIL = re.compile("(?:\\\\u[0-9A-Fa-f]{4}|[0-9 +\\-().])*(?:\\\\(?:u[0-9A-Fa-f]{0,3})?)?\\Z")
#: How far back such a tail is looked for: longer than any number written so (19 digits and their
#: separators, six characters each).
_ESCAPED_REACH = 256


def _before_escapes(text: str, cut: int) -> int:
    """``cut`` moved back before the escapes and number characters that end ``text[:cut]``
    (:data:`_ESCAPED_TAIL`), as far as :data:`_ESCAPED_REACH`."""
    if "\\" not in text[max(0, cut - _ESCAPED_REACH) : cut]:
        return cut
    tail = _ESCAPED_TAIL.search(text, max(0, cut - _ESCAPED_REACH), cut)
    return tail.start() if tail is not None else cut
#: How much of a body of unlisted type is held before it is judged binary (and passed on as it comes).
_SNIFF_BYTES = 512
#: What may end a line that a number or an address runs on from (a table row may wrap a cell onto
#: the next), and what may open the line it runs on to.
_RUNS_ON = frozenset(_TAIL_CHARS + "|│") - frozenset("\t\r\n")
_OPENS_ON = frozenset(_NUMBER_CHARS + "@.|│>＞") - frozenset("\r\n")


#: Characters with no digit in them that end any number: a number may run on across a mark between
#: every two digits (1│1│0│1…, 一、一、零…), never across this many.
_QUIET = 40


def _quiet_cut(buffer: str) -> int:
    """Where the start of a held text line may go on (0: nowhere yet): before the last
    :data:`_CONTEXT_KEEP` characters (read as context after it), after :data:`_QUIET`
    characters holding no digit or numeral (so no number runs across the cut, however it is
    written), and not inside a run of what may open a number or an address."""
    end = len(buffer) - _CONTEXT_KEEP
    quiet = 0
    for i in range(end - 1, -1, -1):
        ch = buffer[i]
        if ch.isdigit() or ch in CHINESE_NUMERALS:
            quiet = 0
        else:
            quiet += 1
            if quiet == _QUIET:
                return len(buffer[: i + _QUIET].rstrip(_TAIL_CHARS))
    return 0


def _is_text_line(media: str) -> bool:
    """Text streamed by line that is not JSON (whose pieces are edited string by string)."""
    return media.startswith("text/") and media not in _EVENT_STREAMS


def _by_line(media: str) -> bool:
    return media in _LINE_STREAMS or _is_text_line(media)


def _last_line_end(text: str) -> int:
    """Where the last line of ``text`` that nothing runs on from ends (0: none yet): after a line
    break unless the line ends in what may continue a number or an address (a digit, a separator,
    a letter) and the next line opens with what may continue one (``6222 0212⏎3456…``,
    ``wuting⏎@sohu.com``); the last line is held until the next one shows how it opens."""
    at = text.rfind("\n")
    while at >= 0:
        before = at - 1 if at > 0 and text[at - 1] != "\r" else at - 2
        if before < 0 or text[before] not in _RUNS_ON:
            return at + 1
        if at + 1 < len(text) and text[at + 1] not in _OPENS_ON:
            return at + 1
        at = text.rfind("\n", 0, at)
    return 0


def _last_event_end(text: str) -> int:
    """Where the last complete event of an event stream in ``text`` ends (0: none yet)."""
    last = 0
    for end in _EVENT_ENDS:
        at = text.rfind(end)
        if at >= 0:
            last = max(last, at + len(end))
    return last


def _unit_end(media: str) -> Callable[[str], int] | None:
    """How a streamed body of ``media`` is cut into what may go on at once: after its last
    complete event (an event stream) or line (text, JSON lines); None: no such unit."""
    if media in _EVENT_STREAMS:
        return _last_event_end
    return _last_line_end if _by_line(media) else None


class _ResponseScrubber:
    """Send wrapper: holds ``http.response.start`` until the body is scrubbed."""

    def __init__(self, owner: PIIGuardMiddleware, send: Send, head: bool = False) -> None:
        self.owner = owner
        self.lock = anyio.Lock()  # the app's sends and a timed flush of held events: one at a time
        self.flush: asyncio.Task[None] | None = None  # that flush, while one waits (see _flush_when_due)
        self.finished = False
        self.ended = False  # whether the app's last body message (no more_body) has come
        self.guard = owner.response_guard
        self._send = send
        self.head = head  # a HEAD response carries headers only: its Content-Length is the GET body's
        self.start: Message | None = None
        self.inspect = False
        self.streaming = False
        self.charset = "utf-8"
        self.buffer = ""
        self.context = ""
        self.encoding = ""
        self.refuse = False
        self.chunks: list[bytes] = []
        self.size = 0
        self.stats = Stats()
        self.media = ""
        self.sniff = False
        self.declared = False
        self.length = -1  # the Content-Length the app declared, -1: none
        self.doctype = False  # a streamed body: whether an XML document type declaration has come
        self.markup_tail = ""  # … and its last characters, for one that comes across two chunks
        self.decoder: codecs.IncrementalDecoder | None = None  # the streamed body's, once it streams
        self.decoded_any = False  # whether any of the streamed body has been decoded (its charset is then fixed)
        self.label_undecided = False  # a stream under another label than UTF-8, nothing but ASCII read yet (see _decide_reading)
        self.undecided_bytes = b""  # … and its first bytes past ASCII, while they are too few to tell
        self.undecided_since = 0.0  # … since when (held no longer than an event is: see _decide_reading)
        #: (the reading a client may see, the reading the guard masks, whether only numbers of digits
        #: no ASCII digit count) for a stream whose bytes another reader may read otherwise: each
        #: chunk is checked that the first shows no number the second does not (see _shows_more)
        self.other_reading: tuple[str, str, bool] | None = None
        self.check_tail = b""  # … and the last bytes of the chunk before, read again with the next one
        self.json_in_string = False  # where a streamed JSON body has got to: inside a string?
        self.json_escaped_at = -1  # … and the place in the current piece a backslash escapes, if any
        self.held_events: list[str] = []  # complete events of an event stream held back (see _across_events)
        self.held_since = 0.0  # … since when
        self.run_on = events.RunOn()  # … and which of its values stream
        self.event_tails: dict[str, str] = {}  # … and the end of each stream's text sent so far

    def _mask_location(self, message: Message) -> Message:
        """A redirect's ``Location`` (``/customers?phone=…``) is masked like the body: the client
        shows it, follows it, and logs it. Other headers pass as they are (see the README)."""
        raw = message["headers"]
        if not any(k.lower() == b"location" for k, _ in raw):
            return message
        guard = self.owner.response_guard
        assert guard is not None
        headers = []
        for key, value in raw:
            if key.lower() == b"location":
                # read as a browser reads it, UTF-8 (a raw ASGI app's /callback?备注=客户手机１３…),
                # and as the bytes are, Latin-1: what either reading holds is masked
                for charset in ("utf-8", "latin-1"):
                    try:
                        text = value.decode(charset)
                    except UnicodeDecodeError:
                        continue
                    masked = guard.protect_text(text, None)
                    if masked != text:
                        value = masked.encode(charset, "replace")
                    if value.isascii():
                        break  # both readings are the same
            headers.append((key, value))
        return {**message, "headers": headers}

    async def send(self, message: Message) -> None:
        async with self.lock:
            await self._send_locked(message)
        if self.held_events and self.flush is None and not self.finished:
            # events held while a value may go on with a number: sent when the next event comes,
            # or at the bound's second if the app says nothing more (a model thinking). On asyncio
            # (uvicorn, hypercorn's default); elsewhere the next event or the end sends them.
            try:
                self.flush = asyncio.get_running_loop().create_task(self._flush_when_due())
            except RuntimeError:
                pass

    def close(self) -> None:
        """The app has returned: a flush still waiting has nothing to do."""
        self.finished = True
        if self.flush is not None:
            self.flush.cancel()

    async def unfinished(self) -> None:
        """The app returned in the middle of a response the guard was still holding whole (a
        proxy whose upstream broke off): nothing of it has gone out, so the client is told so (502),
        rather than the server's bare 500 for a response never started."""
        if self.start is not None and self.inspect and not self.streaming and not self.refuse and not self.ended:
            self.refuse = True
            await _refuse(self._send, _Refusal(502, "incomplete_response", "the response ended before it was complete"))

    async def _flush_when_due(self) -> None:
        """Send the held events once they have been held :data:`_MAX_EVENT_HOLD_SECONDS`, as the
        bound says, though no event came since: their digits after the first three masked, as at
        any bound, and their end kept for the events after."""
        try:
            while True:
                await anyio.sleep(max(0.0, self.held_since + _MAX_EVENT_HOLD_SECONDS - time.monotonic()))
                async with self.lock:
                    if not self.held_events or self.finished:
                        return
                    if time.monotonic() - self.held_since >= _MAX_EVENT_HOLD_SECONDS:
                        await self._emit(self._across_events("", True, expired=True), True)
                        return
        finally:
            self.flush = None

    async def _send_locked(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            message = self._mask_location(message)
            headers = Headers(raw=message["headers"])
            media, params = _media_type(headers.get("content-type", ""))
            self.media = media
            self.charset = params.get("charset", "utf-8")
            self.declared = "charset" in params
            if self.declared and not _text_charset_name(self.charset):
                # a codec of Python's that is no charset (zlib, base64, rot13, idna): no client reads
                # the body so, and the decoder raised mid-stream; read as if none were declared
                self.charset, self.declared = "utf-8", False
            self.encoding = ", ".join(headers.getlist("content-encoding")).strip().lower()  # two headers: two layers
            if self.encoding == "x-gzip":
                self.encoding = "gzip"  # the same coding (RFC 9110 8.4.1.3), as requests read it
            declared = headers.get("content-length", "")
            self.length = int(declared) if declared.isdigit() else -1
            # Text is inspected, and so is a body of no content type at all (fail closed). Every
            # other type is sniffed (text is masked, binary passes: JSON lines, YAML, SVG, mail,
            # multipart, vendor types and a "PNG" that is text are read; a real image is not).
            known_text = not media or bool(_TEXTUAL.match(media) or _RESPONSE_TEXTUAL.match(media))
            self.sniff = not known_text
            decodable = self.encoding in ("", "identity", "gzip", "deflate")
            bodiless = self.head or message["status"] in _BODILESS  # HEAD, 204, 304: headers pass as they are
            self.inspect = not bodiless and decodable
            if not bodiless and ((not decodable and not _BINARY_TYPES.match(media)) or message["status"] == 206):
                # what may be text we cannot decode (br, zstd …), or a part of a body the app cut
                # though it was asked for the whole (a number may run across its edges): never sent blind
                self.refuse = True
                await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
                return
            if self.inspect:
                self.start = message
            else:
                await self._send(message)
            return
        if self.refuse:
            return
        if message["type"] != "http.response.body" or not self.inspect:
            await self._send(message)
            return
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        self.ended = not more
        if self.sniff and more and not self.streaming and self.encoding in ("", "identity") \
                and self.size < _SNIFF_BYTES <= self.size + len(body):
            # binary by its first bytes (an image, an archive): passed on as it comes, not held. (A
            # short first chunk decides nothing: one control byte in nine is no binary file.)
            head = b"".join(self.chunks) + body
            if _sniff(head) is None:
                self.inspect = False
                self.chunks = []
                assert self.start is not None
                await self._send(self.start)
                await self._send({"type": "http.response.body", "body": head, "more_body": True})
                return
        if not self.streaming:
            self.chunks.append(body)
            self.size += len(body)
            if not more:
                await self._send_whole(b"".join(self.chunks))
                return
            # an event stream is read event by event as it comes (it may never end), text and JSON
            # lines line by line (a live feed); other bodies are held whole up to the buffer, so
            # that JSON is edited value by value (and a compressed body is inflated whole)
            live = self.media in _EVENT_STREAMS or (_by_line(self.media) and self.encoding in ("", "identity"))
            if live and 0 <= self.length <= self.owner.limits.max_response_buffer_bytes:
                live = False  # a body of a declared length that fits the buffer is no live feed: held
                # whole, it goes out with its length (a proxied download stays a download)
            if not live and self.size <= self.owner.limits.max_response_buffer_bytes:
                return
            if self.encoding in ("gzip", "deflate"):  # a compressed body too large to hold: refuse
                self.refuse = True
                await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
                return
            body = b"".join(self.chunks)
            self.chunks = []
            try:
                charset = self._charset_of(body)
            except _Ambiguous:
                self.refuse = True
                await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
                return
            if charset is None:  # a large binary download: pass it on as it is
                self.inspect = False
                assert self.start is not None
                await self._send(self.start)
                await self._send({"type": "http.response.body", "body": body, "more_body": more})
                return
            self.charset = charset
            other = _OTHER_ORDER.get(_codec(charset))
            if other is not None and not _is_json(self.media) and _bom_charset(body) is None:
                # UTF-16 or UTF-32 of the order its label names, with no mark: the other order was
                # asked of the first part only (see _text_charset); a reader that sniffs the NULs
                # reads it in every chunk after, which must show no number the guard's reading does not
                self.other_reading = (other, _codec(charset), False)
            await self._begin_streaming()
        await self._stream(body, more)

    def _json_edits(self, piece: str, edits: list[tuple[int, int, str]]) -> str:
        """A piece of a streamed JSON body with ``edits`` applied so that it stays JSON: a finding
        inside a string is replaced in place; one outside (in a JSON number, 13812345678) takes
        its whole number with it and becomes a string ("138****5678"), as a whole body is edited.
        Whether a place is inside a string is followed from piece to piece."""
        marks = [m.start() for m in _JSON_QUOTES.finditer(piece)]
        out: list[str] = []
        pos = k = 0
        for start, end, new in sorted(edits):
            while k < len(marks) and marks[k] < start:  # the string state up to the edit
                self._json_mark(piece, marks[k])
                k += 1
            if self.json_in_string:
                out.append(piece[pos:start])
                out.append(new)
                pos = end
                continue
            first, last = start, end
            while first > pos and piece[first - 1] in _JSON_NUMBER_CHARS:
                first -= 1
            while last < len(piece) and piece[last] in _JSON_NUMBER_CHARS:
                last += 1
            out.append(piece[pos:first])
            out.append(json.dumps(piece[first:start] + new + piece[end:last]))
            pos = last
        for mark in marks[k:]:
            self._json_mark(piece, mark)
        self.json_escaped_at -= len(piece)  # 0: the next piece opens with an escaped character
        out.append(piece[pos:])
        return "".join(out)

    def _number_edits(self, piece: str, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The edits of the JSON numbers in ``piece`` of a streamed JSON body that a parser reads
        as an integer the text does not show (1.3812345678e10, 13812345678.0,
        1.38123456780000000000000001e10: ``json.loads`` gives 13812345678.0), read as a whole
        body's numbers are (:func:`jsontext.number_replacement`) where no edit of the text took
        them. In a string too, where such a literal is text: masked all the same (fail closed)."""
        guard, stats = self.guard, self.stats
        assert guard is not None
        out: list[tuple[int, int, str]] = []
        for match in _JSON_FLOAT.finditer(piece):
            start, end = match.span()
            if any(s < end and start < e for s, e, _new in edits):
                continue
            new = jsontext.number_replacement(match.group(), lambda digits: guard.text_edits(digits, None, stats, number=True))
            if new is not None:
                out.append((start, end, new))
        return out

    def _json_lines_edits(self, piece: str, edits: list[tuple[int, int, str]]) -> str:
        """:meth:`_json_edits` line by line, the string state reset at each line's start: a line that
        is no JSON (an odd quote in it) must not turn the next lines inside out. An edit across a
        line break is applied as text (the text then is no JSON lines; nothing is left unmasked)."""
        out: list[str] = []
        pos = 0
        for line in piece.splitlines(keepends=True):
            end = pos + len(line)
            if any(s < end < e or s < pos < e for s, e, _new in edits):
                return apply_edits(piece, edits)
            self.json_in_string, self.json_escaped_at = False, -1
            out.append(self._json_edits(line, [(s - pos, e - pos, new) for s, e, new in edits if pos <= s and e <= end]))
            pos = end
        self.json_in_string, self.json_escaped_at = False, -1
        return "".join(out)

    def _json_mark(self, piece: str, at: int) -> None:
        """Move the streamed JSON's string state past the quote or backslash at ``at``. A
        backslash in a string escapes the one character after it, whatever that is (``\\n``,
        ``\\u0031``, ``\\"``, ``\\\\``)."""
        if at == self.json_escaped_at:
            return  # escaped: no end of the string, no escape of its own
        if piece[at] == "\\":
            if self.json_in_string:
                self.json_escaped_at = at + 1
        else:
            self.json_in_string = not self.json_in_string

    def _charset_of(self, body: bytes) -> str | None:
        """The codec to read the response ``body`` (or its first part) with; ``None`` for a binary
        download. JSON as ``json.loads`` reads bytes (what clients do, whatever the header says);
        a download of unknown type as sniffed, unless it declares its charset; other text as
        :func:`_text_charset` reads it (raises :class:`_Ambiguous` where a browser may read it
        otherwise)."""
        if _is_json(self.media):
            return _json_charset(body)
        assert self.guard is not None
        if self.sniff:
            sniffed = _sniff(body)
            if sniffed is None:
                return None
            if not self.declared:
                # UTF-16 told by its NULs, and its UTF-8 reading, as for any other text
                return _text_charset(body, None, self.guard) if _wide(sniffed) else sniffed
        return _text_charset(body, self.charset if self.declared else None, self.guard)

    async def _send_whole(self, body: bytes) -> None:
        assert self.start is not None
        if self.encoding in ("gzip", "deflate"):
            decoded = _inflate(body, self.encoding, self.owner.limits.max_response_buffer_bytes)
            if decoded is None:  # corrupt, several members, or too large: never pass it through blind
                await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
                return
            body = decoded
            self.start = {**self.start, "headers": [(k, v) for k, v in self.start["headers"] if k.lower() != b"content-encoding"]}
        try:
            charset = self._charset_of(body)
        except _Ambiguous:
            await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
            return
        try:
            new_body = self._protect_whole(body, charset)
        except DepthError:
            new_body = None
        if new_body is None:
            await _refuse(self._send, _Refusal(502, "uninspectable_response", "the response could not be inspected"))
            return
        headers = MutableHeaders(raw=list(self.start["headers"]))
        headers["content-length"] = str(len(new_body))
        self.owner.metrics.response(self.stats.protected)
        await self._send({**self.start, "headers": headers.raw})
        await self._send({"type": "http.response.body", "body": new_body, "more_body": False})

    def _protect_whole(self, body: bytes, charset: str | None) -> bytes | None:
        """A whole response body in ``charset`` (None: binary) masked; None where it cannot be
        inspected (refused with 502)."""
        if charset is None:
            new_body = body  # a binary download (an image, an archive): nothing a text reader could mask
        elif self.media in _EVENT_STREAMS and not _wide(charset):
            # UTF-8 to every client that follows the event-stream specification (EventSource),
            # whatever its label or its bytes (a bad byte is U+FFFD there): read so, and the label's
            # reading checked for a full-width number only it shows
            self.charset = "utf-8"
            text = body.decode("utf-8", "surrogateescape")
            new = self._protect(text)
            new_body = body if new == text else new.encode("utf-8", "surrogateescape")
            if _codec(charset) != "utf-8" and _shows_more(new_body, self.guard, charset, "utf-8", hidden_only=True):
                return None
        else:
            self.charset = charset
            try:
                text = body.decode(self.charset)
            except (UnicodeDecodeError, LookupError):
                if _wide(self.charset):  # UTF-16 or UTF-32 that does not decode
                    return None
                as_utf8 = _decoded(body, "utf-8") if _read_otherwise(self.charset) else None
                if as_utf8 is not None:  # UTF-8 under a label it does not decode in (windows-1252): read as UTF-8
                    new = self._protect(as_utf8)
                    return body if new == as_utf8 else new.encode("utf-8")
                if _gb18030_hides(body, self.guard):  # the label's reader sees a number GB18030's does not
                    return None
                text = body.decode("gb18030", "surrogateescape")  # still inspected, never passed through blind
                new = self._protect(text)
                new_body = body if new == text else new.encode("gb18030", "surrogateescape")
            else:
                if _XML_ENTITY_DECLARATION in text and "<!DOCTYPE" in text:  # see _refuse_xml_entities
                    return None
                new = self._protect(text)
                new_body = body if new == text else new.encode(self.charset)
                # UTF-8 under another label (a servlet container's ISO-8859-1 default, a GBK label on
                # UTF-8 bytes): curl in a UTF-8 terminal, a log shipper or a client that sniffs reads
                # what the label's mojibake hides (a full-width mobile): masked in that reading too;
                # the masks are ASCII, which both readings keep
                seen = _decoded(new_body, "utf-8") if _read_otherwise(self.charset) and not new_body.isascii() else None
                if seen is not None:
                    again = self._protect(seen)
                    if again != seen:
                        new_body = again.encode("utf-8")
                elif _FOUR_BYTE_GB18030.search(new_body) is not None and _shows_more(
                        new_body, self.guard, "utf-8", self.charset, hidden_only=True):
                    return None  # GB18030 whose four-byte characters take in a number's digits (\x810\x81 and a mobile)
        return new_body

    def _protect(self, text: str) -> str:
        """A whole response body, masked. JSON is edited value by value, so a number that held a
        phone becomes a string, not an unquoted mask that breaks the client's parser."""
        guard, stats = self.guard, self.stats
        assert guard is not None
        # JSON with no label or another one (text/plain, octet-stream): a client that calls
        # .json() on it reads its numbers (1.3812345678e10) and must still get JSON
        relabelled = not _json_bearing(self.media) and self.media not in _EVENT_STREAMS and _text_opens_like_json(text)
        if _is_json(self.media) or relabelled:
            bom = "\ufeff" if text.startswith("\ufeff") else ""  # kept, but not part of the JSON text
            try:
                protected = bom + guard.protect_json_text(text[len(bom):], stats)
            except jsontext.JSONTextError:
                pass  # not JSON after all: masked as text below
            else:
                # ... and read as the text it is labelled as too (a word in one string that makes
                # a number in another personal data for that reading)
                return guard.protect_text(protected, None, stats) if relabelled else protected
            # (JSON nested too deeply to read raises DepthError: the client's parser would read the
            # values the text reading does not, a number in E-notation; the caller answers 502)
        if self.media in _LINE_STREAMS:
            return guard.protect_lines(text, stats)  # JSON lines: each line stays JSON
        if self.media in _EVENT_STREAMS:
            text = "".join(events.mask_across(events.split_events(text), guard)[0])  # numbers across events
        return guard.protect_text(text, None, stats)

    async def _begin_streaming(self) -> None:
        assert self.start is not None
        self.streaming = True
        try:
            codecs.lookup(self.charset)
        except LookupError:
            self.charset = "gb18030"  # as for a whole body: still inspected, never passed through blind
        # An incremental decoder, as httpx's streaming text decoder: a character cut by a chunk edge
        # (a Han character in UTF-8, a UTF-16 code unit) is read whole with the next chunk.
        self.decoder = codecs.getincrementaldecoder(self.charset)(_decode_errors(self.charset))
        if self.media in _EVENT_STREAMS and _read_otherwise(self.charset):
            # UTF-8 to every client that follows the event-stream specification, whatever its
            # label (see _protect_whole): read so, the label's reading checked chunk by chunk
            self.other_reading = (self.charset, "utf-8", True)
            self.charset = "utf-8"
            self.decoder = codecs.getincrementaldecoder(self.charset)(_decode_errors(self.charset))
        if _STATEFUL_CODECS.match(_codec(self.charset)) is not None:
            # a stateful 7-bit charset (UTF-7, HZ, ISO-2022), whose decoder holds what it read (its
            # ASCII bytes are no ASCII text), is never read as UTF-8: read by its label, UTF-8's
            # reading checked
            self.other_reading = ("utf-8", self.charset, True)
        else:
            self.label_undecided = _read_otherwise(self.charset)
        headers = MutableHeaders(raw=list(self.start["headers"]))
        del headers["content-length"]
        await self._send({**self.start, "headers": headers.raw})

    def _across_events(self, piece: str, more: bool, expired: bool = False) -> str:
        """Complete events of an event stream, with the numbers that run across events masked
        (:mod:`pii_guard.events`: a chat model's deltas, a number over two data lines). Held while
        the last one may go on with a number in the next (:class:`events.RunOn`), up to
        :data:`_MAX_EVENTS_HELD` events, :data:`_MAX_EVENT_BYTES` characters or
        :data:`_MAX_EVENT_HOLD_SECONDS`; what is held goes out when the next event shows how it
        goes on, or the stream ends."""
        assert self.guard is not None
        if expired:  # held to the bound with no event since: out, as past any bound
            chunk, self.held_events = self.held_events, []
            out, self.event_tails = events.mask_across(chunk, self.guard, self.event_tails, self.run_on.close())
            return "".join(out)
        arrived = events.split_events(piece)
        runs_on = False
        for event in arrived:
            runs_on = self.run_on.observe(event)
        if not self.held_events:
            self.held_since = time.monotonic()
        chunk = self.held_events + arrived
        if (more and runs_on and len(chunk) < _MAX_EVENTS_HELD and sum(map(len, chunk)) < _MAX_EVENT_BYTES
                and time.monotonic() - self.held_since < _MAX_EVENT_HOLD_SECONDS):
            self.held_events = chunk
            return ""
        self.held_events = []
        # past the bound while a value may still go on with a number: its digits go out masked
        # (after the first three), and what follows in later events is joined to what went out
        forced = self.run_on.close() if more and runs_on else set()
        out, self.event_tails = events.mask_across(chunk, self.guard, self.event_tails, forced)
        return "".join(out)

    async def _stream(self, body: bytes, more: bool) -> None:
        # UTF-16 or UTF-32 that does not decode raises here, mid-stream: the server drops the
        # connection rather than the guard passing text it could not read
        if self.label_undecided:
            body = self._decide_reading(body, more)
        assert self.decoder is not None
        decoded = self.decoder.decode(body, final=not more)
        if _codec(self.charset) == "utf-8" and self.media not in _EVENT_STREAMS and UNDECODABLE.search(decoded) is not None:
            # Bytes that are no UTF-8 under a UTF-8 label (a GBK export streamed as Starlette's
            # text/csv, whose charset is always utf-8): read, as a whole body is, in GB18030 where
            # nothing has gone out yet; past that, the server drops the connection rather than the
            # guard passing text it cannot read (a full-width digit or a word of context is two
            # escaped bytes to the detector).
            if self.decoded_any:
                raise _Ambiguous(self.charset)
            self.charset = "gb18030"
            self.decoder = codecs.getincrementaldecoder(self.charset)(_decode_errors(self.charset))
            decoded = self.decoder.decode(body, final=not more)
            # the label's reader (UTF-8) must see no number GB18030's does not
            self.other_reading = ("utf-8", "gb18030", False)
        if self.other_reading is not None:
            # this chunk with the last bytes before it (a number cut by the chunk's edge)
            window = self.check_tail + body
            unit = _code_unit(self.other_reading[0])
            if unit > 1:
                # whole code units only (a chunk may end inside one); the tail kept opens on a
                # unit's first byte, as the stream does, so every window does too
                if _shows_more(window[: len(window) - len(window) % unit], self.guard, *self.other_reading):
                    raise _Ambiguous(self.charset)
                start = max(0, len(window) - _CHECK_TAIL_BYTES)
                self.check_tail = window[start - start % unit :]
            else:
                if _shows_more(window, self.guard, *self.other_reading):
                    raise _Ambiguous(self.charset)
                self.check_tail = _check_tail(window)
        self.decoded_any = self.decoded_any or bool(decoded)
        seen = self.markup_tail + decoded  # (a declaration may come across two chunks)
        self.doctype = self.doctype or "<!DOCTYPE" in seen
        if ("\x00" in decoded and not _wide(self.charset)) or (self.doctype and _XML_ENTITY_DECLARATION in seen):
            # a NUL a reader skips and the detector would not (see _text_charset), or XML entities
            # a parser expands (see _refuse_xml_entities), after the headers went out: the server
            # drops the connection
            raise _Ambiguous(self.charset)
        self.markup_tail = seen[-len(_XML_ENTITY_DECLARATION):]
        self.buffer += decoded
        unit_end = _unit_end(self.media)
        if not more:
            piece, self.buffer = self.buffer, ""
        elif unit_end is not None and (cut := unit_end(self.buffer)) > 0:
            piece, self.buffer = self.buffer[:cut], self.buffer[cut:]  # complete events or lines go now
        elif unit_end is not None and len(self.buffer) <= _MAX_HOLD:
            piece = ""  # an event or a line still coming: held, up to the bound, then cut as any text is
            if _is_text_line(self.media):
                # ... but the start of a text line that no number reaches goes now: a chat answer
                # streamed word by word may hold no line break for hundreds of characters.
                cut = _quiet_cut(self.buffer)
                if cut > 0:
                    piece, self.buffer = self.buffer[:cut], self.buffer[cut:]
        else:
            cut = len(self.buffer.rstrip(_TAIL_CHARS))
            if cut < len(self.buffer) - _MAX_HOLD:  # a long tail: cut it, but never inside a number
                # (in JSON, nor inside its fraction or exponent: 1.3812345678e|10 then 510 spaces)
                cut = len(self.buffer[: len(self.buffer) - _MAX_HOLD].rstrip(
                    _JSON_NUMBER_TAIL if _json_bearing(self.media) else _NUMBER_CHARS))
            cut = _before_escapes(self.buffer, cut)  # nor inside one written in escapes (\uff11\uff13…)
            piece, self.buffer = self.buffer[:cut], self.buffer[cut:]
        if self.media in _EVENT_STREAMS and (piece or (not more and self.held_events)):
            piece = self._across_events(piece, more)
        await self._emit(piece, more)

    def _decide_reading(self, body: bytes, more: bool) -> bytes:
        """What of ``body`` to decode now, a stream under a label that is not UTF-8 (GBK, Big5,
        ISO-8859-1, ASCII) having shown nothing but ASCII so far; reads the stream as UTF-8 from
        here where its first bytes past ASCII are UTF-8.

        A whole body so labelled is masked in its UTF-8 reading too (see :meth:`_protect_whole`):
        a client in a UTF-8 terminal, a log shipper or a client that sniffs reads a full-width
        mobile there that the label's mojibake hides. A stream is read once: as UTF-8 where its
        first characters past ASCII tell it is (:meth:`_utf8_told`; one or two GBK characters may
        be UTF-8, 女 and 投 are), what went out before being ASCII, which both read alike. Those
        bytes are held until they tell, the stream ends, :data:`_UTF8_EVIDENCE_BYTES` are held or
        a chunk comes :data:`_MAX_EVENT_HOLD_SECONDS` after the first of them.
        Either way the other reading is checked chunk by chunk (:attr:`other_reading`), the ASCII
        that went out before with the first: a full-width number it shows and the reading masked
        does not drops the connection (a single-byte label's reading holds no digit but ASCII ones)."""
        data = self.undecided_bytes + body
        first = _NON_ASCII.search(data)
        if first is None:
            self.undecided_bytes = b""
            self.check_tail = _check_tail(self.check_tail + data)  # ASCII that goes out: the first check's context
            return data
        rest = data[first.start():]
        try:
            shown: str | None = codecs.getincrementaldecoder("utf-8")().decode(rest, final=not more)
        except UnicodeDecodeError:
            shown = None
        if not self.undecided_bytes:
            self.undecided_since = time.monotonic()
        if (shown is not None and more and len(rest) < _UTF8_EVIDENCE_BYTES and not self._utf8_told(shown)
                and time.monotonic() - self.undecided_since < _MAX_EVENT_HOLD_SECONDS):
            self.undecided_bytes = rest  # too few characters to tell: told with the next chunk
            self.check_tail = _check_tail(self.check_tail + data[: first.start()])
            return data[: first.start()]
        label = self.charset
        self.label_undecided, self.undecided_bytes = False, b""
        if shown is not None:
            self.charset = "utf-8"
            self.decoder = codecs.getincrementaldecoder(self.charset)(_decode_errors(self.charset))
            if not _single_byte(label):  # (ASCII is one: its reading holds no digit but ASCII ones)
                self.other_reading = (label, "utf-8", True)
        else:
            self.other_reading = ("utf-8", label, True)
        return data

    def _utf8_told(self, shown: str) -> bool:
        """Whether ``shown`` (the UTF-8 reading of a stream's first bytes past ASCII) tells that it
        is UTF-8 under its label: under a single-byte or the ASCII label, one character (Latin-1
        text is practically never UTF-8); under GBK, Big5 and the like, :data:`_UTF8_EVIDENCE`
        characters of three or four bytes (CJK in UTF-8): one GB2312 character in seven is a
        two-byte UTF-8 sequence (医院通知 is four), seldom three bytes."""
        if _single_byte(self.charset):  # (ASCII too)
            return any(not ch.isascii() for ch in shown)
        return sum(ch >= "\u0800" for ch in shown) >= _UTF8_EVIDENCE

    async def _emit(self, piece: str, more: bool) -> None:
        """Scrub ``piece`` of the streamed body (the text before it as context) and send it."""
        if piece:
            # Detect with the last characters already sent as context (for 卡号… before a cut),
            # but emit only the new piece.
            guard, context = self.guard, self.context
            assert guard is not None
            # and with what follows it, held back, as context after (only where a cut fell before a line's end)
            ahead = self.buffer[:_CONTEXT_KEEP] if more and _is_text_line(self.media) else ""
            text, base = context + piece + ahead, len(context)
            found = guard.findings(text)
            if any(f.start < base < f.end for f in found):
                text, base = piece + ahead, 0  # a finding reached back: the piece alone
                found = guard.findings(text)
            across = max((f.end for f in found if f.start < base + len(piece) < f.end), default=0)
            if across and (across < len(text) or len(self.buffer) > _MAX_HOLD):
                # a finding runs on past the piece and ends within what is seen: it goes whole
                grow = across - base - len(piece)
                piece, self.buffer = piece + self.buffer[:grow], self.buffer[grow:]
            elif across:
                # it runs to the end of what is seen (more digits may follow): none of it goes yet
                self.buffer, piece = piece + self.buffer, ""
            # those in the context went out with the piece before, those ahead go with theirs
            found = [f for f in found if base <= f.start and f.end <= base + len(piece)]
            edits = [(start - base, end - base, new) for start, end, new in guard.edits_for(text, found, None, self.stats)]
            if _json_bearing(self.media):
                edits += self._number_edits(piece, edits)
            # JSON, and JSON lines (each line a document of its own), stay JSON
            if _is_json(self.media):
                out = self._json_edits(piece, edits)
            elif self.media in _LINE_STREAMS:
                out = self._json_lines_edits(piece, edits)
            else:
                out = apply_edits(piece, edits)
            if piece:
                self.context = (self.context + piece)[-_CONTEXT_KEEP:]  # a piece may be one character
        else:
            out = ""
        if not more:
            self.owner.metrics.response(self.stats.protected)
        await self._send({"type": "http.response.body", "body": out.encode(self.charset, _decode_errors(self.charset)), "more_body": more})
