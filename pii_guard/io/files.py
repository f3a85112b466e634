"""File plumbing shared by the commands: inputs, atomic outputs, formats.

Outputs are written to a temporary file beside the target and moved into
place only when complete, so an interrupted run leaves no half-written file
and can simply be re-run.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import shutil
import socket
import stat
import sys
import tempfile
from glob import escape as glob_escape
from pathlib import Path
from typing import IO, Callable, Iterator

from pii_guard.io.encodings import UNDECODABLE, UnreadableInput  # noqa: F401 - used here too, and imported from here

FORMATS = ("text", "jsonl", "csv", "parquet", "sqlite")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
             ".parquet": "parquet", ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}


#: The names under which a delimited export is often saved as "text" (Excel's "Unicode Text",
#: a bank system's 导出.txt, a file with no suffix): scan reads it as CSV where it looks like a table.
TABLE_AS_TEXT_SUFFIXES = ("", ".txt", ".dat")


def guess_format(path: str, explicit: str | None) -> str:
    """``--format`` if given, else a Parquet file or a SQLite database by its first bytes
    whatever its name (``export.pq``, ``app.db3``, ``data.dat``), else by file suffix (``-`` is
    text)."""
    if explicit:
        return explicit
    if path != "-" and os.path.isfile(path):
        from pii_guard.io.containers import sniff

        kind, _ = sniff(_head(path, 16))
        if kind in ("parquet", "sqlite"):
            return kind
    return _SUFFIXES.get(Path(path).suffix.lower(), "text")


def table_read_as_text(path: str, explicit: str | None, labels: Callable[[str], bool]) -> bool:
    """Whether ``path``, read as text for want of a CSV suffix, looks like a table under a header
    (:func:`looks_like_a_table`: scan reads it as CSV, with its column names as context) and is
    no list of labels and values (``身份证⇥3702…``: a first cell that ``labels`` an entity): scrub
    then says that ``--format csv`` reads its column names. It does not read it so by itself: a
    row of another shape further on would be dropped, and a form's label column taken for data."""
    if explicit or path == "-" or not os.path.isfile(path) or Path(path).suffix.lower() not in TABLE_AS_TEXT_SUFFIXES:
        return False
    from pii_guard.io.encodings import SAMPLE_BYTES

    head = _head(path, SAMPLE_BYTES)
    return looks_like_a_table(head, labels)


def looks_like_a_table(head: bytes, labels: Callable[[str], bool] | None = None) -> bool:
    """Whether a text file is a delimited export (a bank system's "导出.txt", a file with no
    suffix): its first lines, at least three, split by one delimiter into the same two or more
    fields each, the first naming them. Read as CSV it keeps its columns, and a column's name is
    the context its values need (证件号码 over a legacy ID, 手机号码 over 1.3812345678E+10).
    ``head``: its first bytes, compression read through."""
    import csv

    from pii_guard.io.encodings import SAMPLE_BYTES, text_sample_encoding

    text = codecs.getincrementaldecoder(text_sample_encoding(head))(errors="replace").decode(head)
    lines = [line for line in text.splitlines()[:21] if line.strip()][:20]
    if len(lines) < 3:
        return False
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in lines[0]:
            continue
        rows = list(csv.reader(lines[:-1] if len(head) == SAMPLE_BYTES else lines, delimiter=delimiter))
        header = rows[0]
        # a header row names its columns: none empty, no digits, each once (a log line or text
        # pasted with tabs, whose cells may hold the groups of one number, is read as text)
        named = all(cell.strip() and not any(ch.isdigit() for ch in cell) for cell in header) and len(set(header)) == len(header)
        if named and len({len(row) for row in rows}) == 1 and len(header) >= 2:
            # a form's labels and values (姓名⇥张三⏎身份证⇥3702…) is no table: its labels are in its
            # rows, a pair to a line, each label once. Not a table's column of types (证件类型 over
            # 身份证, 身份证, …: a value repeated, and more columns beside it)
            firsts = [row[0].strip() for row in rows]
            form = len(header) == 2 and len(set(firsts)) == len(firsts)
            return labels is None or not form or not any(labels(first) for first in firsts[1:])
    return False


