"""Keep PII out of logs: a ``logging.Filter`` and a structlog processor.

Install in one line::

    import pii_guard.logfilter; pii_guard.logfilter.install()          # root + uvicorn handlers

or in a ``dictConfig``: ``{"filters": {"pii": {"()": "pii_guard.logfilter.PIILogFilter"}}}`` and
``"filters": ["pii"]`` on each handler. Uvicorn's access log writes the request line, query string
included, through the ``uvicorn.access`` logger; ``install()`` covers its handlers too.

The filter renders the message with its arguments (``record.getMessage()``), protects it with the
display policy by default (masking: no keys needed) and stores the result as the message, so the
arguments can no longer leak. Exception text is protected the same way. Log records are never
dropped: a log line is evidence; it only loses its numbers.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any, Callable, Iterable

from pii_guard.guard import Guard
from pii_guard.keys import Keyring

DEFAULT_LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access")
_UNINSPECTABLE = "[pii-guard: this log record could not be inspected and was withheld]"
_INSTALLED: "PIILogFilter | None" = None


_DONE = "_pii_guard_protected"  # set on a record once protected, so the handler filter does not redo it
_SEEN = "_pii_guard_fields"  # the fields a record had when protected: a filter may add more later
_NUMBERS = "_pii_guard_numbers"  # the extra fields that were numbers and are protected text now
_STANDARD = frozenset(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime", _DONE, _SEEN, _NUMBERS}


def _protect_record(guard: Guard, record: logging.LogRecord) -> None:
    if getattr(record, _DONE, False):
        return  # made by the wrapped makeRecord: the handler filter need not do it again
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: log it protected, never raise from logging
        message = f"{record.msg!s} {record.args!r}"
    protected = guard.protect_text(message)
    kept = _protected_args(guard, record)  # error trackers (Sentry, APM agents) send the arguments as they are
    if protected != message:
        if kept is not None and _renders_clean(guard, record.msg, kept):
            record.args = kept  # the arguments protected one by one, the message left to format them
        else:
            record.msg, record.args = _args_hidden(protected, record.args, kept), None
    elif kept is not None:
        if _rendered(record.msg, kept) is not None:
            record.args = kept
        else:  # a protected number no longer fits %d, %x, %e …: the message as rendered, the digits of each hidden
            record.msg, record.args = _args_hidden(message, record.args, kept), None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = guard.protect_text(record.exc_text)
        record.exc_info = None  # formatters that re-render exc_info would bypass the protected text
    if record.stack_info:
        record.stack_info = guard.protect_text(record.stack_info)
    for key, value in list(vars(record).items()):  # extra={...} fields, for JSON formatters
        if key not in _STANDARD:
            _set_field(record, key, value, protect_field(guard, value))
    for key in _NAMED_BY_THE_APP:
        # names an app gives at run time (a logger per session, sessions.<mobile>; a thread per
        # callback) that a format shows: %(name)s, %(threadName)s
        value = getattr(record, key, None)
        if isinstance(value, str) and value:
            protected = guard.protect_text(value)
            if protected != value:
                setattr(record, key, protected)
    setattr(record, _DONE, True)
    setattr(record, _SEEN, frozenset(vars(record)))


#: A record's standard fields whose values an app names at run time, not its code's place.
_NAMED_BY_THE_APP = ("name", "threadName", "processName", "taskName")


def _protect_late_fields(guard: Guard, record: logging.LogRecord) -> None:
    """Protect the fields a filter set on the record after it was protected (the logging
    cookbook's ContextFilter: ``record.user = …`` on a logger or handler), as it is formatted."""
    seen = getattr(record, _SEEN, None)
    if seen is None:
        _protect_or_withhold(guard, record)
        return
    for key, value in list(vars(record).items()):
        if key not in seen and key not in _STANDARD:
            try:
                _set_field(record, key, value, protect_field(guard, value))
            except Exception:
                _set_field(record, key, value, _UNINSPECTABLE)


def _set_field(record: logging.LogRecord, key: str, value: Any, protected: Any) -> None:
    """Set an extra field to its protected value, noting a number that became text: a format that
    writes it with ``%(amount)d`` or ``{amount:d}`` then writes the text (:func:`_format`)."""
    setattr(record, key, protected)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(protected, str):
        setattr(record, _NUMBERS, getattr(record, _NUMBERS, frozenset()) | {key})


def _protect_or_withhold(guard: Guard, record: logging.LogRecord) -> None:
    """Protect ``record``, or withhold its content where that fails: never raise into the app's
    logging call, never log unprotected."""
    try:
        _protect_record(guard, record)
    except Exception:
        record.msg, record.args, record.exc_info, record.exc_text = _UNINSPECTABLE, None, None, None


def _protected_args(guard: Guard, record: logging.LogRecord) -> tuple[Any, ...] | dict[str, Any] | None:
    """The record's arguments, each protected (``None`` when it has none).

    Every argument, also one the format string does not show (a dict's other keys, ``%.0s``):
    formatters that read the arguments themselves (uvicorn's access formatter unpacks
    ``(client, method, path, version, status)``) and error trackers that send them on see only
    protected values. An object whose ``str`` or ``repr`` shows a number is replaced by its
    protected ``str``, what the message shows."""
    args = record.args
    if not args:
        return None
    if isinstance(args, dict):
        return {k: _protected_arg(guard, v) for k, v in args.items()}
    if isinstance(args, tuple):
        return tuple(_protected_arg(guard, v) for v in args)
    return None


def _protected_arg(guard: Guard, value: Any) -> Any:
    if value is None or isinstance(value, (str, bytes, bytearray, int, float, dict, list, tuple, set, frozenset)):
        return protect_field(guard, value)
    shown, written = str(value), repr(value)
    protected, protected_repr = guard.protect_text(shown), guard.protect_text(written)
    if protected != shown or protected_repr != written:
        # the texts the message may show (%s, %r), protected: the object no longer travels
        return _Shown(protected, protected_repr)
    return value


class _Shown(str):
    """An argument whose ``str`` or ``repr`` showed a number, in its place: the protected ``str``
    (a string, so a JSON formatter still serialises the arguments) whose ``repr`` is the protected
    repr, so ``%r`` still renders that (masked), not the quoted ``str``."""

    _repr: str

    def __new__(cls, shown: str, written: str) -> "_Shown":
        self = super().__new__(cls, shown)
        self._repr = written
        return self

    def __repr__(self) -> str:
        return self._repr


def _args_hidden(text: str, args: Any, kept: tuple[Any, ...] | dict[str, Any] | None) -> str:
    """``text``, a message as rendered, with the digits of each argument that protection changed
    replaced by its protected text: ``%015d`` pads a phone to 000013812345678, which the detector
    reads as no number, and a protected argument no longer fits ``%d``."""
    if kept is None or not isinstance(args, (tuple, dict)):
        return text
    pairs = zip(args.values(), kept.values()) if isinstance(args, dict) and isinstance(kept, dict) else zip(args, kept)
    for original, protected in pairs:
        if isinstance(original, float) and original.is_integer():
            original = int(original)  # a phone column pandas read as float64 (NaN in it): %015.0f, %d
        if isinstance(original, (int, str)) and not isinstance(original, bool) and protected != original:
            digits = str(original)
            if len(digits) >= _HIDDEN_DIGITS and digits in text:
                text = text.replace(digits, str(protected))
    return text


#: An argument this long or longer is looked for in the rendered message (a short one would
#: match digits that are not it).
_HIDDEN_DIGITS = 7


def _rendered(msg: Any, args: tuple[Any, ...] | dict[str, Any]) -> str | None:
    """The message formatted with these arguments, or None where it does not format."""
    try:
        return str(msg) % args
    except Exception:
        return None


def _renders_clean(guard: Guard, msg: Any, args: tuple[Any, ...] | dict[str, Any]) -> bool:
    """Whether the message formatted with the protected arguments holds nothing to protect (not
    so where a number's context word is in the format string, or a number no longer fits %d)."""
    rendered = _rendered(msg, args)
    return rendered is not None and guard.protect_text(rendered) == rendered


_MAX_FIELD_DEPTH = 32


def protect_field(guard: Guard, value: Any, depth: int = 0) -> Any:
    """A log field of any type, protected: what a formatter would write of it holds no PII.

    Strings and numbers are protected as values; containers item by item (string keys too);
    bytes as UTF-8 text; any other object (a dataclass, a ``Decimal``, a model) by its ``str()``,
    which is what a JSON formatter with ``default=str`` writes. An object without PII in its
    text stays the object it was.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return guard.protect_text(value)
    if isinstance(value, (int, float)):
        return guard.protect_value(value, "$")
    if depth >= _MAX_FIELD_DEPTH:
        return _UNINSPECTABLE
    if isinstance(value, dict):
        return {(guard.protect_text(k) if isinstance(k, str) else k): protect_field(guard, v, depth + 1) for k, v in value.items()}
    if isinstance(value, tuple):  # a tuple stays one: structlog's positional_args, %-format arguments
        return tuple(protect_field(guard, v, depth + 1) for v in value)
    if isinstance(value, (list, set, frozenset)):
        return [protect_field(guard, v, depth + 1) for v in value]
    text = bytes(value).decode("utf-8", "replace") if isinstance(value, (bytes, bytearray, memoryview)) else str(value)
    protected = guard.protect_text(text)
    return value if protected == text else protected


class PIILogFilter(logging.Filter):
    """Protect each record's message, exception text and extra fields by a policy, ``display`` by default."""

    def __init__(self, policy: Any = "display", keyring: Keyring | None = None, name: str = "") -> None:
        super().__init__(name)
        self.guard = policy if isinstance(policy, Guard) else Guard(policy, keyring)

    def filter(self, record: logging.LogRecord) -> bool:
        _protect_or_withhold(self.guard, record)
        return True


def install(loggers: Iterable[str] = DEFAULT_LOGGERS, policy: Any = "display", keyring: Keyring | None = None) -> PIILogFilter:
    """Protect every log record of this process, whenever its handlers are created.

    Wraps ``Logger.makeRecord`` (so every record is protected as it is made, extras included,
    before any handler — also ones configured later by ``basicConfig`` or uvicorn — sees it) and
    ``Handler.handle`` (for records made elsewhere, ``logging.makeLogRecord`` by a queue or socket
    listener) and ``Handler.format`` (for fields a filter sets after the record was made, and the
    formatted line: a filter may rewrite the message, a formatter append to it), and adds the filter
    to the current handlers of ``loggers``.
    """
    global _INSTALLED
    log_filter = PIILogFilter(policy, keyring)
    _INSTALLED = log_filter  # a second install() with another policy takes effect
    # Wrap Logger.makeRecord, not the record factory: extra={…} fields are set on the record
    # after the factory runs, and they must be protected too.
    _wrap(logging.Logger, "makeRecord", lambda make_record: lambda self, *args, **kwargs: _made(make_record(self, *args, **kwargs)))
    # And every handler, whenever made: a record that never went through makeRecord (one made with
    # makeLogRecord by a QueueListener's or a socket server's receiving end) is protected before a
    # handler writes it (a record already protected is not done again) …
    _wrap(logging.Handler, "handle", lambda handle: lambda self, record: handle(self, _made(record)))
    # … and as a handler formats it, after every filter ran: fields a filter added late, and the
    # formatted line itself (a filter that rewrote the message, a Formatter that appends context).
    _wrap(logging.Handler, "format", lambda format_record: lambda self, record: _format(format_record, self, _late(record)))
    for name in loggers:
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if log_filter not in handler.filters:
                handler.addFilter(log_filter)
    return log_filter


def _wrap(owner: type, name: str, wrapper: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Replace ``owner.name`` by ``wrapper(original)``, once (a second install() keeps the first)."""
    original = getattr(owner, name)
    if not getattr(original, "_pii_guard", False):
        wrapped = wrapper(original)
        wrapped._pii_guard = True  # type: ignore[attr-defined]
        setattr(owner, name, wrapped)


def _made(record: logging.LogRecord) -> logging.LogRecord:
    _protect_or_withhold(_INSTALLED.guard, record)  # type: ignore[union-attr]
    return record


def _late(record: logging.LogRecord) -> logging.LogRecord:
    _protect_late_fields(_INSTALLED.guard, record)  # type: ignore[union-attr]
    return record


def _format(format_record: Callable[..., str], handler: logging.Handler, record: logging.LogRecord) -> str:
    """``handler``'s line for ``record``, protected (:func:`_final`). A number field protected into
    text no longer fits a numeric conversion (``%(amount)d``, ``{amount:015d}``): the line is then
    formatted with those fields written as text, not lost to a logging error."""
    try:
        return _final(format_record(handler, record))
    except (TypeError, ValueError):
        numbers = getattr(record, _NUMBERS, None)
        formatter = handler.formatter or logging.Formatter()
        if not numbers or not isinstance(formatter, logging.Formatter):
            raise
        return _final(_as_text(formatter, numbers).format(record))


def _as_text(formatter: logging.Formatter, names: frozenset[str]) -> logging.Formatter:
    """A copy of ``formatter`` whose format writes the fields ``names`` as text (``%(x)s``, ``{x}``)."""
    import copy
    import re

    fmt = formatter._style._fmt
    for name in names:
        key = re.escape(name)
        fmt = re.sub(f"%\\({key}\\)[#0 +-]*[0-9]*(?:\\.[0-9]+)?[diouxXeEfFgGc]", f"%({name})s", fmt)
        fmt = re.sub(f"\\{{{key}(?:![rsa])?:[^{{}}]*\\}}", f"{{{name}}}", fmt)
    clone = copy.copy(formatter)
    clone._style = copy.copy(formatter._style)
    clone._style._fmt = clone._fmt = fmt
    return clone


def _final(line: str) -> str:
    """The formatted line, protected: what a filter wrote into the message after the record was
    protected, or a ``Formatter`` subclass added as it formatted, is in no field to protect before."""
    try:
        return _INSTALLED.guard.protect_lines(line)  # type: ignore[union-attr]  # a JSON formatter's line stays JSON
    except Exception:
        return _UNINSPECTABLE


def structlog_processor(policy: Any = "display", keyring: Keyring | None = None):
    """A structlog processor that protects every value of the event dict (:func:`protect_field`).

    Put it after the processors that add values (``merge_contextvars``, ``add_logger_name`` …):
    it protects what the event holds when it runs. Before the renderer is best; after it, it
    protects the rendered line (a ``str`` or ``bytes``). An exception still to be rendered
    (``exc_info``, as ``log.exception`` leaves it) is rendered here into ``exception`` and
    protected, so that ``format_exc_info`` or a renderer further on never writes its text
    unprotected; positional arguments stay a tuple for ``PositionalArgumentsFormatter``.
    """
    guard = policy if isinstance(policy, Guard) else Guard(policy, keyring)

    def processor(_logger: Any, _method: str, event_dict: Any) -> Any:
        if isinstance(event_dict, str):  # after a renderer: the line itself (JSONRenderer's stays JSON)
            return guard.protect_lines(event_dict)
        if isinstance(event_dict, (bytes, bytearray)):
            return guard.protect_lines(bytes(event_dict).decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        exc_info = _exc_info(event_dict.pop("exc_info", None))
        if exc_info is not None:
            event_dict["exception"] = "".join(traceback.format_exception(*exc_info))
        protected = {(guard.protect_text(key) if isinstance(key, str) else key): protect_field(guard, value)
                     for key, value in event_dict.items()}  # a key too may hold a number (calls_138…)
        event_dict.clear()
        event_dict.update(protected)
        return event_dict

    return processor


def _exc_info(value: Any) -> tuple[Any, Any, Any] | None:
    """``exc_info`` as structlog accepts it (``True``, an exception, a triple) as a triple, or None."""
    if isinstance(value, BaseException):
        return type(value), value, value.__traceback__
    if isinstance(value, tuple) and len(value) == 3 and value[0] is not None:
        return value  # type: ignore[return-value]
    if value is True or (value and not isinstance(value, tuple)):
        current = sys.exc_info()
        return current if current[0] is not None else None
    return None


def logging_config(log_file: str | None = None, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` (also uvicorn's ``log_config``) with the filter on every handler.

    Covers the root logger, ``uvicorn.error`` and ``uvicorn.access`` (whose request lines carry
    query strings), to stderr and, if given, to ``log_file``.
    """
    handlers: dict[str, Any] = {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["pii"], "stream": "ext://sys.stderr"},
    }
    if log_file:
        handlers["file"] = {"class": "logging.FileHandler", "formatter": "plain", "filters": ["pii"],
                            "filename": log_file, "encoding": "utf-8"}
    names = list(handlers)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"pii": {"()": "pii_guard.logfilter.PIILogFilter"}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": handlers,
        "root": {"handlers": names, "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level, "propagate": True},
        },
    }
