"""Edit JSON text in place: protect or reveal values without re-serialising.

Re-serialising a JSON line (``json.dumps(json.loads(line))``) changes its
bytes — spacing, key order of duplicates, ``\\u`` escapes of Chinese text —
so a scrubbed and revealed file would not come back byte-exact. Here a small
scanner finds every scalar literal with its path and raw span, decodes string
literals *with an offset map* (so a finding in decoded text maps back to the
raw characters, escapes included), and only the characters of a finding are
replaced. Everything else keeps its original bytes.

On reveal, a token's value is written back in the literal's own style: as
``\\uXXXX`` escapes when the literal holds escapes and no raw non-ASCII
character (``ensure_ascii`` output), else as UTF-8. A JSON number that was
protected whole becomes a string token with the ``n`` flag and turns back
into a number literal.

The syntax is checked by :func:`json.loads` first (C speed, strict); the
scanner then only has to find spans.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Final, Iterator, NamedTuple, Sequence

from pii_guard.edits import apply_edits
from pii_guard.walk import DEFAULT_MAX_DEPTH, DepthError, child

_ESCAPES: Final = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class JSONTextError(ValueError):
    """Not valid JSON. The message gives a position, never content."""


class Literal(NamedTuple):
    """A scalar in the raw text: ``kind`` is ``string`` or ``number``; for strings,
    ``start``/``end`` include the quotes."""

    kind: str
    path: str
    start: int
    end: int


#: A number literal, matched where a value starts with "-" or a digit.
_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
#: The fraction of an integral number written as a float (``.0``, ``.000``).
_ZERO_FRACTION: Final = re.compile(r"\.0+")
#: The names a value may be; json.loads also takes NaN and the infinities, which are values too.
_NAMES: Final = ("true", "false", "null", "NaN", "Infinity", "-Infinity")
_JSON_SPACE: Final = frozenset(" \t\n\r")
#: tuple.__new__ makes a NamedTuple without its Python-level __new__ (half the cost)
_new_tuple: Final = tuple.__new__


def scan(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> list[Literal]:
    """Every string and number literal of a JSON text, with its path.

    The text is validated by ``json.loads`` first, so the tokenizer can trust the structure: it
    looks only at the character where a token starts, finds a string's closing quote with
    ``str.find`` (a regex reading a string literal tests a character class at every character:
    most of a complaint body is the text of its strings) and skips commas, colons and whitespace.
    """
    try:
        json.loads(text)
    except RecursionError:
        raise DepthError(f"document nests deeper than {max_depth} levels") from None
    except ValueError as exc:
        pos = getattr(exc, "pos", None)
        raise JSONTextError(f"invalid JSON at character {pos + 1}" if pos is not None else "invalid JSON") from None
    out: list[Literal] = []
    # frame: [is_object, path, key (objects) or index of the last value (arrays)]
    stack: list[list[Any]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        start = i
        if ch == '"':
            i = _string_end(text, i)
            after = i
            while after < n and text[after] in _JSON_SPACE:
                after += 1
            if after < n and text[after] == ":":  # an object key
                top = stack[-1]
                raw = text[start:i]
                top[2] = raw[1:-1] if "\\" not in raw else json.loads(raw)
                out.append(_new_tuple(Literal, ("key", top[1], start, i)))
                i = after + 1
                continue
            kind = "string"
        elif ch == "}" or ch == "]":
            stack.pop()
            i += 1
            continue
        elif ch == "{" or ch == "[":
            i += 1
            kind = "open"
        elif ch == "-" or "0" <= ch <= "9":
            number = _NUMBER.match(text, i)
            if number is None:  # -Infinity
                i += len(_NAMES[-1])
                kind = "name"
            else:
                i = number.end()
                kind = "number"
        elif ch == "t" or ch == "f" or ch == "n" or ch == "N" or ch == "I":
            i += len(next(name for name in _NAMES if text.startswith(name, i)))
            kind = "name"
        else:
            i += 1  # whitespace, a comma, a colon after a key's spaces
            continue
        # a value: its path is the key it follows or its index in the array
        if not stack:
            path = "$"
        else:
            top = stack[-1]
            if top[0]:
                path = child(top[1], top[2])
            else:
                top[2] += 1
                path = f"{top[1]}[{top[2]}]"
        if kind == "open":
            if len(stack) >= max_depth:
                raise DepthError(f"document nests deeper than {max_depth} levels")
            is_object = ch == "{"
            stack.append([is_object, path, None if is_object else -1])
        elif kind != "name":
            out.append(_new_tuple(Literal, (kind, path, start, i)))
    return out


def _string_end(text: str, start: int) -> int:
    """Where the string literal opened by the quote at ``start`` ends (after its closing quote):
    the first quote after it with an even number of backslashes right before it."""
    end = text.find('"', start + 1)
    while True:
        slash = end - 1
        while text[slash] == "\\":
            slash -= 1
        if (end - 1 - slash) % 2 == 0:
            return end + 1
        end = text.find('"', end + 1)


def decode_string(raw: str) -> tuple[str, Sequence[int]]:
    """Decode a string literal's body (no quotes) → ``(text, index)``.

    ``index[i]`` is the raw offset where decoded character ``i`` starts;
    ``index[len(text)]`` is ``len(raw)``.

    >>> decode_string(r'a\\u0031b')
    ('a1b', [0, 1, 7, 8])
    """
    if "\\" not in raw:
        return raw, range(len(raw) + 1)  # no copy: most literals hold no escape
    chars: list[str] = []
    index: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        index.append(i)
        ch = raw[i]
        if ch != "\\":
            chars.append(ch)
            i += 1
            continue
        kind = raw[i + 1]
        if kind != "u":
            chars.append(_ESCAPES[kind])
            i += 2
            continue
        code = int(raw[i + 2 : i + 6], 16)
        i += 6
        if 0xD800 <= code < 0xDC00 and raw.startswith("\\u", i):
            low = int(raw[i + 2 : i + 6], 16)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 6
        chars.append(chr(code))
    index.append(n)
    return "".join(chars), index


def encode_like(value: str, raw_sample: str) -> str:
    """Encode ``value`` as string-literal content in the style of ``raw_sample``."""
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return value  # tokens and masks: nothing to escape in either style
    ascii_style = "\\u" in raw_sample and raw_sample.isascii()
    return json.dumps(value, ensure_ascii=ascii_style)[1:-1]


#: ``edit(path, decoded, is_number) -> list of (start, end, replacement)`` in decoded offsets
Editor = Callable[[str, str, bool], "list[tuple[int, int, str]]"]


def rewrite(text: str, edit: Editor, max_depth: int = DEFAULT_MAX_DEPTH,
            key_edit: "Callable[[str], list[tuple[int, int, str]]] | None" = None) -> str:
    """Apply ``edit`` to every scalar (and ``key_edit``, if given, to every object key);
    replace only what they return."""
    literals = scan(text, max_depth)
    pieces: list[str] = []
    last = 0
    for lit in literals:
        if lit.kind == "number":
            path = lit.path
            new = number_replacement(text[lit.start : lit.end], lambda digits: edit(path, digits, True))
            if new is not None:  # the whole literal becomes a string: 13812345678.0, 6.2e18 and -138… included
                pieces.append(text[last : lit.start])
                pieces.append(json.dumps(new))
                last = lit.end
            continue
        if lit.kind == "key" and key_edit is None:
            continue
        body = text[lit.start + 1 : lit.end - 1]
        decoded, index = decode_string(body)
        spans = key_edit(decoded) if lit.kind == "key" else edit(lit.path, decoded, False)  # type: ignore[misc]
        if spans:
            pieces.append(text[last : lit.start + 1])
            pieces.append(_edit_body(body, index, spans))
            last = lit.end - 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _edit_body(body: str, index: Sequence[int], spans: list[tuple[int, int, str]]) -> str:
    """Replace decoded spans inside a raw string-literal body, keeping every other raw character."""
    out: list[str] = []
    pos = 0
    for s, e, replacement in sorted(spans):
        out.append(body[pos : index[s]])
        out.append(encode_like(replacement, body))
        pos = index[e]
    out.append(body[pos:])
    return "".join(out)


def iter_string_literals(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Iterator[tuple[Literal, str]]:
    """``(literal, raw body)`` for every string literal, object keys included (a key protected
    under ``uninspectable: protect`` holds a token too)."""
    for lit in scan(text, max_depth):
        if lit.kind in ("string", "key"):
            yield lit, text[lit.start + 1 : lit.end - 1]


def reveal(text: str, reveal_token: Callable[[str, str, int], "str | None"], max_depth: int = DEFAULT_MAX_DEPTH) -> str:
    """Replace every token inside string literals, keeping all other bytes.

    ``reveal_token(path, token, offset)`` returns the value or ``None`` to leave
    the token (a one-way hash). A literal that is exactly one number-flagged
    token becomes a number literal again.
    """
    from pii_guard.operators import tokens

    if not tokens.may_hold(text):
        return text
    pieces: list[str] = []
    last = 0
    for lit, body in iter_string_literals(text, max_depth):
        if not tokens.may_hold(body):
            continue
        # Search the decoded text: a raw escape such as \u673a must not read as
        # a letter glued to the token. Tokens themselves are never escaped.
        decoded, index = decode_string(body)
        matches = list(tokens.find(decoded))
        covered = {m.start() for m in matches}
        for broken in tokens.HEADER_PATTERN.finditer(decoded):
            if broken.start() not in covered:  # the callback raises on a malformed token
                reveal_token(lit.path, decoded[broken.start() :], lit.start + 1 + index[broken.start()])
        if not matches:
            continue
        offset = lit.start + 1
        if tokens.from_number(body):  # no escapes, so the decoded offsets are raw ones
            # what was a number literal (-13812345678, two cards in one 38-digit number, a phone
            # with a fraction) is one again when the revealed text reads as a number
            revealed = _reveal_number(body, matches, lambda m: reveal_token(lit.path, m.group(), offset + m.start()))
            if revealed is not None:
                pieces.append(text[last : lit.start])
                pieces.append(revealed)
                last = lit.end
                continue
        out: list[str] = []
        pos = 0
        for m in matches:
            value = reveal_token(lit.path, m.group(), offset + index[m.start()])
            if value is None:
                continue
            out.append(body[pos : index[m.start()]])
            out.append(encode_like(value, body))
            pos = index[m.end()]
        if not out:
            continue
        out.append(body[pos:])
        pieces.append(text[last:offset])
        pieces.append("".join(out))
        last = lit.end - 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)




def _reveal_number(body: str, matches: "list[re.Match[str]]", reveal_one: "Callable[[re.Match[str]], str | None]") -> str | None:
    """``body`` with its number-flagged tokens revealed, if that is a number literal; else ``None``
    (a one-way hash among them, a value that no longer reads as a number)."""
    out: list[str] = []
    pos = 0
    for m in matches:
        value = reveal_one(m)
        if value is None:
            return None
        out += (body[pos : m.start()], value)
        pos = m.end()
    out.append(body[pos:])
    revealed = "".join(out)
    return revealed if _NUMBER.fullmatch(revealed) else None


def number_replacement(raw: str, edit: "Callable[[str], list[tuple[int, int, str]]]") -> str | None:
    """What the JSON number literal ``raw`` becomes (the content of the string that replaces it),
    or ``None`` where ``edit`` changes nothing. ``edit`` is given the digits of the integer the
    number equals (:func:`_integral_digits`), else the literal as written (12345.67: a field
    protected whole is protected whatever number it holds, a mistyped 1381234567.8 is still
    someone's). A float's zero fraction is kept after the tokens (13812345678.0, as pandas and
    Python write an integral float), so reveal writes the literal back as it was; an exponent
    (1.3812345678e10) is not: it comes back as the integer it equals. One rule for a whole body
    and a streamed one."""
    sign = "-" if raw.startswith("-") else ""
    digits = _integral_digits(raw[len(sign):])
    if digits is None:
        spans = edit(raw)
        if spans:
            return apply_edits(raw, spans)
        # not integral as written, but as the double a parser reads (1.38123456780000000000000001e10
        # is 13812345678.0 to json.loads): that integer, which reveal gives back
        digits = _rounded_digits(raw[len(sign):])
        if digits is None:
            return None
    spans = edit(digits)
    if not spans:
        return None
    rest = raw[len(sign) + len(digits) :] if raw.startswith(digits, len(sign)) else ""
    return sign + apply_edits(digits, spans) + (rest if _ZERO_FRACTION.fullmatch(rest) else "")


def _integral_digits(raw: str) -> str | None:
    """The digits of a non-negative integral JSON number (``13812345678``, ``13812345678.0``,
    ``6.222028301661318604e18``), or ``None`` — a card or phone written as a float still counts."""
    if raw.isdigit():
        return raw
    value = _decimal(raw)
    if value is None or value != value.to_integral_value():
        return None
    return str(int(value))


def _rounded_digits(raw: str) -> str | None:
    """The digits of the integer the double nearest a non-negative JSON number is, where it is one:
    the value nearly every JSON parser gives the app (``1.38123456780000000000000001e10`` is
    ``13812345678.0`` to ``json.loads``)."""
    value = _decimal(raw)
    if value is None:
        return None
    read = float(value)
    return str(int(read)) if read.is_integer() and read > 0 else None


def _decimal(raw: str) -> Decimal | None:
    """A non-negative JSON number below 10**24 as an exact decimal, or ``None``."""
    if raw.startswith("-"):
        return None
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 24:
        return None
    return value
