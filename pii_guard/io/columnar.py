"""Scrub Parquet files and SQLite databases, column by column, in bounded memory.

Parquet (pyarrow) is read in record batches and written with the same schema,
except that an integer column holding PII (phone numbers stored as int64)
becomes a string column: a token is not a number. Which integer columns that
concerns is settled by a first pass that reads only those columns. Nested
types are copied unchanged.

SQLite tables are copied to a new database with their original ``CREATE``
statements and protected row by row; SQLite's dynamic typing lets a protected
integer cell hold its token as text.

Both apply the policy through ``Guard.value_edits`` with the column as the
path (``$.phone``), so a column rule means the same here as in CSV, JSON Lines
or a request body.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import sqlite3
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Final, Iterable, Iterator

from pii_guard.edits import apply_edits
from pii_guard.guard import Guard, Stats, finite, inspectable_number, masked_name, refuse_opaque_pii
from pii_guard.io.parallel import ordered_map
from pii_guard.operators import tokens
from pii_guard.walk import child

BATCH_ROWS = 8192
CONVERTED_KEY = b"pii_guard.converted_columns"  # name → type name (files written before the schema key)
#: The exact Arrow types of the columns scrub turned into strings (an IPC-serialised schema), so
#: that reveal gives back int64, decimal128(19, 0), large_binary or a dictionary column as it was.
CONVERTED_SCHEMA_KEY = b"pii_guard.converted_schema"
#: pandas' own record of the columns' types (``to_parquet``), as it was: the scrubbed file's record
#: names the converted columns as strings (pandas refuses a string column its record calls Int64),
#: and reveal puts this one back.
PANDAS_KEY = b"pandas"
ORIGINAL_PANDAS_KEY = b"pii_guard.pandas"
#: The dictionaries of the dictionary columns scrub turned into strings (a pandas Categorical), in
#: their order, values no row uses included, each value protected as the column's cells are: so
#: that reveal gives back the same categories in the same order (an ordered Categorical sorts by
#: it), not only the values rows use in the order they first appear.
DICTIONARIES_KEY = b"pii_guard.dictionaries"


def _pandas_as_strings(record: bytes, names: set[str]) -> bytes:
    """pandas' metadata with the columns ``names`` recorded as strings (object dtype)."""
    try:
        doc = json.loads(record)
        for column in doc.get("columns", []):
            if column.get("field_name", column.get("name")) in names:
                column.update({"pandas_type": "unicode", "numpy_type": "object", "metadata": None})
    except (ValueError, AttributeError, TypeError):
        return record  # not pandas' layout: left as it was
    return json.dumps(doc).encode()


def _is_text(arrow_type: Any) -> bool:
    """String columns, in each of Arrow's layouts: scanned as text and written back as they are."""
    import pyarrow as pa

    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type) or pa.types.is_string_view(arrow_type)


def _needs_probe(arrow_type: Any) -> bool:
    """Non-string columns that can still hold an ID, card or phone (and become strings if so):
    numbers, bytes in every layout (fixed-size too), dictionaries."""
    import pyarrow as pa

    t = pa.types
    return (t.is_integer(arrow_type) or t.is_floating(arrow_type) or t.is_decimal(arrow_type)
            or t.is_binary(arrow_type) or t.is_large_binary(arrow_type) or t.is_binary_view(arrow_type)
            or t.is_fixed_size_binary(arrow_type) or t.is_dictionary(arrow_type))


def _nested(arrow_type: Any) -> bool:
    """List and struct columns whose every leaf is read: text, integers and floats (which a token
    may have to replace: checked when written back), and leaves that hold no number (booleans,
    dates). Not maps (their keys are data too), nor bytes, decimals or dictionaries inside."""
    import pyarrow as pa

    if _is_list(arrow_type):
        return _nested_leaf(arrow_type.value_type)
    if pa.types.is_struct(arrow_type):
        names = [arrow_type.field(i).name for i in range(arrow_type.num_fields)]
        # a struct with a field name twice reads into no dict: not read (refused, or kept by a rule)
        return len(set(names)) == len(names) and all(_nested_leaf(arrow_type.field(i).type) for i in range(arrow_type.num_fields))
    return False


def _is_list(arrow_type: Any) -> bool:
    """A list type in any of Arrow's layouts (list, large_list, fixed_size_list)."""
    import pyarrow as pa

    t = pa.types
    return t.is_list(arrow_type) or t.is_large_list(arrow_type) or t.is_fixed_size_list(arrow_type)


def _nested_leaf(arrow_type: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_time64(arrow_type) and arrow_type.unit == "ns":
        return False  # Python's time keeps microseconds: rebuilt, the nanoseconds would be lost
    return (_is_text(arrow_type) or pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type)
            or _holds_no_text(arrow_type) or _nested(arrow_type))


def _field_names(arrow_type: Any) -> list[str]:
    """The names of the fields inside a nested type (a struct's, a list of structs' …), at any depth."""
    import pyarrow as pa

    t = pa.types
    if _is_list(arrow_type) or t.is_map(arrow_type):
        return _field_names(arrow_type.value_type) + (_field_names(arrow_type.key_type) if t.is_map(arrow_type) else [])
    if t.is_struct(arrow_type):
        return [n for i in range(arrow_type.num_fields)
                for n in (arrow_type.field(i).name, *_field_names(arrow_type.field(i).type))]
    return []


