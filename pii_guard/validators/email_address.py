"""E-mail address, as people type it in Chinese text (``邮箱abc@qq.com，``).

Presidio's ``EmailRecognizer`` relies on ``\\b`` (which never fires between a
Han character and a Latin letter, so ``邮箱abc@…`` comes back with ``邮箱``
inside the span) and on ``tldextract``, which downloads the public suffix list
on first use. The recognizer file matches ASCII-only local parts and domains;
this check rejects what that pattern cannot: empty labels and bad TLDs.

>>> check('zhang.san@example.com')
'valid'
>>> check('a..b@example.com') is None
True
>>> check('a@example.c0m') is None
True
>>> check('logo@2x.png') is None  # a retina image's name
True
"""

from __future__ import annotations

from typing import Any, Final, Mapping

from pii_guard.validators.exceptions import InvalidComponent, InvalidFormat, ValidationError

_MAX_LOCAL: Final = 64
_MAX_LABEL: Final = 63
#: File name extensions that are no top-level domain: ``logo@2x.png``, ``icon@3x.webp`` (the
#: retina images of an app's or a page's source), ``report@v2.pdf``. Not the extensions that are
#: also TLDs (.zip, .mov, .py, .pl, .md, .sh …): those addresses may be real.
FILE_EXTENSIONS: Final = frozenset({
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "heic", "avif", "psd",
    "css", "js", "mjs", "json", "xml", "yaml", "yml", "txt", "csv", "log", "pdf", "doc", "docx", "xls", "xlsx",
    "ppt", "pptx", "rar", "gz", "tgz", "tar", "apk", "ipa", "exe", "dll", "jar", "php", "jsp", "asp", "aspx",
    "htm", "html", "mp3", "mp4", "wav", "avi", "flv", "mkv", "webm", "m4a", "ttf", "otf", "woff", "woff2", "eot",
})


def compact(address: str) -> str:
    """Strip surrounding whitespace and lower-case the domain."""
    local, _, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def validate(address: str) -> str:
    """Return the compact address or raise a :class:`ValidationError`."""
    address = compact(address)
    local, _, domain = address.rpartition("@")
    if not local or len(local) > _MAX_LOCAL or ".." in local or local[0] == "." or local[-1] == ".":
        raise InvalidFormat()
    labels = domain.split(".")
    if len(labels) < 2 or any(not 0 < len(x) <= _MAX_LABEL or x[0] == "-" or x[-1] == "-" for x in labels):
        raise InvalidComponent()
    if not labels[-1].isalpha() or labels[-1] in FILE_EXTENSIONS:
        raise InvalidComponent()
    return address


def is_valid(address: str) -> bool:
    """Whether ``address`` is a syntactically valid e-mail address."""
    try:
        return bool(validate(address))
    except ValidationError:
        return False


#: Every outcome label :func:`check` returns (the recognizer loader checks a file's outcomes against them).
OUTCOMES: Final[frozenset[str]] = frozenset({"valid", "spaced"})


def check(candidate: str, params: Mapping[str, Any] | None = None) -> str | None:
    """Detector hook: ``'valid'``, ``'spaced'`` (a valid address written with a space beside
    its "@", as speech-to-text does, or after its last dot, as OCR does: ``zhaolei@163. com``,
    where the recognizer's pattern allows one) or ``None``."""
    head, dot, tld = candidate.rpartition(". ")
    if dot:
        if "@" not in head:
            return None
        candidate = f"{head}.{tld}"
    if dot or " @" in candidate or "@ " in candidate:
        return "spaced" if is_valid(candidate.replace(" @", "@").replace("@ ", "@")) else None
    return "valid" if is_valid(candidate) else None
