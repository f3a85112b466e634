"""The structured walk: JSON documents, form fields and table rows as (path, value).

Every face (middleware, files, Spark) walks structured data here, so a field
rule means the same thing in a request, a JSONL file and a CSV column.

Concrete paths look like ``$.complainant.id_number``, ``$.attachments[2].note``
and ``$['联系 电话']`` (keys that are not identifiers are quoted). A CSV
column ``phone`` is ``$.phone``.
"""

from __future__ import annotations

import re
from typing import Any, Callable

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
DEFAULT_MAX_DEPTH = 64
#: The deepest any setting may reach: compiled (pii_guard/_core.py), this walk recurses on the C
#: stack, which no RecursionError guards; as Python it takes two frames a level, and Python's
#: default limit is a thousand frames.
DEEPEST = 256


class DepthError(ValueError):
    """The document nests deeper than the configured limit."""


def child(path: str, key: object) -> str:
    """The path of ``key`` under ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = str(key)
    if _IDENT.match(key):
        return f"{path}.{key}"
    return "{}['{}']".format(path, key.replace("\\", "\\\\").replace("'", "\\'"))


#: A quoted name as :func:`child` writes it (``['na me']``, backslash and quote escaped).
_QUOTED_KEY = r"\['((?:[^'\\]|\\.)*)'\]"
#: The last key of a path: ``.name`` or ``['na me']``, then any indices (``[3]``, ``[*]``).
_LAST_KEY = re.compile(r"(?:\.([^.\[\]']+)|" + _QUOTED_KEY + r")(?:\[\d+\]|\[\*\])*\Z")
_INDICES = re.compile(r"(?:\[\d+\]|\[\*\])+\Z")


def _unquoted(key: str) -> str:
    """A quoted name's text without :func:`child`'s escapes."""
    return re.sub(r"\\(.)", r"\1", key)


#: The type wrappers of MongoDB Extended JSON (mongoexport): ``{"cardNo": {"$numberLong": "…"}}``
#: is the value of ``cardNo``, and that name, not the wrapper's, says what it is.
_TYPE_WRAPPERS = frozenset({"$numberLong", "$numberInt", "$numberDecimal", "$numberDouble"})


def last_name(path: str) -> str:
    """The name a path ends in, the inverse of :func:`child`: ``$.a.cardNo[*]`` → ``cardNo``,
    ``$['联系 电话']`` → ``联系 电话``, ``table.column`` → ``column``; a bare name (a CSV header) is
    itself; a type wrapper's key is passed over (``$.cardNo['$numberLong']`` → ``cardNo``)."""
    while True:
        m = _LAST_KEY.search(path)
        if m is None:
            return _INDICES.sub("", path)
        name = m.group(1) if m.group(1) is not None else _unquoted(m.group(2))
        if name not in _TYPE_WRAPPERS or m.start() == 0:
            return name
        path = path[: m.start()]


def transform(doc: Any, fn: Callable[[str, Any], Any], path: str = "$", max_depth: int = DEFAULT_MAX_DEPTH,
              key: Callable[[Any], Any] | None = None) -> Any:
    """A copy of ``doc`` with every scalar replaced by ``fn(path, value)`` (and every mapping key
    by ``key(name)``, where given: a name can be personal data too).

    Tuples, sets and frozensets are walked as lists are (a Python caller's document is not always
    what ``json.loads`` gives) and keep their type: a container the walk passed over would reach
    ``fn`` whole, and a value inside it would go out unread.

    Raises :class:`DepthError` past ``max_depth`` levels (never more than :data:`DEEPEST`)
    instead of overflowing the stack: a guard must fail closed, not crash.
    """
    limit = min(max_depth, DEEPEST)

    def walk(node: Any, here: str, depth: int) -> Any:
        if depth > limit:
            raise DepthError(f"document nests deeper than {limit} levels")
        if isinstance(node, dict):
            if key is not None:
                out = {key(k): walk(v, child(here, k), depth + 1) for k, v in node.items()}
                if len(out) != len(node):
                    # two keys protected into one (masked alike): a value would be lost without a word
                    raise ValueError(f"two keys under {here} become one when protected")
                return out
            return {k: walk(v, child(here, k), depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{here}[{i}]", depth + 1) for i, v in enumerate(node)]
        if isinstance(node, (tuple, set, frozenset)):
            items = [walk(v, f"{here}[{i}]", depth + 1) for i, v in enumerate(node)]
            if isinstance(node, tuple) and hasattr(node, "_fields"):
                return type(node)(*items)  # a named tuple takes its fields one by one
            if isinstance(node, tuple) and hasattr(node, "__fields__"):
                return type(node)(**dict(zip(node.__fields__, items)))  # a pyspark Row, by its names
            rebuilt = type(node)(items)
            if len(rebuilt) != len(node):
                raise ValueError(f"two values of the set at {here} become one when protected")
            return rebuilt
        return fn(here, node)

    return walk(doc, path, 0)


def compile_rule(rule: str) -> re.Pattern[str]:
    """A field rule as a regex over concrete paths.

    ``$.a.b``, ``$.a[*].b``, ``$.a[0]``, ``$.a.*``, ``$['a b']``; a bare name
    (``phone``) matches that key or column at any depth.

    >>> bool(compile_rule("$.attachments[*].note").match("$.attachments[3].note"))
    True
    >>> bool(compile_rule("phone").match("$.contact.phone"))
    True
    >>> bool(compile_rule("phone").match("$.contact.phone2"))
    False
    >>> bool(compile_rule("$.complainant.id_number").match("$.complainant.id_number[0]"))
    True
    """
    if not rule.startswith("$"):
        name = re.escape(rule)
        quoted = re.escape("['{}']".format(rule.replace("\\", "\\\\").replace("'", "\\'")))
        return re.compile(rf"^.*(?:\.{name}|{quoted})(?P<below>[.\[].*)?$", re.IGNORECASE)
    out = [r"^\$"]
    i = 1
    token = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\.\*|\[\*\]|\[(\d+)\]|" + _QUOTED_KEY)
    while i < len(rule):
        m = token.match(rule, i)
        if m is None:
            raise ValueError(f"invalid path near character {i + 1}")
        text = m.group(0)
        if text == ".*":
            out.append(r"(?:\.[A-Za-z_][A-Za-z0-9_]*|\['(?:[^'\\]|\\.)*'\])")
        elif text == "[*]":
            out.append(r"\[\d+\]")
        else:
            out.append(re.escape(text))
        i = m.end()
    out.append(r"(?P<below>[.\[].*)?$")  # a rule covers what sits under its path too (id_number: ["…"])
    return re.compile("".join(out), re.IGNORECASE)  # exports spell a column ID_REF as often as id_ref


#: A quoted name (``['id_ref ']``): one pass, no backtracking; its spaces are stripped in Python.
_QUOTED = re.compile(_QUOTED_KEY)


def trimmed(path: str) -> str:
    """``path`` with the spaces around each quoted name dropped (``$['id_ref ']`` → ``$.id_ref``),
    for matching field rules: a header typed with a stray space is still the column a rule names."""
    if "'" not in path:
        return path

    def name(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == key.strip():
            return m.group(0)
        return child("", _unquoted(key).strip())

    return _QUOTED.sub(name, path)