def _holds_no_text(arrow_type: Any) -> bool:
    """Columns that cannot hold a number of ours: booleans, nulls, dates, times, durations."""
    import pyarrow as pa

    return pa.types.is_boolean(arrow_type) or pa.types.is_null(arrow_type) or pa.types.is_temporal(arrow_type)


def _scalar(value: Any) -> Any:
    """A cell as str or int for inspection (integral floats/decimals as ints, UTF-8 bytes as str)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value
    return inspectable_number(value)


#: The least a float's integer part holds to hold a number of ours (seven digits: a landline's
#: subscriber); its fraction never does (a decimal's digits are no number).
_LEAST_NUMBER_HOLDER: Final = 10**6


def _read_as_text(value: Any, guard: Guard, path: str) -> tuple[str, bool] | None:
    """A cell's text for the detector and whether it is a number, from :func:`_scalar`'s value;
    ``None`` for a cell that holds no text (a boolean, NaN, bytes that are no UTF-8). A float
    with a fraction is read as its text, as a JSON number's and a CSV cell's are (13812345678.5
    in a REAL or double column is a phone with a fraction after it), where its integer part may
    hold a number or a field rule protects the column whole: a column of scores or rates (0.0427…)
    is not read a value at a time."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int)):
        return str(value), isinstance(value, int)
    if isinstance(value, (float, Decimal)) and finite(value) and (
            abs(value) >= _LEAST_NUMBER_HOLDER or guard.compiled.field_mode(path)[0] == "protect"):
        return str(value), True
    return None


def _as_text(column: str, value: Any) -> str:
    """A cell of a column that becomes a string column; bytes that are not UTF-8 are refused."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"binary column {column} mixes personal data with non-text bytes; "
                             "it cannot be converted to a string column") from None
    return str(value)


def _protect_column(guard: Guard, path: str, values: list[Any], stats: Stats) -> tuple[list[Any], bool]:
    out, changed = [], False
    for original in values:
        value = _scalar(original)
        if isinstance(value, bytes):
            refuse_opaque_pii(guard, f"binary column {path}", value)
        read = _read_as_text(value, guard, path)
        if read is None:
            out.append(original)
            continue
        text, number = read
        edits = guard.value_edits(path, text, number, stats)
        if edits:
            out.append(apply_edits(text, edits))
            changed = True
        else:
            out.append(original)
    return out, changed


def scrub_parquet(guard: Guard, src: str | Path, dst_handle_path: str | Path, stats: Stats,
                  progress: Callable[[int, int], None] | None = None, batch_rows: int = BATCH_ROWS,
                  workers: int | None = None) -> int:
    """Protect ``src`` into the Parquet file ``dst_handle_path``; returns rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(src)
    with contextlib.closing(source):
        schema = source.schema_arrow
        # Fail closed: a column of a type read neither as text nor as a probed value (a struct, a
        # list, a union, a type Arrow adds later) could hold personal data this scrubber does not walk.
        unread = [f.name for f in schema if not (_is_text(f.type) or _needs_probe(f.type) or _holds_no_text(f.type) or _nested(f.type))
                  and guard.compiled.field_mode(child("$", f.name))[0] != "keep"]
        if unread:
            raise ValueError(f"cannot inspect nested or unsupported column(s) {', '.join(masked_name(n, guard.detector) for n in unread)}; "
                             "name them in a policy field rule with mode keep to copy them unchanged")
        _refuse_named(guard, schema.names, "column")
        twice = sorted({n for n in schema.names if schema.names.count(n) > 1})
        if twice:  # which of the two a field rule means, and which one reveal restores, cannot be told
            raise ValueError(f"column {masked_name(twice[0], guard.detector)} appears more than once; rename the "
                             "columns so that each name is one column's")
        _refuse_named(guard, [n for f in schema for n in _field_names(f.type)], "nested field")
        _refuse_metadata(guard, metadata_owners(schema))
        int_columns = [f.name for f in schema if _needs_probe(f.type)]
        to_string: set[str] = set()
        # columns that hold personal data the policy keeps as it is (audit): copied in their type,
        # their findings counted in the summary all the same
        kept: set[str] = set()
        dictionaries: dict[str, dict[Any, None]] = {f.name: {} for f in schema if pa.types.is_dictionary(f.type)}
        if int_columns:  # pass 1: which integer columns hold PII (or are protected whole)?
            probe = Stats()
            for batch in source.iter_batches(batch_size=batch_rows, columns=int_columns):
                for name in int_columns:
                    column = batch.column(name)
                    entries = column.dictionary.to_pylist() if name in dictionaries else []
                    if entries:  # each batch's dictionary, in order (a row group's own)
                        dictionaries[name].update(dict.fromkeys(entries))
                    if name in to_string:
                        continue
                    # its dictionary too: a value no row uses any more (a categorical column after
                    # a filter) is still copied with the column, and read back by anyone
                    values = column.to_pylist() + entries
                    seen = probe.total_protected()
                    _values, changed = _protect_column(guard, child("$", name), values, probe)
                    if changed:
                        to_string.add(name)
                    elif probe.total_protected() > seen:
                        kept.add(name)
        kept -= to_string
        fields = [pa.field(f.name, pa.string(), f.nullable, f.metadata) if f.name in to_string else f for f in schema]
        metadata = dict(schema.metadata or {})
        if to_string:  # so that reveal can give the columns back their type
            metadata[CONVERTED_KEY] = json.dumps({name: str(schema.field(name).type) for name in sorted(to_string)}).encode()
            originals = pa.schema([schema.field(name) for name in sorted(to_string)])
            metadata[CONVERTED_SCHEMA_KEY] = base64.b64encode(originals.serialize().to_pybytes())
            if PANDAS_KEY in metadata:
                metadata[ORIGINAL_PANDAS_KEY] = metadata[PANDAS_KEY]
                metadata[PANDAS_KEY] = _pandas_as_strings(metadata[PANDAS_KEY], to_string)
            protected = {name: _protected_dictionary(guard, name, list(dictionaries[name]))
                         for name in sorted(to_string) if name in dictionaries}
            if protected:
                metadata[DICTIONARIES_KEY] = json.dumps(protected, ensure_ascii=False).encode()
        out_schema = pa.schema(fields, metadata=metadata)
        rows = 0
        jobs = ((batch, schema, out_schema, to_string, kept) for batch in source.iter_batches(batch_size=batch_rows))
        with pq.ParquetWriter(dst_handle_path, out_schema, compression=compression_of(source)) as writer:
            for out_batch, batch_stats, nbytes in ordered_map(guard, _protect_batch, jobs, workers):
                writer.write_batch(out_batch)
                stats.merge(batch_stats)
                rows += out_batch.num_rows
                if progress is not None:
                    progress(out_batch.num_rows, nbytes)
        return rows


