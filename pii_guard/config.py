"""Load YAML configuration files with line numbers for every key.

Recognizer and policy files are written by people, so a mistake must be
reported as ``policies/x.yaml:12: entities.CN_BANK_CARD.action: unknown action
'encrpyt'`` at load time, never as a ``KeyError`` at request time. PyYAML's
composer keeps a mark for every node; :func:`load` walks the node tree once and
records the line of each key path next to the plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

KeyPath = tuple[object, ...]
#: The safe loader, in C where PyYAML was built with libyaml: same documents, same marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigError(ValueError):
    """A configuration file is invalid. The message names file, line and key."""

    def __init__(self, source: str, path: KeyPath, message: str, line: int | None = None) -> None:
        self.source, self.path, self.line = source, path, line
        where = f"{source}:{line}" if line else source
        key = ".".join(str(p) for p in path) or "(top level)"
        super().__init__(f"{where}: {key}: {message}")


@dataclass(frozen=True)
class Document:
    """Parsed YAML data plus the line (1-based) of each key path."""

    source: str
    data: Any
    lines: Mapping[KeyPath, int]

    def error(self, path: KeyPath, message: str) -> ConfigError:
        """A :class:`ConfigError` pointing at ``path`` (or its nearest parent)."""
        probe = tuple(path)
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return ConfigError(self.source, tuple(path), message, self.lines.get(probe))

    def check_keys(self, path: KeyPath, mapping: Any, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        """Reject non-mappings, unknown keys and missing required keys."""
        if not isinstance(mapping, dict):
            raise self.error(path, "expected a mapping")
        allowed = set(allowed)
        for key in mapping:
            if key not in allowed:
                raise self.error((*path, key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in mapping:
                raise self.error(path, f"missing required key {key!r}")


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], source: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:  # YAML would silently keep the last one: a rule written twice is a mistake
                raise ConfigError(source, (*path, key), "duplicate key", key_node.start_mark.line + 1)
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, source)


def loads(text: str, source: str = "<string>") -> Document:
    """Parse YAML text; syntax errors become :class:`ConfigError` with a line."""
    # One parse: the node tree (with the marks) is built, then constructed into plain data.
    # libyaml's parser where PyYAML has it (about 10x faster: a policy and the recognizers load
    # at every start of the CLI, a scrub worker or a server), the pure-Python one otherwise.
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(source, (), f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines, source)
    return Document(source, data, lines)


def load(path: str | Path) -> Document:
    """Read and parse a YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), (), f"cannot read file: {exc.__class__.__name__}") from None
    return loads(text, str(path))


def string_list(doc: Document, path: KeyPath, value: Any) -> tuple[str, ...]:
    """Validate a list of non-empty strings and freeze it."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise doc.error(path, "expected a list of non-empty strings")
    return tuple(value)


def number(doc: Document, path: KeyPath, value: Any, low: float, high: float) -> float:
    """Validate a number within ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise doc.error(path, f"expected a number between {low} and {high}")
    return float(value)


def freeze(value: Any) -> Any:
    """Deep-freeze parsed YAML (lists → tuples) for sharing between threads."""
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    return value


__all__: Sequence[str] = ["ConfigError", "Document", "load", "loads", "string_list", "number", "freeze"]
