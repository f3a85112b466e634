"""``pii-guard`` command line: thin commands over library calls.

Each command parses arguments, opens files and maps errors to exit codes;
detection, policy and token logic live in the library. Error messages name a
line number, never a line's content, because the content may be PII.

Exit codes: 0 success, 1 some input could not be processed, 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from typing import IO, Sequence

from pii_guard.config import ConfigError
from pii_guard.detect import DEFAULT_THRESHOLD, Detector

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _open_in(stack: ExitStack, path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    return stack.enter_context(open(path, encoding="utf-8", errors="strict", newline=""))


def _open_out(stack: ExitStack, path: str) -> IO[str]:
    if path == "-":
        return sys.stdout
    return stack.enter_context(open(path, "w", encoding="utf-8", newline="\n"))


def _record_text(record: object) -> tuple[object, str] | str:
    """Return ``(id, text)`` or an error message that holds no content."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    text = record.get("text")
    if isinstance(text, bool) or text is None:
        return "missing 'text' (expected a string)"
    if isinstance(text, int):
        text = str(text)  # a number sent as a JSON number is still a number
    if not isinstance(text, str):
        return "'text' must be a string"
    return record.get("id"), text


def cmd_detect(args: argparse.Namespace) -> int:
    """``pii-guard detect``: JSONL in, findings out; or ``--text`` for a quick look."""
    from pii_guard.operators.mask import mask

    detector = Detector.from_directory(args.recognizers) if args.recognizers else Detector.default()
    threshold = args.threshold
    if args.text is not None:
        for f in detector.analyze(args.text, threshold):
            value = args.text[f.start : f.end]
            shown = mask(value, keep_first=2, keep_last=2)
            print(f"{f.entity_type:<16} {f.start:>6}-{f.end:<6} {f.score:.2f}  {shown}")
        return EXIT_OK
    if args.input is None:
        print("pii-guard detect: give INPUT.jsonl (or -) or --text", file=sys.stderr)
        return EXIT_USAGE
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
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    parsed: tuple[object, str] | str = "not valid JSON"
                else:
                    parsed = _record_text(record)
                if isinstance(parsed, str):
                    failures += 1
                    print(f"pii-guard detect: line {lineno}: {parsed}", file=sys.stderr)
                    if args.strict:
                        return EXIT_INPUT
                    continue
                rid, text = parsed
                entities = [f.to_dict(args.explain) for f in detector.analyze(text, threshold)]
                dst.write(json.dumps({"id": rid, "entities": entities}, ensure_ascii=False) + "\n")
        except UnicodeDecodeError:
            print(f"pii-guard detect: line {lineno + 1}: input is not valid UTF-8", file=sys.stderr)
            return EXIT_INPUT
    if failures:
        print(f"pii-guard detect: {failures} line(s) could not be processed", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The ``pii-guard`` argument parser."""
    parser = argparse.ArgumentParser(prog="pii-guard", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("detect", help="find IDs, bank cards, phone numbers and e-mails")
    p.add_argument("input", nargs="?", help="JSON Lines file with {id, text} per line, or - for stdin")
    p.add_argument("-o", "--output", default="-", help="output JSON Lines file (default: stdout)")
    p.add_argument("--text", help="analyse this text and print what was found, masked")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="minimum score (default %(default)s)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input line")
    p.add_argument("--explain", action="store_true", help="add pattern, outcome and context word to each entity")
    p.add_argument("--recognizers", help="directory of recognizer YAML files (default: the shipped ones)")
    p.set_defaults(func=cmd_detect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pii-guard`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"pii-guard: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