#: Parquet's codec names as a file records them → as pyarrow's writer takes them.
_CODECS: Final = {"UNCOMPRESSED": "none", "SNAPPY": "snappy", "GZIP": "gzip", "BROTLI": "brotli", "LZ4": "lz4",
                  "LZ4_RAW": "lz4", "ZSTD": "zstd"}


def compression_of(source: Any) -> str:
    """The codec a Parquet file's columns are compressed with, for its scrubbed or revealed copy
    (a zstd export stays zstd, not the writer's snappy: a data team's storage sized for it); the
    writer's default where the file has no row group or mixes codecs."""
    meta = source.metadata
    if meta.num_row_groups == 0 or meta.num_columns == 0:
        return "snappy"
    group = meta.row_group(0)
    codecs = {group.column(i).compression for i in range(group.num_columns)}
    return _CODECS.get(codecs.pop(), "snappy") if len(codecs) == 1 else "snappy"


def _protected_dictionary(guard: Guard, name: str, values: list[Any]) -> list[str | None]:
    """A dictionary column's dictionary as its cells are written: each value protected (as text)
    by the column's rule, so that the record reveal keeps of it holds no plaintext number. (Not
    counted again in the run's summary: its values are counted where the rows use them.)"""
    protected, _changed = _protect_column(guard, child("$", name), values, Stats())
    return [None if v is None else _as_text(name, v) for v in protected]


def _protect_batch(guard: Guard, job: tuple[Any, Any, Any, set[str], set[str]]) -> tuple[Any, Stats, int]:
    import pyarrow as pa

    batch, schema, out_schema, to_string, kept = job
    stats = Stats()
    arrays = []
    for f_in in schema:
        column = batch.column(f_in.name)
        if _nested(f_in.type) and guard.compiled.field_mode(child("$", f_in.name))[0] != "keep":
            column = _protect_nested(guard, f_in, column, stats)
        elif f_in.name in to_string or _is_text(f_in.type):
            values, changed = _protect_column(guard, child("$", f_in.name), column.to_pylist(), stats)
            if f_in.name in to_string:
                column = pa.array([None if v is None else _as_text(f_in.name, v) for v in values], type=pa.string())
            elif changed:
                column = pa.array(values, type=f_in.type)
        elif f_in.name in kept:
            _protect_column(guard, child("$", f_in.name), column.to_pylist(), stats)  # counted, kept as it is
        arrays.append(column)
    return pa.RecordBatch.from_arrays(arrays, schema=out_schema), stats, batch.nbytes


def _protect_nested(guard: Guard, field: Any, column: Any, stats: Stats) -> Any:
    """A list or struct column with each cell protected as a JSON document is (its leaves by their
    paths: ``$.contacts[0].phone``), written back in its own type. A number leaf that holds
    personal data cannot take a token in its type: the scrub is refused rather than copy it."""
    import pyarrow as pa

    root = child("$", field.name)
    values = column.to_pylist()
    protected = [None if v is None else guard.protect_document(v, stats, root) for v in values]
    if protected == values:
        return column
    try:
        return pa.array(protected, type=field.type)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise ValueError(f"column {masked_name(field.name, guard.detector)}: a number inside it holds personal data, "
                         "which a token (text) cannot replace in its type; convert the column's numbers to text "
                         "first, or name it in a field rule with mode keep") from None


def _refuse_named(guard: Guard, names: Iterable[str], what: str) -> None:
    """Refuse columns or tables whose names hold personal data: a name is structure, copied into
    the output as it is (as scrub refuses such JSON keys), so it must be renamed first."""
    named = [shown for n in names if (shown := masked_name(n, guard.detector)) != n]  # as reports mask them
    if named:
        raise ValueError(f"the {what} name(s) {', '.join(named)} hold personal data, which a scrubbed copy "
                         "would keep; rename them first")