def _head(path: str, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def check_readable(head: bytes, fmt: str, inner: str | None = None, piped: bool = False) -> None:
    """Raise :class:`UnreadableInput` where ``head``, an input's first bytes, is no ``fmt`` text.

    Read as text, compressed data, an archive (an ``.xlsx`` is a ZIP of XML), a workbook or any
    other binary file shows no digits to find, and the scrub would copy it through unchanged,
    personal data and all, and report "nothing found"; so it stops, saying what the bytes are.
    ``inner``: the format a compressed file's name says it holds (``export.csv.gz``: csv).
    ``piped``: the bytes came through standard input or a pipe, through which Parquet and SQLite
    are not read (they are files, read by their path).
    """
    if fmt not in ("text", "jsonl", "csv") or not head:
        return
    from pii_guard.io.containers import compression, is_text, sniff

    packed = compression(head)
    if packed is not None:
        raise UnreadableInput(f"the input is {packed}-compressed: decompress it first "
                              f"(for example: zcat FILE | pii-guard scrub - -o OUT --format {inner or fmt})")
    kind, reason = sniff(head)
    if kind == "zip":
        raise UnreadableInput("the input is a ZIP archive (an .xlsx or .docx is one): export the sheet as CSV, or unpack it")
    if kind is not None:
        what = "Parquet file" if kind == "parquet" else "SQLite database"
        if piped:
            raise UnreadableInput(f"the input is a {what}, which is read as a file, not through standard input or a "
                                  "pipe: give its path as INPUT, and -o OUTPUT")
        raise UnreadableInput(f"the input is a {what}, not {fmt}: leave out --format, or give --format {kind}")
    if reason is not None:
        raise UnreadableInput(f"the input is {reason}, which pii-guard does not read")
    if not is_text(head):
        raise UnreadableInput("the input is binary data, not text")


def check_readable_file(path: str, fmt: str) -> None:
    """:func:`check_readable` on the first bytes of the file at ``path`` (not standard input or a
    pipe: their first bytes are checked where they are read)."""
    if path != "-" and os.path.isfile(path):
        from pii_guard.io.containers import MAGIC_BYTES

        inner = _SUFFIXES.get(Path(Path(path).stem).suffix.lower())  # export.csv.gz: csv
        check_readable(_head(path, max(MAGIC_BYTES, 4096)), fmt, inner if inner in ("csv", "jsonl") else None)


def open_input(path: str, encoding: str | None = None, fmt: str = "text") -> tuple[IO[str], str]:
    """Open a text or JSON Lines input for reading, line endings kept, and say its encoding:
    ``encoding`` if given, else its BOM's (UTF-8, UTF-16, UTF-32), else UTF-16 or UTF-32 by its
    NUL bytes, else for text UTF-8 or GB18030 as most of its lines read
    (:mod:`pii_guard.io.encodings`), for JSON Lines UTF-8 (RFC 8259; a GBK line there is reported). Bytes that do not decode come through as lone surrogates
    (:data:`UNDECODABLE`), are reported by line, and go back out as they were."""
    from pii_guard.io.encodings import SAMPLE_BYTES, json_codec, text_file_encoding, text_sample_encoding

    if path == "-" or not os.path.isfile(path):  # standard input, a pipe, a FIFO: read once
        # what has arrived, not 64 KiB: a pipe that writes slowly is not waited on to start
        head, stream = sample_stdin(SAMPLE_BYTES, path, wait=False)
        check_readable(head, fmt, piped=True)
        encoding = encoding or (text_sample_encoding(head) if fmt == "text" else json_codec(head))
        return open_stdin(encoding, stream, owned=path != "-"), encoding
    if encoding is None:
        if fmt == "text":
            encoding = text_file_encoding(path)
        else:
            with open(path, "rb") as probe:
                encoding = json_codec(probe.read(4096))
    return open(path, encoding=encoding, errors="surrogateescape", newline=""), encoding


class _Borrowed(io.TextIOWrapper):
    """Text over a standard stream's bytes that leaves the stream open when it is closed."""

    def close(self) -> None:
        if self.buffer is not None:
            self.flush()
            self.detach()


def open_stdin(encoding: str, stream: IO[bytes] | None = None, owned: bool = False) -> IO[str]:
    """Standard input (or ``stream``, what :func:`sample_stdin` gives back) as text in
    ``encoding``, line endings kept (``csv`` needs them as they are; a CSV read from a pipe is
    written back byte for byte). ``owned``: a pipe opened here, closed with the text."""
    wrapper = io.TextIOWrapper if owned else _Borrowed
    return wrapper(stream if stream is not None else sys.stdin.buffer, encoding=encoding, errors="surrogateescape", newline="")


class _Replay(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes], owned: bool = False) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._owned = owned  # closed with this stream (a FIFO opened here; never standard input)

    def close(self) -> None:
        if self._owned and not self.closed:
            self._rest.close()
        super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        read1 = getattr(self._rest, "read1", self._rest.read)
        data = read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def sample_stdin(size: int, path: str = "-", wait: bool = True) -> tuple[bytes, IO[bytes]]:
    """The first ``size`` bytes of standard input, or of a pipe or FIFO at ``path`` (fewer only
    at its end; ``wait=False``: only what has arrived), and a stream that reads them again and
    then the rest: a format is sniffed from as much as a file would give, not from whatever a
    pipe's first read held (a few lines of a long-lined CSV), and a pipe is never opened twice
    (its bytes would be gone)."""
    handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed with the stream
    head = handle.read1(size) if not wait and hasattr(handle, "read1") else handle.read(size)
    return head, io.BufferedReader(_Replay(head, handle, owned=path != "-"))  # type: ignore[arg-type]


