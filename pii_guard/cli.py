"""``pii-guard`` command line: thin commands over library calls.

Each command parses arguments, opens files and maps errors to exit codes;
detection, policy and token logic live in the library. Error messages name a
line number, never a line's content, because the content may be PII.

Exit codes: 0 success, 1 some input could not be processed, 2 usage or
configuration error, 3 ``scan --fail-on`` threshold reached.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import threading
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Final, Iterator, Sequence, TextIO

from pii_guard.config import ConfigError
from pii_guard.entities import BUILTIN_ENTITIES
from pii_guard.detect import DEFAULT_THRESHOLD, ENV_RECOGNIZERS, Detector
from pii_guard.io.csvfile import CsvError
from pii_guard.io.files import UNDECODABLE
from pii_guard.io.parallel import WorkerError
from pii_guard.validators import ValidatorError

if TYPE_CHECKING:
    from pii_guard.settings import Limits

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_FINDINGS = 0, 1, 2, 3
#: The intake service's key file when neither --keyring nor the environment names one.
_DEFAULT_INTAKE_KEYRING = ".pii-guard/keys.json"


def _open_in(stack: ExitStack, path: str) -> IO[str]:
    if path == "-":
        sys.stdin.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
        return sys.stdin
    # utf-8-sig: a file saved as "UTF-8 with BOM" (Notepad, Excel) reads from its first record
    return stack.enter_context(open(path, encoding="utf-8-sig", errors="surrogateescape", newline=""))


def _open_out(stack: ExitStack, path: str) -> IO[str]:
    """The findings' output: standard output, or a file written to a temporary file beside it and
    renamed only when the run ends (a run ``--strict`` stops, or one that fails, leaves an existing
    output as it was)."""
    if path == "-":
        return sys.stdout
    from pii_guard.io.files import atomic_output

    return stack.enter_context(atomic_output(path))


class _Stopped(Exception):
    """``--strict`` stopped the run at a bad line: its output is not written."""


class _Object(dict):  # type: ignore[type-arg]
    """A JSON object as read, with the keys it gave more than once (``twice``)."""

    twice: frozenset[str] = frozenset()


def _record_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """``json.loads``' object hook: notes the keys an object gives twice, so that a record whose
    own ``id`` or ``text`` comes twice is refused (the last one wins in Python, the first in other
    readers: the findings would describe a text another reader does not see)."""
    record = _Object(pairs)
    if len(record) < len(pairs):
        record.twice = frozenset(k for k, n in Counter(k for k, _ in pairs).items() if n > 1)
    return record


def _record_text(record: object) -> tuple[object, str] | str:
    """Return ``(id, text)`` or an error message that holds no content."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    if {"id", "text"} & getattr(record, "twice", frozenset()):
        return "'id' or 'text' is given twice"
    if "id" not in record:
        return "missing 'id'"  # (written as null, it was one with a record whose id is null)
    rid = record.get("id")
    if isinstance(rid, float):
        # read as a binary float, written back otherwise (1e-400 as 0.0, a 17-digit id rounded)
        return "'id' is a number with a fraction or an exponent; write it as a string or an integer"
    text = record.get("text")
    if isinstance(text, bool) or text is None:
        return "missing 'text' (expected a string or an integer)"
    if isinstance(text, int):
        text = str(text)  # a number sent as a JSON number is still a number
    if not isinstance(text, str):
        return "'text' must be a string or an integer"
    return rid, text


def cmd_detect(args: argparse.Namespace) -> int:
    """``pii-guard detect``: JSONL in, findings out; or ``--text`` for a quick look."""
    from pii_guard.guard import Guard
    from pii_guard.operators.base import operator_context
    from pii_guard.operators.mask import mask

    detector = Detector.default()  # $PII_GUARD_RECOGNIZERS, which --recognizers sets
    threshold = args.threshold
    if args.text is not None:
        if args.input is not None or args.output != "-":
            print("pii-guard detect: give --text or INPUT.jsonl (with -o), not both", file=sys.stderr)
            return EXIT_USAGE
        display = Guard("display", None, detector=detector)
        for f in detector.analyze(args.text, threshold):
            value = args.text[f.start : f.end]
            # as the display policy masks it (an address's short local part hidden too); a
            # custom entity it does not name, its first and last two characters
            op = display.compiled.operator(f.entity_type) if f.entity_type in display.policy.entities else None
            shown = op.operate(value, operator_context(f.entity_type, None, f.outcome)) if op is not None else mask(
                value, keep_first=2, keep_last=2)
            why = f"  {f.pattern} {f.outcome} {f.context_word or '-'}" if args.explain else ""
            print(f"{f.entity_type:<16} {f.start:>6}-{f.end:<6} {f.score:.2f}  {shown}{why}")
        return EXIT_OK
    if args.input is None:
        print("pii-guard detect: give INPUT.jsonl (or -) or --text", file=sys.stderr)
        return EXIT_USAGE
    if _writes_over_input(args, "detect"):  # (it emptied the input: the output is opened first)
        return EXIT_USAGE
    try:
        return _detect_lines(args, detector, threshold)
    except _Stopped:
        return EXIT_INPUT