#: The SQL condition on ``sqlite_master.name`` that keeps a database's own objects: SQLite
#: reserves only names that begin with ``sqlite_`` (in any case). ``_`` is escaped: in LIKE it
#: stands for any character, and ``sqlitecustomers`` or ``sqlite3_orders`` were left out of a
#: scrubbed copy and of an audit.
USER_OBJECTS: Final = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"


@contextlib.contextmanager
def read_only_sqlite(path: Path) -> Iterator[str]:
    """A URI that opens the SQLite database at ``path`` without writing beside it: an audit must
    not change the folder it audits, nor a scrub the folder of its input. SQLite opens a WAL-mode database, even read-only, by creating
    its ``-shm`` (and ``-wal``) files. So: not in WAL mode, or its ``-shm`` already there (an
    application has it open) — read in place, read-only, which adds nothing; no ``-wal`` (closed
    cleanly) — read as immutable; a ``-wal`` but no ``-shm`` (rows not yet checkpointed, no
    process holding it) — the two files are copied into a private temporary folder (mode 0700),
    read there and removed."""
    import shutil
    import tempfile
    from urllib.parse import quote

    def uri(file: Path, flag: str) -> str:
        return f"file:{quote(os.path.abspath(file))}?{flag}"

    with open(path, "rb") as handle:
        header = handle.read(20)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if header[18:20] != b"\x02\x02" or shm.exists():
        yield uri(path, "mode=ro")
    elif not wal.exists() or wal.stat().st_size == 0:
        yield uri(path, "immutable=1")
    else:
        with tempfile.TemporaryDirectory(prefix="pii-guard-read-") as folder:
            copy = Path(folder) / "db.sqlite"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, f"{copy}-wal")
            yield uri(copy, "mode=ro")


def android_collations(db: sqlite3.Connection) -> None:
    """Android's own collations (``COLLATE LOCALIZED``, ``UNICODE``), which its apps' databases
    declare and Android's SQLite registers at run time: as plain binary order here, so that such
    a database can be read and copied (its schema keeps the name, for Android to order by)."""
    for name in ("LOCALIZED", "UNICODE"):
        db.create_collation(name, lambda a, b: (a > b) - (a < b))


def sqlite_text(raw: bytes) -> str:
    """A SQLite TEXT value as read for a scan: UTF-8, else GB18030 (a legacy app wrote GBK into
    the database, which SQLite does not check), else UTF-8 with each bad byte kept as an escape:
    read either way, since an undecodable cell must not end the scan of every table after it."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape")


def metadata_owners(schema: Any) -> list[tuple[str, dict[bytes, bytes] | None]]:
    """A Parquet schema's key-value metadata by owner, ``("file", …)`` then ``("column NAME", …)``:
    copied with the file and read by anyone, so scrub refuses and scan reports what it holds."""
    return [("file", schema.metadata)] + [(f"column {f.name}", f.metadata) for f in schema]


def _refuse_metadata(guard: Guard, owners: list[tuple[str, dict[bytes, bytes] | None]]) -> None:
    """Refuse a Parquet file whose key-value metadata (the file's or a column's) holds personal
    data: it is copied into the scrubbed file as it is (``{"exported_by": "联系人 138…"}``)."""
    for owner, metadata in owners:
        for key, value in (metadata or {}).items():
            if guard.findings(key.decode("utf-8", "replace")) or guard.findings(value.decode("utf-8", "replace")):
                raise ValueError(f"the {masked_name(owner, guard.detector)}: its metadata holds personal data, which a "
                                 "scrubbed copy would keep; remove it first")


def _refuse_schema(guard: Guard, schema: Iterable[tuple[str, str]]) -> None:
    """Refuse objects whose SQL holds personal data: the schema is copied as it is, so a DEFAULT,
    a CHECK, or a view's or trigger's literal holding a number would reach the copy (and a
    DEFAULT every row written to it later)."""
    named = [masked_name(name, guard.detector) for name, sql in schema if guard.findings(schema_text(sql))]
    if named:
        raise ValueError(f"the schema of {', '.join(named)} holds personal data (a DEFAULT, a CHECK, a view's or a "
                         "trigger's literal), which a scrubbed copy would keep; change it first")


def _integrity_reason(message: str, sql: str | None = None) -> str:
    """Why a protected value could not be written, from SQLite's message (which names a column,
    never a value, and is not repeated: a column's name may hold data) and the table's ``CREATE``
    statement (an external-content full-text index is refused for a reason of its own)."""
    if _full_text_content(sql):
        return ("an external-content full-text index (content='…') is built from its content table, not written row by "
                "row; leave it out with --tables and rebuild it in the copy (INSERT INTO t(t) VALUES('rebuild'))")
    if message.startswith("UNIQUE constraint failed"):
        return ("two protected values collide in a UNIQUE column or key (a mask makes different numbers alike); "
                "give it an encrypting or tokenizing action, or a field rule that keeps it")
    if "datatype mismatch" in message:
        return ("a protected value cannot be stored in an INTEGER PRIMARY KEY (a rowid, integers only) or a STRICT "
                "column of another type; give the column a type that holds text, or a field rule that keeps it")
    return ("a protected value cannot be stored in its column (a CHECK, a NOT NULL or a STRICT table); give the "
            "column a type that holds text, or a field rule that keeps it")


#: A BLOB literal in SQL (X'3138…'): its bytes are text written in hex.
_BLOB_LITERAL = re.compile(r"[Xx]'((?:[0-9A-Fa-f]{2})*)'")


def schema_text(sql: str) -> str:
    """``sql`` as it is read for personal data: with the text of each BLOB literal in it after it
    (``DEFAULT X'3138…'`` stores the digits of a phone, which its hex does not show)."""
    blobs = [bytes.fromhex(m.group(1)) for m in _BLOB_LITERAL.finditer(sql)]
    if not blobs:
        return sql
    return sql + "".join("\n" + blob.decode("utf-8", "replace") for blob in blobs)


def _full_text_content(sql: str | None) -> str | None:
    """The ``content=`` option of a full-text index's ``CREATE`` statement (FTS3-5): ``""`` for a
    contentless one, a table's name for an external-content one; None where there is none."""
    if sql is None or re.search(r"\bfts[345]\b", sql, re.IGNORECASE) is None:
        return None
    option = re.search(r"content\s*=\s*(['\"])([^'\"]*)\1", sql, re.IGNORECASE)
    return option.group(2) if option is not None else None