#: Encodings whose encoder writes a byte-order mark, and the codec that writes the rest in the
#: same (native) order without one.
_MARKED: dict[str, tuple[bytes, str]] = {
    "utf-16": (codecs.BOM_UTF16, "utf-16-le" if sys.byteorder == "little" else "utf-16-be"),
    "utf-32": (codecs.BOM_UTF32, "utf-32-le" if sys.byteorder == "little" else "utf-32-be"),
}


def _stream_writer(wrapper: type[io.TextIOWrapper], buffer: IO[bytes], encoding: str) -> io.TextIOWrapper:
    """Text in ``encoding`` over a stream that may not seek (a pipe, a FIFO). ``TextIOWrapper``
    writes the byte-order mark of UTF-16 and UTF-32 only to a seekable stream at its start, so
    to a pipe it wrote none and the reader downstream could not tell the encoding: the mark is
    written here, then the text in the order the mark says."""
    marked = _MARKED.get(codecs.lookup(encoding).name)
    if marked is not None:
        buffer.write(marked[0])
        encoding = marked[1]
    return wrapper(buffer, encoding=encoding, errors="surrogateescape", newline="")  # type: ignore[arg-type]


@contextlib.contextmanager
def atomic_output(path: str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write to a temp file in the target's directory; rename on success only. Standard output
    (``-``) is written in ``encoding`` too: a GBK or BOM CSV piped through stays GBK or keeps its BOM."""
    if path == "-":
        sys.stdout.flush()
        out = _stream_writer(_Borrowed, sys.stdout.buffer, encoding)
        try:
            yield out
        finally:
            out.close()
        return
    target = Path(path)
    if _special(target):  # /dev/null, /dev/stdout, a FIFO: written to as it is, never replaced
        with _stream_writer(io.TextIOWrapper, open(target, "wb"), encoding) as handle:  # noqa: SIM115
            yield handle
        return
    unnamed = _unnamed_file(target)
    fd, tmp = (unnamed, None) if unnamed is not None else _part_file(target)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="", errors="surrogateescape") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if tmp is None:
                tmp = _named(handle.fileno(), target)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise


def _unnamed_file(target: Path) -> int | None:
    """A file with no name yet in ``target``'s folder (Linux ``O_TMPFILE``), mode 600, or ``None``
    where the system or the file system makes none. A run killed outright (``kill -9``, the OOM
    killer: no handler runs) then leaves nothing behind, where a named temporary file would keep
    what a ``reveal`` had written — plaintext — on disk until the next run for the same output."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(target.parent, flag | os.O_WRONLY, 0o600)
    except OSError:  # EOPNOTSUPP (a file system without it), EISDIR (an older kernel) …
        return None


def _named(fd: int, target: Path) -> str:
    """Give the complete unnamed file ``fd`` a temporary name beside ``target`` (``linkat``
    cannot replace a file; the rename after it does), and return that name."""
    part, tmp = _part_file(target)  # a fresh, unique name
    os.close(part)
    os.unlink(tmp)
    # with a folder's descriptor os.link calls linkat(…, AT_SYMLINK_FOLLOW): the file the /proc link
    # names, not the link itself (plain link() fails across devices: /proc is one of its own)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", os.path.basename(tmp), dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)
    return tmp


def _part_file(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target`` (``.NAME.HOST-PID.XXXXXXXX.part``, mode 600), after
    removing the ones a run on this machine for the same target left when it was killed outright
    (``kill -9``: no handler ran), which its process id tells: that process is gone. A run on
    another machine sharing the folder, or for another target whose name starts like this one
    (``export`` and ``export.2024.csv``), is never touched."""
    directory = target.parent or Path(".")
    host = _HOST_CHARS.sub("_", socket.gethostname())[:32] or "host"
    own = re.compile(rf"\.{re.escape(target.name)}\.{re.escape(host)}-(\d+)\.[a-z0-9_]{{8}}\.part")
    for stale in directory.glob(f".{glob_escape(target.name)}.*.part"):
        m = own.fullmatch(stale.name)
        if m is not None and not _alive(int(m.group(1))):
            with contextlib.suppress(OSError):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale)  # a private folder atomic_path made
                else:
                    stale.unlink()
    return tempfile.mkstemp(prefix=f".{target.name}.{host}-{os.getpid()}.", suffix=".part", dir=directory)


#: What a host name may keep in a file name.
_HOST_CHARS = re.compile(r"[^A-Za-z0-9_-]")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _special(target: Path) -> bool:
    """Whether ``target`` exists and is not a regular file (a device or a pipe): renaming a
    temporary file onto ``/dev/null`` would replace the device itself."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def split_line_ending(line: str) -> tuple[str, str]:
    """``("content", "\\r\\n")`` — so edits never touch the line ending."""
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith("\n") or line.endswith("\r"):
        return line[:-1], line[-1]
    return line, ""


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it only if the block succeeds.

    The writers (SQLite, pyarrow) create the file themselves, under the umask (0644: readable by
    every local user while a reveal writes plaintext into it, and after a ``kill -9``), so the
    path is inside a private folder (0700, named as a part file) that no other user can enter,
    whatever the file's own mode; the file is made 0600 before it is moved into place."""
    target = Path(path)
    if _special(target):
        raise ValueError(f"{path}: not a regular file; Parquet and SQLite outputs need one")
    fd, part = _part_file(target)
    os.close(fd)
    os.unlink(part)
    os.mkdir(part, 0o700)  # fails, never reuses, where someone put something under that random name meanwhile
    tmp = Path(part) / target.name
    try:
        yield tmp
        if tmp.exists():
            os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(part, ignore_errors=True)  # a SQLite journal, or what a failed writer left