def _detect_lines(args: argparse.Namespace, detector: Detector, threshold: float | None) -> int:
    """``pii-guard detect INPUT.jsonl``: one output line per record; raises :class:`_Stopped`
    where ``--strict`` stops at a bad line."""
    failures = 0
    with ExitStack() as stack:
        try:
            src, dst = _open_in(stack, args.input), _open_out(stack, args.output)
        except OSError as exc:
            print(f"pii-guard detect: cannot open file: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
        lineno = 0
        try:
            for lineno, line in enumerate(src, 1):
                if lineno == 1:
                    line = line.removeprefix("\ufeff")  # a BOM on standard input
                if not line.strip():
                    continue
                if UNDECODABLE.search(line) is not None:
                    parsed: tuple[object, str] | str = "not valid UTF-8"
                else:
                    try:
                        record = json.loads(line, object_pairs_hook=_record_object)
                    except RecursionError:
                        parsed = "nested too deeply to read"
                    except ValueError as exc:
                        # Python refuses integers of more than 4,300 digits (CVE-2020-10735)
                        parsed = "an integer too long to read" if "integer string conversion" in str(exc) else "not valid JSON"
                    else:
                        parsed = _record_text(record)
                if isinstance(parsed, str):
                    failures += 1
                    print(f"pii-guard detect: line {lineno}: {parsed}", file=sys.stderr)
                    if args.strict:
                        raise _Stopped
                    continue
                rid, text = parsed
                entities = [f.to_dict(args.explain) for f in detector.analyze(text, threshold)]
                try:
                    out = json.dumps({"id": rid, "entities": entities}, ensure_ascii=False, allow_nan=False)
                    out.encode("utf-8")
                except UnicodeEncodeError:  # an id with a lone surrogate escape (\ud800): written escaped
                    out = json.dumps({"id": rid, "entities": entities})
                except ValueError:  # NaN, Infinity or 1e400 in the id: no JSON can hold it
                    failures += 1
                    print(f"pii-guard detect: line {lineno}: 'id' holds a number JSON cannot write (NaN, Infinity, "
                          "or one too large); write it as a string", file=sys.stderr)
                    if args.strict:
                        raise _Stopped
                    continue
                dst.write(out + "\n")
        except UnicodeDecodeError:
            print(f"pii-guard detect: line {lineno + 1}: input is not valid UTF-8", file=sys.stderr)
            return EXIT_INPUT
    if failures:
        print(f"pii-guard detect: {failures} line(s) could not be processed", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _keyring(path: str | None, required: bool = True):
    """The keyring named by ``--keyring`` or the environment; ``None`` only when
    none is configured and the command can do without (a masking policy)."""
    from pii_guard.keys import configured_keyring, load_keyring

    return load_keyring(path) if required else configured_keyring(path)


def cmd_keys(args: argparse.Namespace) -> int:
    """``pii-guard keys init|rotate|retire|list``: manage a key file (never prints secrets)."""
    from pii_guard.keys import FileKeyProvider, Keyring, new_keyring_data

    provider = FileKeyProvider(args.keyring)
    if args.keys_command == "init":
        provider.create(new_keyring_data(args.family))
        print(f"created {args.keyring} (mode 600, family {args.family}, primary key k1)", file=sys.stderr)
        return EXIT_OK
    data = provider.load()
    if args.keys_command == "rotate":
        data = provider.rotate()
        print(f"{args.keyring}: new primary key {data.primary}; older keys still reveal", file=sys.stderr)
        return EXIT_OK
    if args.keys_command == "retire":
        if not args.yes:
            print(f"pii-guard keys retire: retiring a key destroys it: the values of its tokens cannot be revealed "
                  "again by anyone holding this file (rekey what must stay readable first); add --yes to go on",
                  file=sys.stderr)
            return EXIT_USAGE
        data = provider.retire(args.key_id)
        print(f"{args.keyring}: key {args.key_id} retired; its id will not be issued again", file=sys.stderr)
        return EXIT_OK
    from pii_guard.guard import masked_name

    ring = Keyring(data)
    for kid in ring.ids:
        mark = "primary" if kid == ring.primary_id else ""
        # a hand-edited file's id or date may hold a number: shown masked, as any name is
        print(f"{masked_name(kid)}\t{masked_name(ring.created(kid) or '-')}\t{ring.family}\t{mark}".rstrip())
    for kid, when in data.retired.items():
        print(f"{masked_name(kid)}\t-\t{ring.family}\tretired {masked_name(when)}".rstrip())
    return EXIT_OK


def _guard(args: argparse.Namespace, need_keys: bool):
    from pii_guard.guard import Guard

    keyring = _keyring(args.keyring, required=need_keys)
    return Guard(args.policy, keyring)


def _run_stream(args: argparse.Namespace, name: str, body) -> tuple[int, int, object]:
    from pii_guard.guard import Stats
    from pii_guard.io.files import UnreadableInput, atomic_output, check_readable, check_readable_file, guess_format, open_input

    fmt = guess_format(args.input, args.format)
    stats = Stats()
    failures = 0

    def on_error(err) -> None:
        nonlocal failures
        print(f"pii-guard {name}: {err}", file=sys.stderr)
        if getattr(err, "warning", False):
            return  # handled in full: no failure, the exit code stays 0
        failures += 1
        if args.strict:
            raise _Stop()

    encoding = "utf-8"
    try:
        if fmt == "csv":
            from pii_guard.io import csvfile
            from pii_guard.io.encodings import SAMPLE_BYTES
            from pii_guard.io.files import open_stdin, sample_stdin

            wanted = getattr(args, "encoding", None), getattr(args, "delimiter", None)
            if args.input == "-" or not os.path.isfile(args.input):  # stdin, a pipe, a FIFO: read once
                sample, stream = sample_stdin(SAMPLE_BYTES, args.input)
                check_readable(sample, fmt, piped=True)
                args.csv_format = csvfile.detect_stream(sample, *wanted)
                src = open_stdin(args.csv_format.encoding, stream, owned=args.input != "-")
            else:
                check_readable_file(args.input, fmt)
                args.csv_format = csvfile.detect(args.input, *wanted)
                src = csvfile.open_text(args.input, args.csv_format)
            encoding = args.csv_format.encoding
        else:
            # text and JSON Lines: UTF-8, GBK, or UTF-16/32 behind a BOM (a BOM is kept: outputs are
            # byte-exact twins of inputs), decided over the file (a FIFO: over its first bytes)
            check_readable_file(args.input, fmt)
            src, encoding = open_input(args.input, getattr(args, "encoding", None), fmt)
    except OSError as exc:
        print(f"pii-guard {name}: cannot open input: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE, 0, stats
    except UnreadableInput as exc:
        print(f"pii-guard {name}: {exc}", file=sys.stderr)
        return EXIT_INPUT, 1, stats
    try:
        with src, atomic_output(args.output, encoding) as dst:
            written = body(src, dst, fmt, on_error, stats)
    except _Stop:
        kept = "no record from it on was written to standard output" if args.output == "-" else "the output is not kept"
        print(f"pii-guard {name}: --strict: stopped at the first bad record; {kept}", file=sys.stderr)
        return EXIT_INPUT, failures, stats
    except CsvError as exc:
        print(f"pii-guard {name}: {exc}", file=sys.stderr)
        return EXIT_INPUT, failures + 1, stats
    except UnicodeError:  # UnicodeDecodeError, and UTF-16's own "does not start with BOM"
        print(f"pii-guard {name}: input is not valid {encoding.upper()} (--encoding names another)", file=sys.stderr)
        return EXIT_INPUT, failures + 1, stats
    del written
    return (EXIT_INPUT if failures else EXIT_OK), failures, stats


class _Stop(Exception):
    """--strict: stop at the first bad record (the output is not kept)."""


def cmd_scrub(args: argparse.Namespace) -> int:
    """``pii-guard scrub``: protect text or JSON Lines by a policy."""
    from pii_guard.io import streams

    from pii_guard.io import csvfile, tables

    if _writes_over_input(args, "scrub"):
        return EXIT_USAGE
    guard = _guard(args, need_keys=False)
    from pii_guard.io.files import guess_format, table_read_as_text
    from pii_guard.io.parallel import worker_count

    workers = worker_count(args.workers)
    if args.workers is not None and workers < args.workers:
        print(f"pii-guard scrub: --workers {args.workers}: using {workers}, twice the CPUs this process may use",
              file=sys.stderr)

    if guess_format(args.input, args.format) in ("parquet", "sqlite"):
        return _scrub_columnar(args, guard)
    if table_read_as_text(args.input, args.format, lambda cell: guard.detector.labelled_entity(cell) is not None):
        print("pii-guard scrub: the input looks like a table under a header but is read as text (its suffix); "
              "give --format csv to read its column names as the context of their values, as scan does",
              file=sys.stderr)

    def body(src, dst, fmt, err, st):
        if fmt != "csv":
            with _progress(args, "scrub") as advance:
                return streams.scrub(guard, src, dst, fmt, err, st, workers=args.workers, progress=advance)
        csv_format = getattr(args, "csv_format", None) or csvfile.CsvFormat("utf-8")
        with _progress(args, "scrub") as advance:
            return tables.scrub_csv(guard, src, dst, csv_format, workers=args.workers, errors=err, stats=st, progress=advance)

    code, failures, stats = _run_stream(args, "scrub", body)
    if not (args.strict and failures):  # stopped: counts of records read ahead would mislead
        _summary("scrub", stats, failures)
    return code


def _same_file(args: argparse.Namespace) -> bool:
    """Whether ``-o`` names the input file itself (by path, link or hard link)."""
    if args.input == "-" or args.output == "-" or not os.path.exists(args.output) or not os.path.exists(args.input):
        return False
    return os.path.samefile(args.input, args.output)


def _same_path(a: str, b: str) -> bool:
    """Whether two paths name one file: the same file where both exist (links included), else
    the same resolved path (a file one of them is about to create)."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def _writes_over_input(args: argparse.Namespace, name: str) -> bool:
    """Whether ``-o`` names the input file itself, which scrub and reveal refuse: the original
    would be replaced (a masked export cannot be unmasked; a revealed one puts plaintext where
    the protected file was). ``rekey`` may write over its input: that is how keys are rotated."""
    if not _same_file(args):
        return False
    print(f"pii-guard {name}: the output is the input file; write to another file", file=sys.stderr)
    return True


def _scrub_columnar(args: argparse.Namespace, guard) -> int:
    """Parquet and SQLite: whole files, written atomically."""
    from pii_guard.guard import Stats
    from pii_guard.io import columnar
    from pii_guard.io.files import atomic_path, guess_format

    if args.input == "-" or args.output == "-":
        print("pii-guard scrub: Parquet and SQLite are read and written as files, not through - (stdin/stdout): "
              "give the input file and -o OUTPUT", file=sys.stderr)
        return EXIT_USAGE
    stats = Stats()
    fmt = guess_format(args.input, args.format)
    broken_keys: list[str] = []
    try:
        with atomic_path(args.output) as tmp, _progress(args, "scrub") as advance:
            if fmt == "parquet":
                rows = columnar.scrub_parquet(guard, args.input, tmp, stats, advance, workers=args.workers)
            else:
                tables = [t for t in (args.tables or "").split(",") if t] or None
                left_out: list[str] = []
                rows = columnar.scrub_sqlite(guard, args.input, tmp, stats, tables, advance, broken_keys=broken_keys,
                                             left_out=left_out)
                for message in left_out:
                    print(f"pii-guard scrub: warning: {message}", file=sys.stderr)
                for message in broken_keys:
                    print(f"pii-guard scrub: {'' if args.strict else 'warning: '}{message}", file=sys.stderr)
                if broken_keys and args.strict:
                    raise _Stop()  # an exception out of the block discards the copy
    except _Stop:
        print("pii-guard scrub: --strict: the output is not kept", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"pii-guard scrub: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except ValueError as exc:
        if isinstance(exc, UnicodeError) or type(exc).__module__.partition(".")[0] == "pyarrow":
            # pyarrow's ArrowInvalid is a ValueError whose message quotes a cell (Could not convert '138…')
            print(f"pii-guard scrub: cannot read the {fmt} input or write its output ({exc.__class__.__name__})", file=sys.stderr)
        else:  # our refusals say why (a UNIQUE column the masks collide in …): no crash's name
            print(f"pii-guard scrub: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # pyarrow/sqlite errors: name the kind, never the data
        print(f"pii-guard scrub: cannot read the {fmt} input or write its output ({exc.__class__.__name__})", file=sys.stderr)
        return EXIT_INPUT
    print(f"pii-guard scrub: {rows} rows", file=sys.stderr)
    _summary("scrub", stats, 0)
    return EXIT_OK


def _progress(args: argparse.Namespace, name: str):
    """A rich progress bar over input bytes on an interactive stderr (or with --progress)."""
    import contextlib
    import os

    if args.input == "-" or not (getattr(args, "progress", False) or sys.stderr.isatty()):
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

    @contextlib.contextmanager
    def bar():
        # on stderr: rich's default console is stdout, where `-o -` writes the output itself
        with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                      TransferSpeedColumn(), TimeRemainingColumn(), transient=False, console=Console(stderr=True)) as progress:
            task = progress.add_task(f"pii-guard {name}", total=os.path.getsize(args.input))
            yield lambda rows, size: progress.advance(task, size)

    return bar()


_ELEMENT = re.compile(r"\[\d+\]")


def _summary(name: str, stats, failures: int) -> None:
    """End-of-run summary per column and entity (counts only) on stderr."""
    if stats.fields:
        from pii_guard.guard import Guard

        display = Guard("display")  # a column name can itself be personal data (headerless files)
        fields: dict[tuple[str, str, str], int] = {}
        for (path, entity, action), n in stats.fields.items():
            # one line per field, not per element: $.calls[0].phone … $.calls[4999].phone are $.calls[*].phone
            key = (_ELEMENT.sub("[*]", path), entity, action)
            fields[key] = fields.get(key, 0) + n
        rows = [(display.protect_text(path), entity, action, n) for (path, entity, action), n in sorted(fields.items())]
        width = max(len(r[0]) for r in rows)
        print(f"pii-guard {name}: per column / field", file=sys.stderr)
        for path, entity, action, n in rows:
            print(f"  {path:<{width}}  {entity:<16} {action:<9} {n}", file=sys.stderr)
    counts = ", ".join(f"{e} {a} {n}" for (e, a), n in sorted(stats.protected.items())) or "nothing found"
    print(f"pii-guard {name}: {counts}" + (f"; {failures} record(s) not processed" if failures else ""), file=sys.stderr)


def cmd_reveal(args: argparse.Namespace) -> int:
    """``pii-guard reveal``: decrypt tokens for a key holder and audit the act."""
    from pii_guard import audit
    from pii_guard.guard import Guard
    from pii_guard.io import streams

    if not args.actor.strip() or not args.purpose.strip():
        print("pii-guard reveal: --as and --purpose must not be empty", file=sys.stderr)
        return EXIT_USAGE
    if _writes_over_input(args, "reveal"):
        return EXIT_USAGE
    guard = Guard("audit", _keyring(args.keyring))
    from pii_guard.io.files import guess_format

    log = args.audit_log or audit.default_path()
    if any(_same_path(str(log), other) for other in (args.input, args.output) if other != "-"):
        # the output would replace the log's records (the intent lost, the completion chained
        # after plaintext), or the records would be written into the input being revealed
        print("pii-guard reveal: the audit log is the input or the output file; give it a file of its own", file=sys.stderr)
        return EXIT_USAGE
    # The intent is recorded before any plaintext is written: a reveal that cannot be audited
    # does not happen. The completion record below adds the counts.
    audit.append(log, {"event": "reveal", "actor": args.actor, "purpose": args.purpose,
                       "input": args.input, "output": args.output}, guard.keyring)
    if guess_format(args.input, args.format) in ("parquet", "sqlite"):
        code, failures, stats = _reveal_columnar(args, guard)
    else:
        code, failures, stats = _run_stream(args, "reveal", lambda src, dst, fmt, err, st: streams.reveal(
            guard, src, dst, fmt, err, st, csv_format=getattr(args, "csv_format", None)))
        if getattr(args, "encoding", None) is None and _ascii_in_non_ascii_out(args.input, args.output):
            # A GBK file whose only other characters than ASCII were in its numbers (１３８…) is
            # ASCII once scrubbed: nothing tells its encoding, and UTF-8 is assumed.
            print("pii-guard reveal: note: the input holds ASCII only, so nothing tells the encoding of the file "
                  "scrub read; revealed values were written in UTF-8 (give --encoding gb18030 if it was GBK)",
                  file=sys.stderr)
    audit.append(log, {
        "event": "reveal_done", "actor": args.actor, "purpose": args.purpose,
        "input": args.input, "output": args.output, "exit_code": code, "failed_records": failures,
        **{k: v for k, v in stats.as_dict().items() if k in ("revealed", "one_way_tokens")},
    }, guard.keyring)
    total = sum(stats.revealed.values())
    print(f"pii-guard reveal: {total} value(s) revealed; audit record appended to {log}", file=sys.stderr)
    return code


def _ascii_in_non_ascii_out(src: str, dst: str) -> bool:
    """Whether the regular file ``src`` holds ASCII only and ``dst`` does not (one pass each, in
    blocks; a pipe or standard stream is not read again)."""

    def ascii_only(path: str) -> bool:
        with open(path, "rb") as handle:
            return all(block.isascii() for block in iter(lambda: handle.read(1 << 20), b""))

    if "-" in (src, dst) or not (os.path.isfile(src) and os.path.isfile(dst)):
        return False
    return ascii_only(src) and not ascii_only(dst)


def _reveal_columnar(args: argparse.Namespace, guard) -> tuple[int, int, object]:
    from pii_guard.guard import RevealError, Stats
    from pii_guard.io import columnar
    from pii_guard.io.files import atomic_path, guess_format

    stats = Stats()
    if args.input == "-" or args.output == "-":
        print("pii-guard reveal: Parquet and SQLite are read and written as files, not through - (stdin/stdout): "
              "give the input file and -o OUTPUT", file=sys.stderr)
        return EXIT_USAGE, 0, stats
    notices: list[str] = []
    try:
        with atomic_path(args.output) as tmp:
            if guess_format(args.input, args.format) == "parquet":
                columnar.reveal_parquet(guard, args.input, tmp, stats, notices=notices)
            else:
                columnar.reveal_sqlite(guard, args.input, tmp, stats)
    except RevealError as exc:
        print(f"pii-guard reveal: {exc}", file=sys.stderr)
        return EXIT_INPUT, 1, stats
    except Exception as exc:
        print(f"pii-guard reveal: cannot read input ({exc.__class__.__name__})", file=sys.stderr)
        return EXIT_INPUT, 1, stats
    for notice in notices:
        print(f"pii-guard reveal: {notice}", file=sys.stderr)
    return EXIT_OK, 0, stats


def cmd_rekey(args: argparse.Namespace) -> int:
    """``pii-guard rekey``: re-encrypt every token to the current primary key."""
    from pii_guard.guard import Guard
    from pii_guard.io import streams

    from pii_guard.io.files import guess_format

    if guess_format(args.input, args.format) in ("parquet", "sqlite"):
        # read as a stream, a database or Parquet file would be rewritten into garbage
        print("pii-guard rekey: reads text, JSON Lines and CSV; for Parquet and SQLite, reveal and scrub again", file=sys.stderr)
        return EXIT_USAGE
    guard = Guard("audit", _keyring(args.keyring))
    in_place = _same_file(args)
    if in_place:
        # a record rekey cannot move (a token of another keyring, a damaged one) would be left out
        # of the new file, and the file replaces the input: the first one stops the run, and the
        # input stays as it was
        args.strict = True
    code, failures, stats = _run_stream(args, "rekey", lambda src, dst, fmt, err, st: streams.reveal(
        guard, src, dst, fmt, err, st, rekey=True, csv_format=getattr(args, "csv_format", None)))
    if in_place and failures:
        print("pii-guard rekey: the input was left as it was (rekeyed in place, no record may be lost); "
              "rekey into another file to move what can be moved (the rest is copied as it was)", file=sys.stderr)
        return code
    if args.strict and failures:
        return code
    print(f"pii-guard rekey: {sum(stats.revealed.values())} token(s) moved to key {guard.keyring.primary_id}", file=sys.stderr)
    if stats.one_way:
        # a hash has no value to re-hash: those tokens stay keyed by their old key, and the same
        # number hashed now gives another token (data hashed before and after no longer joins)
        print(f"pii-guard rekey: {stats.one_way} hash token(s) left on an older key (a hash cannot be moved: "
              "scrub the original data again to hash it under the new key)", file=sys.stderr)
    return code


def _handlers(pairs: list[str]) -> dict[str, str]:
    import os

    out: dict[str, str] = {}
    for item in [*filter(None, os.environ.get("PII_GUARD_HANDLERS", "").split(",")), *pairs]:
        name, sep, token = item.partition(":")
        if not sep or not name or len(token) < 16:
            raise SystemExit("pii-guard: a handler is NAME:TOKEN with a token of at least 16 characters")
        out[token] = name
    return out


def cmd_intake(args: argparse.Namespace) -> int:
    """``pii-guard intake``: run the complaint-intake service behind the middleware."""
    from pathlib import Path

    import uvicorn

    from pii_guard.keys import ENV_KEYRING_DATA, ENV_KEYRING_PATH, FileKeyProvider, KeyringError, load_keyring, new_keyring_data
    from pii_guard.logfilter import logging_config
    from pii_guard.service.app import IntakeConfig, build

    # --keyring, else the keyring the environment names (as every other command reads it), else
    # the embedded default, created on first use
    configured = args.keyring is None and bool(os.environ.get(ENV_KEYRING_PATH) or os.environ.get(ENV_KEYRING_DATA))
    keyring_path = Path(args.keyring or _DEFAULT_INTAKE_KEYRING)
    if not configured and not keyring_path.exists():
        keyring_path.parent.mkdir(parents=True, exist_ok=True)
        FileKeyProvider(keyring_path).create(new_keyring_data())
        print(f"pii-guard intake: created key file {keyring_path} (mode 600)", file=sys.stderr)
    try:
        keyring = load_keyring(None if configured else keyring_path)
    except KeyringError as exc:
        print(f"pii-guard intake: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.log_file:
        Path(args.log_file).parent.mkdir(parents=True, exist_ok=True)
    Path(args.audit_log).parent.mkdir(parents=True, exist_ok=True)
    if args.handler:
        print("pii-guard intake: a handler token given with --handler is visible to every local user in the "
              "process list; put NAME:TOKEN in $PII_GUARD_HANDLERS instead", file=sys.stderr)
    config = IntakeConfig(database=args.db, handlers=_handlers(args.handler), audit_log=args.audit_log, policy=args.policy)
    app, _store = build(keyring, config)
    uvicorn.run(app, host=args.host, port=args.port, log_config=logging_config(args.log_file), access_log=True,
                **_forwarding(args))
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """``pii-guard audit-verify LOG``: walk the log's MAC chain; exit 1 at the first record that
    does not verify (edited, removed, inserted, without a MAC), where records keyed by a key the
    keyring lacks could not be checked, and for a log of no records."""
    from pii_guard import audit

    keyring = _keyring(args.keyring)
    try:
        result = audit.verify(args.log, keyring)
    except OSError as exc:
        print(f"pii-guard audit-verify: cannot read {args.log}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    for key_id, lines in result.unchecked.items():
        why = "was retired from this keyring"
        shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        print(f"pii-guard audit-verify: {len(lines)} record(s) keyed by {key_id}, which {why}, could not be "
              f"checked (line {shown})", file=sys.stderr)
    if result.line is not None:
        print(f"pii-guard audit-verify: the record on line {result.line} {result.reason}", file=sys.stderr)
        return EXIT_INPUT
    if not result.records:
        print(f"pii-guard audit-verify: {args.log} holds no record", file=sys.stderr)
        return EXIT_INPUT
    if result.unchecked:
        checked = result.records - sum(len(lines) for lines in result.unchecked.values())
        print(f"pii-guard audit-verify: {result.records} record(s); the {checked} checked verify, the chain "
              "is not proven intact", file=sys.stderr)
        return EXIT_INPUT
    print(f"pii-guard audit-verify: {result.records} record(s), chain intact", file=sys.stderr)
    return EXIT_OK


def _forwarding(args: argparse.Namespace) -> dict[str, object]:
    """uvicorn's settings for X-Forwarded-For: off unless ``--forwarded-allow-ips`` names the
    proxies in front. uvicorn trusts 127.0.0.1 by default, so any local client could set the
    address the intake's reveal throttle and audit records go by, and the proxy's chain."""
    if not args.forwarded_allow_ips:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": args.forwarded_allow_ips}


def cmd_serve(args: argparse.Namespace) -> int:
    """``pii-guard serve module:app``: wrap any ASGI app and run it under uvicorn."""
    import importlib

    import uvicorn

    from pii_guard.logfilter import logging_config
    from pii_guard.middleware import PIIGuardMiddleware

    module_name, sep, attr = args.app.partition(":")
    if not sep:
        print("pii-guard serve: give the app as module:attribute", file=sys.stderr)
        return EXIT_USAGE
    sys.path.insert(0, ".")
    try:
        target = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        print(f"pii-guard serve: cannot import {args.app}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    keyring = _keyring(args.keyring, required=False)
    app = PIIGuardMiddleware(target, policy=args.policy, keyring=keyring,
                             response_policy=args.response_policy, limits=_limits(args))
    uvicorn.run(app, host=args.host, port=args.port, log_config=logging_config(args.log_file), **_forwarding(args))
    return EXIT_OK


def cmd_proxy(args: argparse.Namespace) -> int:
    """``pii-guard proxy``: a guarded reverse proxy in front of any HTTP service."""
    import uvicorn

    from pii_guard.logfilter import logging_config
    from pii_guard.middleware import PIIGuardMiddleware
    from pii_guard.proxy import ReverseProxy

    keyring = _keyring(args.keyring, required=False)
    try:
        upstream = ReverseProxy(args.upstream, timeout=args.timeout or None)
    except ValueError as exc:
        print(f"pii-guard proxy: --upstream: {exc}", file=sys.stderr)
        return EXIT_USAGE
    app = PIIGuardMiddleware(upstream, policy=args.policy, keyring=keyring,
                             response_policy=args.response_policy, ignore_paths=(), limits=_limits(args))
    # the upstream's own Date and Server headers go to the client, not a second pair of uvicorn's
    uvicorn.run(app, host=args.host, port=args.port, log_config=logging_config(args.log_file),
                server_header=False, date_header=False, **_forwarding(args))
    return EXIT_OK


def _limits(args: argparse.Namespace) -> Limits:
    """The middleware's limits, with ``--max-body`` (MiB) where given."""
    from pii_guard.settings import Limits

    if args.max_body is None:
        return Limits()
    size = max(1, int(args.max_body * (1 << 20)))
    return Limits(max_body_bytes=size, max_encoded_body_bytes=size)


def cmd_scan(args: argparse.Namespace) -> int:
    """``pii-guard scan``: find plaintext, protected and masked PII in files and databases."""
    import datetime as dt
    import json

    from pii_guard.scan.html import to_html
    from pii_guard.scan.report import malformed_note, render_json, to_json, utf8_safe
    from pii_guard.scan.sarif import to_sarif
    from pii_guard.scan.scanner import Scanner

    started = dt.datetime.now(dt.timezone.utc)
    tables = [t for t in (args.tables or "").split(",") if t] or None
    written = [Path(p) for p in (args.json, args.sarif, args.html) if p]
    for out in written:
        # checked before the scan, not after an hour of it: a folder that is not there, or an
        # export the report would overwrite (scan exports --json exports/complaints.csv)
        if not out.parent.is_dir():
            print(f"pii-guard scan: cannot write {out}: its folder does not exist", file=sys.stderr)
            return EXIT_USAGE
        if out.is_file() and _scanned(out, args.targets) and not _previous_report(out):
            print(f"pii-guard scan: {out} is one of the files scanned, not a report: refusing to overwrite it", file=sys.stderr)
            return EXIT_USAGE
    scanner = Scanner(sample=args.sample)
    reports = scanner.scan(args.targets, tables, exclude=written)  # not this run's own reports of a previous run
    report = to_json(reports, started, dt.datetime.now(dt.timezone.utc), scanner.skipped)
    outputs = ((args.json, lambda: render_json(report)),
               (args.sarif, lambda: json.dumps(to_sarif(report), ensure_ascii=False, indent=2)),
               (args.html, lambda: to_html(report)))
    for path, render in outputs:
        if path:
            from pii_guard.io.files import atomic_output

            with atomic_output(path) as handle:
                handle.write(utf8_safe(render()) + "\n")  # bytes a source's encoding did not read stay out
    summary = report["summary"]
    for source in report["sources"]:
        plain = sum(f["plaintext"] for f in source["findings"])
        state = f"{plain} plaintext, {sum(f['protected'] for f in source['findings'])} protected, " \
            f"{sum(f['masked'] for f in source['findings'])} masked"
        if source["sampled"]:
            state += f" (sampled: {source['rows_scanned']} rows or lines read)"
        if source["malformed_records"]:
            state += f"; {malformed_note(source)}"
        print(f"{source['source']}: {source['error'] + '; ' + state if source['error'] else state}")
    for skipped in report["skipped"]:
        print(f"{skipped['source']}: skipped ({skipped['reason']})")
    print(f"pii-guard scan: {summary['sources']} source(s), {summary['plaintext_findings']} plaintext finding(s), "
          f"highest risk {summary['highest_risk']}" + ("" if summary["complete"] else
          f"; INCOMPLETE: {summary['unreadable_sources']} source(s) could not be read") +
          (f"; {summary['sampled_sources']} source(s) sampled" if summary["sampled_sources"] else "") +
          (f"; {len(report['skipped'])} file(s) skipped" if report["skipped"] else ""))
    if not summary["complete"]:
        print(f"pii-guard scan: {summary['unreadable_sources']} source(s) could not be read; the scan is incomplete", file=sys.stderr)
        return EXIT_INPUT  # an incomplete scan is never a pass, --fail-on or not
    if args.fail_on is not None and summary["plaintext_findings"] >= args.fail_on:
        print(f"pii-guard scan: {summary['plaintext_findings']} plaintext finding(s) reach --fail-on {args.fail_on}", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _scanned(path: Path, targets: Sequence[str]) -> bool:
    """Whether ``path`` is one of the files ``targets`` (files and folders) name."""
    here = path.resolve()
    for target in targets:
        if "://" in target:
            continue
        root = Path(target).resolve()
        if here == root or root in here.parents:
            return True
    return False


def _previous_report(path: Path) -> bool:
    """Whether ``path`` holds a report of an earlier ``pii-guard scan`` (JSON, SARIF or HTML)."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return any(mark in head for mark in (b'"tool": "pii-guard"', b'"name": "pii-guard"', b"<title>pii-guard scan report</title>"))


def cmd_spark_scrub(args: argparse.Namespace) -> int:
    """``pii-guard spark-scrub``: scrub a lake directory on Spark (spark-submit-able)."""
    try:
        from pii_guard.spark import spark_scrub
    except ImportError:
        print("pii-guard spark-scrub: needs pyspark: pip install 'pii-guard[spark]'", file=sys.stderr)
        return EXIT_USAGE
    try:
        rows = spark_scrub(args.input, args.output, args.policy, args.keyring, args.format, args.master)
    except ValueError as exc:  # columns the guard cannot inspect (nested, binary): nothing written
        print(f"pii-guard spark-scrub: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"pii-guard spark-scrub: {rows} rows written to {args.output}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The ``pii-guard`` argument parser."""
    parser = argparse.ArgumentParser(prog="pii-guard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("detect", help="find IDs, bank cards, phone numbers and e-mails")
    p.add_argument("input", nargs="?", help="JSON Lines file with {id, text} per line, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="output JSON Lines file (default: stdout)")
    p.add_argument("--text", help="analyse this text and print what was found, masked")
    p.add_argument("--threshold", type=_score, default=DEFAULT_THRESHOLD, help="minimum score, 0 to 1 (default %(default)s)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input line")
    p.add_argument("--explain", action="store_true", help="add pattern, outcome and context word to each entity")
    p.add_argument("--recognizers", metavar="DIR",
                   help=f"directory of recognizer YAML files (default: ${ENV_RECOGNIZERS} or the shipped ones)")
    p.set_defaults(func=cmd_detect)

    p = sub.add_parser("keys", help="create, rotate, retire and list keyrings")
    ksub = p.add_subparsers(dest="keys_command", required=True)
    for name, text in (("init", "create a new key file (refuses to overwrite)"), ("rotate", "add a new primary key"),
                       ("retire", "destroy an old key: its tokens can no longer be revealed; its id is never issued again"),
                       ("list", "list key ids")):
        kp = ksub.add_parser(name, help=text)
        kp.add_argument("--keyring", required=True, help="key file path")
        if name == "init":
            kp.add_argument("--family", choices=("aes", "sm"), default="aes", help="aes: AES-256-GCM/HMAC-SHA256; sm: SM4-GCM/HMAC-SM3")
        if name == "retire":
            kp.add_argument("key_id", help="the id of the key to retire (not the primary: rotate first)")
            kp.add_argument("--yes", action="store_true", help="confirm: the values its tokens hold are lost for good")
    p.set_defaults(func=cmd_keys)

    def stream_args(q: argparse.ArgumentParser, keyring_required: bool) -> None:
        q.add_argument("input", help="input file, or - for stdin")
        q.add_argument("-o", "--output", default="-", help="output file (written atomically), default stdout")
        q.add_argument("--keyring", required=False, help="key file (default: $PII_GUARD_KEYRING or $PII_GUARD_KEYS)")
        q.add_argument("--format", choices=("text", "jsonl", "csv", "parquet", "sqlite"),
                       help="default: by file suffix (.jsonl/.ndjson/.json, .csv/.tsv, .parquet, .db/.sqlite), else text; JSON Lines that are one pretty-printed document are read as that document")
        q.add_argument("--strict", action="store_true",
                       help="stop at the first bad record; SQLite: refuse an output whose foreign keys the protection broke")
        q.add_argument("--encoding", type=_encoding,
                       help="input encoding, e.g. gbk (default: detected: UTF-8 with or without BOM, UTF-16/32, or GBK/GB18030)")
        q.add_argument("--delimiter", type=_delimiter, help="CSV delimiter, one character; \\t for tab (default: sniffed)")

    p = sub.add_parser("scrub", help="protect text, JSON Lines, CSV, Parquet or SQLite by a policy (default: complaints)")
    stream_args(p, False)
    p.add_argument("--workers", type=_positive, default=None,
                   help="worker processes (default: all cores; at most twice the cores)")
    p.add_argument("--progress", action="store_true", help="show a progress bar even when stderr is not a terminal")
    p.add_argument("--tables", help="SQLite: comma-separated tables to copy (default: all)")
    p.add_argument("--policy", default="complaints", help="policy file or shipped name (complaints, display, audit)")
    p.set_defaults(func=cmd_scrub)

    p = sub.add_parser("reveal", help="decrypt tokens for a key holder; appends an audit record")
    stream_args(p, True)
    p.add_argument("--as", dest="actor", required=True, help="who reveals (recorded in the audit log)")
    p.add_argument("--purpose", required=True, help="why (recorded in the audit log)")
    p.add_argument("--audit-log", help="append-only audit log (default: $PII_GUARD_AUDIT_LOG or ./pii-guard-audit.jsonl)")
    p.set_defaults(func=cmd_reveal)

    p = sub.add_parser("rekey", help="re-encrypt tokens to the keyring's current primary key")
    stream_args(p, True)
    p.set_defaults(func=cmd_rekey)

    p = sub.add_parser("audit-verify", help="check that no record of a reveal audit log was edited, removed or inserted")
    p.add_argument("log", help="the audit log (JSON Lines)")
    p.add_argument("--keyring", help="key file (default: $PII_GUARD_KEYRING or $PII_GUARD_KEYS)")
    p.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("intake", help="run the complaint-intake service (SQLite by default) behind the middleware")
    p.add_argument("--db", default="sqlite:///.pii-guard/complaints.db", help="sqlite:///FILE or postgresql://…")
    p.add_argument("--keyring", help="key file (default: the keyring PII_GUARD_KEYRING or PII_GUARD_KEYS names, else "
                                     f"{_DEFAULT_INTAKE_KEYRING}, created with mode 600 if missing)")
    p.add_argument("--policy", default="complaints")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-file", default=".pii-guard/intake.log")
    p.add_argument("--audit-log", default=".pii-guard/intake-audit.jsonl")
    p.add_argument("--handler", action="append", default=[], help="NAME:TOKEN of a handler allowed to reveal (also $PII_GUARD_HANDLERS)")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("serve", help="wrap an ASGI app (module:app) in the middleware and run it")
    p.add_argument("app", help="module:attribute of an ASGI application")
    p.add_argument("--policy", default="complaints")
    p.add_argument("--response-policy", help="also scrub responses, e.g. display")
    p.add_argument("--keyring", help="key file (default: $PII_GUARD_KEYRING or $PII_GUARD_KEYS)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--log-file")
    p.add_argument("--max-body", type=_positive_float, metavar="MIB",
                   help="largest request body accepted, in MiB (default 1); 413 beyond")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("scan", help="audit files, directories and databases for plaintext PII")
    p.add_argument("targets", nargs="+", help="files, directories (CSV, JSONL, Parquet, text/log, SQLite) or postgresql:// URLs")
    p.add_argument("--json", help="write the JSON report here")
    p.add_argument("--sarif", help="write a SARIF 2.1.0 report here")
    p.add_argument("--html", help="write a self-contained HTML report here")
    p.add_argument("--fail-on", type=_positive, help="exit 3 when plaintext findings reach this number (1 or more)")
    p.add_argument("--sample", type=_positive, help="scan at most this many rows per file or table (1 or more)")
    p.add_argument("--tables", help="comma-separated tables (SQLite, PostgreSQL) to scan; default all")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("spark-scrub", help="scrub a Parquet/CSV/JSON directory on Apache Spark")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True, help="output directory (must not exist)")
    p.add_argument("--policy", default="complaints")
    p.add_argument("--keyring", help="key file path on the executors (ship it with spark-submit --files), or use the environment")
    p.add_argument("--format", choices=("parquet", "csv", "json"), default="parquet")
    p.add_argument("--master", help="e.g. local[2]; default: what spark-submit configures")
    p.set_defaults(func=cmd_spark_scrub)

    p = sub.add_parser("proxy", help="guarded reverse proxy in front of any HTTP service")
    p.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:9000")
    p.add_argument("--policy", default="complaints")
    p.add_argument("--response-policy", help="also scrub responses, e.g. display")
    p.add_argument("--keyring", help="key file (default: $PII_GUARD_KEYRING or $PII_GUARD_KEYS)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--log-file")
    p.add_argument("--timeout", type=_non_negative, default=60.0,
                   help="seconds the upstream may be silent before its answer (then 504) and within a streamed "
                        "one (default 60; 0: no limit, for event streams quiet for minutes); connecting takes at most 10")
    p.add_argument("--max-body", type=_positive_float, metavar="MIB",
                   help="largest request body accepted, in MiB (default 1); 413 beyond")
    p.set_defaults(func=cmd_proxy)
    for name in ("intake", "serve", "proxy"):
        sub.choices[name].add_argument(
            "--forwarded-allow-ips", metavar="IPS",
            help="addresses of the proxies in front whose X-Forwarded-For and -Proto are trusted (comma-separated, "
                 "'*' for any); default none: the client's address is the connection's, which a client cannot set")
    for name, command in sub.choices.items():
        if name != "keys" and not any("--recognizers" in a.option_strings for a in command._actions):
            command.add_argument("--recognizers", metavar="DIR",
                                 help=f"directory of recognizer YAML files (default: ${ENV_RECOGNIZERS} or the shipped ones)")
    return parser


#: What an encoding must write as ASCII writes it for pii-guard to read it: digits, the marks
#: numbers are written with, the CSV delimiters and quotes, letters.
_ASCII_PROBE: Final = "0123456789 +-()#*.,;:|\t\"'=@/\\_~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _encoding(text: str) -> str:
    """An encoding Python knows (gbk, gb18030, utf-8, utf-16 …): a typo is a usage error.

    Only ASCII-compatible encodings (UTF-8, GBK, GB18030, Big5, Latin-1 …) and UTF-16/32, which
    the readers know: in an encoding that writes digits otherwise (EBCDIC's cp037, UTF-7's
    base64 runs) a file read as another would show no number, and pass through unprotected."""
    import codecs

    try:
        name = codecs.lookup(text).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {text!r}") from None
    if name.startswith(("utf-16", "utf-32", "utf-8")):  # utf-8-sig writes a BOM first
        return name
    try:
        compatible = _ASCII_PROBE.encode(name) == _ASCII_PROBE.encode("ascii")
    except (UnicodeError, LookupError):
        compatible = False
    if not compatible:
        raise argparse.ArgumentTypeError(f"encoding {text!r} does not write digits and letters as ASCII does; "
                                         "pii-guard reads ASCII-compatible encodings (UTF-8, GBK, GB18030, Big5 …) and UTF-16/32")
    return name


def _delimiter(text: str) -> str:
    """One character; ``\\t`` (as typed in a shell) is a tab, ``\\x01`` Hive's separator."""
    value = {"\\t": "\t", "tab": "\t", "\\x01": "\x01"}.get(text, text)
    if len(value) != 1 or value in "\r\n\"":
        raise argparse.ArgumentTypeError("expected one character (\\t for tab)")
    if value.isalnum():
        # a digit or a letter would cut numbers (and IDs' X) into cells too short to read as one
        raise argparse.ArgumentTypeError("a delimiter cannot be a digit or a letter")
    return value


def _positive(text: str) -> int:
    """A count from the command line that must be at least 1 (workers)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected a whole number of at least 1")
    return value


def _number_in(low: float, high: float, expected: str, above_low: bool = False) -> Callable[[str], float]:
    """An argparse type: a number from ``low`` (or above it) to ``high``; NaN fails the test too."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}") from None
        if not ((low < value) if above_low else (low <= value)) or not value <= high:
            raise argparse.ArgumentTypeError(f"expected {expected}")
        return value

    return parse


#: A threshold: a number from 0 to 1 (a typo such as 2 would hide every finding).
_score = _number_in(0.0, 1.0, "a number from 0 to 1")
_non_negative = _number_in(0.0, float("inf"), "a number of seconds, 0 or more")
_positive_float = _number_in(0.0, 4096.0, "a size in MiB above 0", above_low=True)


@contextmanager
def _exit_cleanly_on_termination() -> Iterator[None]:
    """While a command runs, make SIGTERM and SIGHUP unwind like Ctrl-C.

    ``timeout``, systemd and Kubernetes stop a job with SIGTERM, whose default action kills the
    process on the spot: no ``finally`` runs, so a half-written ``.part`` file would stay behind
    (for ``reveal``, full of plaintext). Raised as :class:`SystemExit` instead, the atomic
    writers remove their temporary files on the way out. ``serve`` and ``proxy`` hand the signals
    to uvicorn, which installs its own handlers when it starts. The previous handlers come back
    when the command ends (``main`` is also called in-process, by tests and embedding programs).
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class _MaskedStderr:
    """Standard error with personal data masked, as :func:`~pii_guard.guard.masked_name` masks a
    name. The commands' messages name what the user gave them — files, folders, tables, a
    ``--policy`` or ``--keyring`` path, a ``--workers`` value, argparse's echo of a bad argument —
    and any of them may hold a number (``--policy /tmp/138….yaml``): one place masks them all,
    whatever message a later change adds. Everything else (``isatty``, ``fileno``) is the stream's."""

    def __init__(self, stream: "TextIO") -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if text.strip():
            from pii_guard.guard import masked_name

            # the shipped recognizers: this stream reports a broken custom directory too
            shipped = Detector.shipped()
            text = "\n".join(masked_name(line, shipped) for line in text.split("\n"))
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pii-guard`` console script."""
    if not isinstance(sys.stderr, _MaskedStderr):
        sys.stderr = _MaskedStderr(sys.stderr)  # type: ignore[assignment]
    parser = build_parser()
    args = parser.parse_args(argv)
    from pii_guard.audit import AuditError
    from pii_guard.keys import KeyringError

    if getattr(args, "recognizers", None):
        # Every face reads the recognizers through Detector.default(), and the workers a scrub
        # starts inherit the environment: one setting for the whole process tree.
        os.environ[ENV_RECOGNIZERS] = os.path.abspath(args.recognizers)
    try:
        if os.environ.get(ENV_RECOGNIZERS):
            # a mistake in a recognizer file is a usage error before any work starts
            missing = sorted(BUILTIN_ENTITIES - set(Detector.default().entities))
            if missing:  # a folder with only the new file: the built-in entities go undetected
                print(f"pii-guard: note: the recognizer folder defines none of {', '.join(missing)}; they are not "
                      "detected (copy recognizers/ and add your file to keep them)", file=sys.stderr)
        with _exit_cleanly_on_termination():
            return int(args.func(args))
    except ConfigError as exc:
        print(f"pii-guard: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyringError as exc:
        print(f"pii-guard: keyring error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidatorError as exc:  # a validator from outside pii-guard failed; the message names no value
        print(f"pii-guard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AuditError as exc:
        print(f"pii-guard: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except WorkerError as exc:
        print(f"pii-guard: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        # Ctrl-C: the temporary output is gone (the writers' ``finally``); say so, not a traceback
        print("pii-guard: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except BrokenPipeError:
        # The reader went away (`… | head`): the output is incomplete, and failures found before
        # the pipe closed may not have been reported, so this is not success. Point stdout at
        # /dev/null so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INPUT
    except OSError as exc:
        # a file that cannot be written (no such folder, a full disk, /dev/full): one line, no
        # traceback, and no file name (a name may hold personal data); the partial output is gone
        print(f"pii-guard: {exc.strerror or exc.__class__.__name__} (cannot read the input or write the output)",
              file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