def contentless_index(sql: str | None) -> bool:
    """Whether a table's ``CREATE`` statement makes a contentless full-text index (FTS4 or FTS5,
    ``content=''``): its text is only in its index, in terms no row gives back (FTS4 refuses to
    read its rows, FTS5 reads them as NULL). A copy would be empty and a scan would call it clean."""
    return _full_text_content(sql) == ""


#: Why such a table is refused by scrub and reported unread by scan.
CONTENTLESS_REASON: Final = "a contentless full-text index (content='') keeps its text only in its index, which no row gives back"


def numeric_column_count(sql: str | None) -> int | None:
    """How many of an R*Tree's first columns (``rtree``, ``rtree_i32``) it stores as numbers, where
    a table's ``CREATE`` statement makes one (a token written into one becomes 0), else None: its
    id and coordinates, which come first; not its auxiliary columns (``+owner_phone``), which come
    last and hold any value. A geopoly's listed columns are all auxiliary (0)."""
    if sql is None:
        return None
    made = re.search(r"\busing\s+(rtree|rtree_i32|geopoly)\s*\((.*)\)", _SQL_COMMENT.sub(" ", sql), re.IGNORECASE | re.DOTALL)
    if made is None:
        return None
    if made.group(1).lower() == "geopoly":
        return 0
    return sum(1 for arg in made.group(2).split(",") if arg.strip() and not arg.strip().startswith("+"))


#: An SQL comment (``-- …`` to the line's end, ``/* … */``).
_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


def quote_identifier(name: str) -> str:
    """An SQL identifier in double quotes, its own double quotes doubled (a table named ``a"b``)."""
    return '"' + name.replace('"', '""') + '"'


def _shadow_tables(db: sqlite3.Connection) -> set[str]:
    """The tables a virtual table keeps its data in (an FTS5 index's ``x_data``, ``x_idx`` …):
    creating the virtual table in the copy creates them, and its rows fill them."""
    try:
        return {row[1] for row in db.execute("PRAGMA table_list") if row[2] == "shadow"}
    except sqlite3.OperationalError:  # pragma: no cover - SQLite before 3.37
        return set()


#: ``PRAGMA table_xinfo``'s ``hidden`` values: an ordinary column, and a generated one (VIRTUAL,
#: STORED). A virtual table's hidden columns (1) are neither.
_STORED, _GENERATED = frozenset({0}), frozenset({2, 3})


def _columns(db: sqlite3.Connection, table: str, kinds: frozenset[int]) -> list[str]:
    """The columns of ``table`` of the given kinds: :data:`_STORED` (what a row is inserted with;
    generated ones are computed again from the protected columns in the copy) or
    :data:`_GENERATED`."""
    return [row[1] for row in db.execute(f"PRAGMA table_xinfo({quote_identifier(table)})") if row[6] in kinds]


def _copy_sqlite(guard: Guard, src: str | Path, dst: str | Path, cell: Callable[[str, Any], Any], tables: Iterable[str] | None,
                 progress: Callable[[int, int], None] | None, batch_rows: int, scrub: bool,
                 broken_keys: list[str] | None = None, left_out: list[str] | None = None) -> int:
    """Copy ``tables`` (default: all) of ``src`` into the new database ``dst`` with their
    ``CREATE`` statements and indexes, passing every cell through ``cell(path, value)``. Errors
    name a table masked where its name holds personal data.

    ``scrub``: first refuse tables and columns whose names hold personal data (a name is copied
    as it is), and refuse a table whose generated columns, computed again in the copy, still
    hold what ``cell`` would change (``phone AS (area || rest)``: parts that are nothing alone
    make a number again). A foreign key the protected values no longer satisfy is appended to
    ``broken_keys``, one message each (counts and names, never a value); a trigger not copied
    (its body names a table left out) to ``left_out``."""


    with read_only_sqlite(Path(src)) as uri:  # (a WAL-mode input gains no -shm beside it)
        return _copy_sqlite_from(guard, sqlite3.connect(uri, uri=True), dst, cell, tables, progress, batch_rows, scrub,
                                 broken_keys, left_out)


def _copy_sqlite_from(guard: Guard, source: sqlite3.Connection, dst: str | Path, cell: Callable[[str, Any], Any],
                      tables: Iterable[str] | None, progress: Callable[[int, int], None] | None, batch_rows: int,
                      scrub: bool, broken_keys: list[str] | None, left_out: list[str] | None = None) -> int:
    """:func:`_copy_sqlite` from an open ``source`` (closed here)."""

    def shown(name: str) -> str:
        return masked_name(name, guard.detector)

    target = sqlite3.connect(dst)
    for db in (source, target):
        android_collations(db)
    rows = 0
    try:
        wanted = set(tables) if tables else None
        shadows = _shadow_tables(source)
        entries = [(name, sql) for name, sql in source.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND {USER_OBJECTS} ORDER BY name")
            if name not in shadows]
        found = {name for name, _sql in entries}
        if wanted and wanted - found:
            raise ValueError(f"no such table(s): {', '.join(shown(t) for t in sorted(wanted - found))}")
        copied = [(name, sql) for name, sql in entries if not wanted or name in wanted]
        if scrub:
            _refuse_named(guard, [name for name, _sql in copied], "table")
            _refuse_named(guard, [c for name, _sql in copied for c in _columns(source, name, _STORED)], "column")
            _refuse_schema(guard, [(name, sql) for name, sql in source.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL") if not wanted or name in wanted or name not in found])
        for name, sql in copied:
            if contentless_index(sql):
                raise ValueError(f"table {shown(name)}: cannot be copied ({CONTENTLESS_REASON}); leave it out with --tables")
            target.execute(sql)
            columns = _columns(source, name, _STORED)
            listed = ", ".join(quote_identifier(c) for c in columns)
            try:
                cursor = source.execute(f"SELECT {listed} FROM {quote_identifier(name)}")
            except sqlite3.OperationalError as exc:  # its message may quote the schema: name the table and the cause
                raise ValueError(f"table {shown(name)}: cannot be read ({exc.__class__.__name__}: SQLite cannot read its rows); "
                                 "leave it out with --tables") from None
            kept_as_numbers = list(range(min(numeric_column_count(sql) or 0, len(columns))))
            paths = [child("$", c) for c in columns]
            insert = f"INSERT INTO {quote_identifier(name)} ({listed}) VALUES ({', '.join('?' * len(paths))})"
            while True:
                try:
                    batch = cursor.fetchmany(batch_rows)
                except sqlite3.OperationalError as exc:  # its message may quote the value: name the table instead
                    if "decode" not in str(exc):
                        raise ValueError(f"table {shown(name)}: cannot be read ({exc.__class__.__name__})") from None
                    raise ValueError(f"table {shown(name)}: a value cannot be read (a TEXT value that is not UTF-8, "
                                     "as a legacy app writes GBK?); convert it, or leave the table out with --tables") from None
                if not batch:
                    break
                written = [[cell(paths[i], v) for i, v in enumerate(row)] for row in batch]
                if kept_as_numbers and any(new[i] != old[i] for new, old in zip(written, batch) for i in kept_as_numbers):
                    raise ValueError(f"table {shown(name)}: an R*Tree stores only numbers, so a protected value would be "
                                     "written as 0; leave it out with --tables")
                try:
                    target.executemany(insert, written)
                except sqlite3.IntegrityError as exc:
                    raise ValueError(f"table {shown(name)}: {_integrity_reason(str(exc), sql)}") from None
                rows += len(batch)
                if progress is not None:
                    progress(len(batch), 0)
            generated = _columns(target, name, _GENERATED) if scrub else []
            if generated:
                listed_generated = ", ".join(quote_identifier(c) for c in generated)
                for row in target.execute(f"SELECT {listed_generated} FROM {quote_identifier(name)}"):
                    if any(cell(child("$", c), v) != v for c, v in zip(generated, row)):
                        raise ValueError(f"table {shown(name)}: a generated column computes personal data from the "
                                         "protected columns; drop the column or keep it out with --tables")
            target.commit()
        names = [name for name, _sql in copied]
        marks = ", ".join("?" * len(names))
        # Indexes and triggers of the copied tables, after the rows (a trigger must not fire on
        # the copy itself); views when every table was copied (a view of a table left out would
        # not work).
        # A trigger whose body names a table or view left out is left out too: SQLite takes it, and
        # then refuses every write to the copied table it fires on (no such table: audit_trail).
        absent = {n.lower() for (n,) in source.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")} \
            - {n.lower() for n in names}
        for kind, trigger, sql in source.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY type, name", names
        ):
            if kind == "trigger" and absent and absent & _sql_identifiers(sql):
                if left_out is not None:
                    left_out.append(f"trigger {shown(trigger)}: not copied, its body names a table or view left out "
                                    "with --tables")
                continue
            target.execute(sql)
        if set(names) == found:  # every table, named in --tables or not
            for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND sql IS NOT NULL ORDER BY name"):
                target.execute(sql)
        # What the application reads of the file itself: its schema version and id, and where each
        # AUTOINCREMENT table's ids go on (a copy that started again would hand out a deleted id)
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA {pragma}").fetchone()[0])
            target.execute(f"PRAGMA {pragma} = {value}")
        if "sqlite_sequence" in {r[0] for r in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}:
            for table, seq in source.execute("SELECT name, seq FROM sqlite_sequence"):
                if table in names:
                    target.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
                    target.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
        target.commit()
        if scrub and broken_keys is not None:
            broken_keys += [f"table {shown(child_table)}: {n} row(s) no longer match their foreign key "
                            f"({', '.join(columns)} in {shown(parent)}); the policy protected key values so that equal "
                            "values differ (encrypt, mask): `tokenize` is the action that keeps joins"
                            for child_table, parent, columns, n in _broken_foreign_keys(source, target, names)]
    finally:
        source.close()
        target.close()
    return rows


#: An identifier in SQL: a bare word, or one quoted with "", `` or [].
_SQL_IDENTIFIER = re.compile(r'"((?:[^"]|"")+)"|`((?:[^`]|``)+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*)')


def _sql_identifiers(sql: str) -> set[str]:
    """The identifiers ``sql`` names, lower case (a word in a string literal counts too: a trigger
    is left out rather than copied broken)."""
    return {next(g for g in m.groups() if g is not None).replace('""', '"').replace("``", "`").lower()
            for m in _SQL_IDENTIFIER.finditer(sql)}


def _broken_foreign_keys(source: sqlite3.Connection, target: sqlite3.Connection,
                         tables: list[str]) -> list[tuple[str, str, list[str], int]]:
    """``(table, parent table, its key columns, rows)`` for each foreign key of ``tables`` that
    more rows violate in ``target`` than in ``source``: keys the protection broke, not those the
    input already broke (SQLite enforces none unless asked)."""

    def violations(db: sqlite3.Connection, table: str) -> Counter[int]:
        try:
            return Counter(row[3] for row in db.execute(f"PRAGMA foreign_key_check({quote_identifier(table)})"))
        except sqlite3.DatabaseError:  # a parent table left out (--tables), or a key SQLite cannot check
            return Counter()

    broken = []
    for table in tables:
        keys: dict[int, tuple[str, list[str]]] = {}
        for fk_id, _seq, parent, column, to, *_rest in source.execute(f"PRAGMA foreign_key_list({quote_identifier(table)})"):
            keys.setdefault(fk_id, (parent, []))[1].append(f"{column} → {to}" if to else column)
        if not keys:
            continue
        before, after = violations(source, table), violations(target, table)
        for fk_id, (parent, columns) in sorted(keys.items()):
            if after[fk_id] > before[fk_id]:
                broken.append((table, parent, columns, after[fk_id] - before[fk_id]))
    return broken


def scrub_sqlite(guard: Guard, src: str | Path, dst: str | Path, stats: Stats, tables: Iterable[str] | None = None,
                 progress: Callable[[int, int], None] | None = None, batch_rows: int = 2000,
                 broken_keys: list[str] | None = None, left_out: list[str] | None = None) -> int:
    """Copy ``tables`` (default: all) of ``src`` into the new database ``dst``, protected.
    Foreign keys the protection broke are reported in ``broken_keys``, triggers not copied in
    ``left_out`` (see :func:`_copy_sqlite`)."""

    def cell(path: str, original: Any) -> Any:
        value = _scalar(original)  # REAL 13812345678.0 and UTF-8 BLOBs are inspected too
        if isinstance(value, bytes):
            refuse_opaque_pii(guard, f"BLOB column {path}", value)
        read = _read_as_text(value, guard, path)
        if read is not None:
            text, number = read
            edits = guard.value_edits(path, text, number, stats)
            if edits:
                protected = apply_edits(text, edits)
                # a BLOB stays a BLOB (its tokens as UTF-8), so that reveal gives back its type
                return protected.encode("utf-8") if isinstance(original, bytes) else protected
        return original

    return _copy_sqlite(guard, src, dst, cell, tables, progress, batch_rows, scrub=True, broken_keys=broken_keys,
                        left_out=left_out)


def _reveal_values(guard: Guard, path: str, values: list[Any], stats: Stats) -> list[Any]:
    return [guard.reveal_value(v, path, stats) if isinstance(v, str) and tokens.may_hold(v) else v for v in values]


def reveal_parquet(guard: Guard, src: str | Path, dst: str | Path, stats: Stats, batch_rows: int = BATCH_ROWS,
                   notices: list[str] | None = None) -> int:
    """Reveal every token in a Parquet file; integer columns that scrub turned into strings
    get their type back (recorded in the file's metadata), unless a value in one was protected one
    way (a policy that masks, hashes or redacts that entity): that column stays text, and a line
    of ``notices`` says so (by its name, masked where it looks like a number)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(src)
    with contextlib.closing(source):
        schema = source.schema_arrow
        metadata = dict(schema.metadata or {})
        names = json.loads(metadata.pop(CONVERTED_KEY, b"{}"))
        serialized = metadata.pop(CONVERTED_SCHEMA_KEY, None)
        recorded = json.loads(metadata.pop(DICTIONARIES_KEY, b"{}"))
        if serialized is not None:
            originals = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(serialized)))
            converted = {f.name: f.type for f in originals}
        else:  # written before the exact types were kept: the plain numeric and binary ones
            converted = {name: pa.type_for_alias(kind) for name, kind in names.items()
                         if kind.startswith(("int", "uint")) or kind in ("double", "float", "binary")}
        one_way = _one_way_columns(source, converted, batch_rows)
        for name in one_way:
            del converted[name]
            if notices is not None:
                notices.append(f"column {masked_name(name, guard.detector)} stays text: a value in it was protected one way "
                               "(masked, hashed or redacted) and is no number of its type any more")
        if ORIGINAL_PANDAS_KEY in metadata:
            original_pandas = metadata.pop(ORIGINAL_PANDAS_KEY)
            metadata[PANDAS_KEY] = _pandas_as_strings(original_pandas, set(one_way)) if one_way else original_pandas
        fields = [pa.field(f.name, converted[f.name], f.nullable, f.metadata) if f.name in converted else f for f in schema]
        out_schema = pa.schema(fields, metadata=metadata or None)
        dictionaries = {name: _revealed_dictionary(guard, name, recorded[name], converted[name])
                        for name in converted if name in recorded and pa.types.is_dictionary(converted[name])}
        rows = 0
        with pq.ParquetWriter(dst, out_schema, compression=compression_of(source)) as writer:
            for batch in source.iter_batches(batch_size=batch_rows):
                arrays = []
                for f_in, f_out in zip(schema, out_schema):
                    column = batch.column(f_in.name)
                    if _nested(f_in.type):
                        root = child("$", f_in.name)
                        values = column.to_pylist()
                        shown = [None if v is None else guard.reveal_document(v, stats, root) for v in values]
                        if shown != values:
                            column = pa.array(shown, type=f_out.type)
                    elif _is_text(f_in.type):
                        values = _reveal_values(guard, child("$", f_in.name), column.to_pylist(), stats)
                        if f_in.name in converted:
                            # revealed as text (a number token gives back an int): Arrow parses it
                            # into the column's own type, decimals and dictionaries included
                            text = pa.array([None if v is None else str(v) for v in values], type=pa.string())
                            try:
                                column = _in_dictionary(text, dictionaries.get(f_in.name), f_out.type)
                            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                                raise ValueError(f"column {masked_name(f_in.name, guard.detector)} cannot be given back its "
                                                 f"type {f_out.type} (a revealed value in it is not a number of that type)") from None
                        else:
                            column = pa.array(values, type=f_out.type)
                    arrays.append(column)
                writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=out_schema))
                rows += batch.num_rows
        return rows


def _revealed_dictionary(guard: Guard, name: str, recorded: list[str | None], kind: Any) -> tuple[dict[str, int], Any] | None:
    """The dictionary scrub recorded for a dictionary column, revealed: where each value's text
    stands in it, and the dictionary in the column's value type; ``None`` where it cannot be given
    back (a value protected one way, or no longer of that type): the column's values then make
    their own dictionary, as Arrow builds one."""
    import pyarrow as pa

    shown = _reveal_values(guard, child("$", name), recorded, Stats())
    if None in shown or len(shown) > 1 << (kind.index_type.bit_width - 1):
        return None  # (the row groups' dictionaries together may be more than its indices address)
    texts = [str(v) for v in shown]
    if len(set(texts)) != len(texts):
        return None
    try:
        dictionary = pa.array(texts, type=pa.string()).cast(kind.value_type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return {text: i for i, text in enumerate(texts)}, dictionary


def _in_dictionary(text: Any, dictionary: tuple[dict[str, int], Any] | None, kind: Any) -> Any:
    """A revealed string column cast back into ``kind``; a dictionary type's with the recorded
    dictionary (its order, the values no row uses) where every value is in it."""
    import pyarrow as pa

    if dictionary is not None:
        where, values = dictionary
        indices = [None if v is None else where.get(v, -1) for v in text.to_pylist()]
        if -1 not in indices:
            try:
                return pa.DictionaryArray.from_arrays(pa.array(indices, type=kind.index_type), values, ordered=kind.ordered)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                pass  # as Arrow builds one, below
    return text.cast(kind)


def _one_way_columns(source: Any, converted: dict[str, Any], batch_rows: int) -> list[str]:
    """The columns of ``converted`` (name → the type scrub took from them) that cannot be given
    their type back: a value in them holds a one-way token (a keyed hash), or holds no token and is
    no number of that type (``138****5678``, ``<CN_PHONE_NUMBER>``). Any other token gives back the
    number it stands for; a value scrub left alone is that number still. Read before the first row
    is written, since a Parquet file's schema comes first."""
    import pyarrow as pa

    left = dict(converted)
    kept: list[str] = []
    if not left:
        return kept
    for batch in source.iter_batches(batch_size=batch_rows, columns=list(left)):
        for name in list(left):
            plain: list[str] = []
            one_way = False
            for v in batch.column(name).to_pylist():
                if not isinstance(v, str):
                    continue
                if not tokens.may_hold(v):
                    plain.append(v)
                elif any(m.group(1) in tokens.ONE_WAY_KINDS for m in tokens.find(v)):
                    one_way = True  # a hash
            try:
                pa.array(plain, type=pa.string()).cast(left[name])
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                one_way = True
            if one_way:
                kept.append(name)
                del left[name]
        if not left:
            break
    return sorted(kept)


def reveal_sqlite(guard: Guard, src: str | Path, dst: str | Path, stats: Stats, batch_rows: int = 2000) -> int:
    """Copy every table of ``src`` into the new database ``dst`` with tokens revealed."""

    def cell(path: str, value: Any) -> Any:
        if isinstance(value, str):
            return guard.reveal_value(value, path, stats)
        if isinstance(value, bytes) and b"pg" in value:  # a BLOB scrub protected: its tokens as UTF-8
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                return value
            revealed = guard.reveal_value(text, path, stats)
            return str(revealed).encode("utf-8") if revealed != text else value
        return value

    return _copy_sqlite(guard, src, dst, cell, None, None, batch_rows, scrub=False)
