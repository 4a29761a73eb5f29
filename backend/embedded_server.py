"""Entry point of the embedded nx-27017 process, with writes kept type-exact and dated reads indexed.

neosqlite's SQL fast path for updates stores a datetime given to `$set` as a string and a
document given to `$push` as a JSON string, so later range queries and reads see the wrong
types. Its Python update path keeps BSON types exactly; we route every update through it.

Its reads with a datetime in the filter go through a separate translator that writes every
equality as "equal, or an array containing it", which no index can serve: looking up one
business's reviews since a date read the whole collection. An equality on a field with an index of
its own is taken as scalar by neosqlite's main translator already; we do the same there, and for
`$in` in both translators (it was always "an array element in the list": a scan, so fetching a
page of businesses by their codes read every business), and in counts (which have a translator
of their own: counting one district's businesses read all of them).

A find that projects only indexed fields still read every matching row's whole JSON document: in
a database bigger than memory each is a cold page. For collections whose indexed fields hold only
strings and numbers (`INDEX_ONLY`), such a find selects the indexed expressions themselves, which
SQLite (3.43, see pyproject) reads from the index alone when one index covers the query.

A getMore without a batch size returned 101 documents, so reading N documents took N/101 round
trips; MongoDB returns as many as fit in a 16 MiB reply, and so do we (up to `GET_MORE_AT_MOST`).

Bulk work (a full regrade writes millions of documents) spent most of its time copying: every
update deep-copied the whole stored document to `$set` a few fields, every insert deep-copied the
document it was about to serialise, every inclusion projection deep-copied the document it picked
fields from. Those copies guard nothing here (each document was just decoded, or is serialised
and dropped), so `$set`/`$unset` of top-level fields, inserts and inclusion projections work on
shallow copies. A write command of many operations ran each in its own SQLite transaction; it
runs in one now (a crash loses the unacknowledged command whole, never half of it).

A bounded read joined to another collection by one field (`$match`, `$sort`, `$skip`, `$limit`,
then a `$lookup` by `localField`/`foreignField` with a `$match` pipeline, as a search checks a page
of candidates' other grams) went through neosqlite's Python pipeline, which copied every document
of the collection it joined from; it is answered by two finds, the second by the joined values at
once (`$in`), so each reads its index alone where it can.

An equality with null inside `$and` or `$or` (matched in Python) found the documents without the
field and not those holding null, so `{"$and": [{"escalated_at": None}, …]}` skipped every review
stored with `"escalated_at": None`; null leaves are kept now, and it finds both, as MongoDB does.

Reads and writes of a few fields of big documents decoded and encoded the whole document (a
regrade reads and sets the grades of 8 KB profiles). A find with an inclusion projection now has
SQLite build the JSON of just the fields it projects (and those its filter and sort read), and
an update that `$set`s/`$unset`s top-level fields reads only those and has SQLite's json_set edit
the stored text in place (NaN, which SQLite would write back as null, still takes the whole-
document path). A dotted projection (`prediction.score`) gave a flat key `"prediction.score"`;
it nests as in MongoDB now, through objects and arrays. Every stored document is decoded by one
JSON decoder made once, with neosqlite's object hook, instead of a new decoder per document."""

import ctypes
import json
import os
import re
import signal
import struct
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import neosqlite.collection as collection_module
from bson import Decimal128, Int64
from bson import ObjectId as BsonObjectId
from bson import encode as bson_encode
from bson.codec_options import CodecOptions, TypeRegistry
from bson.raw_bson import RawBSONDocument
from neosqlite._sqlite import sqlite3
from neosqlite.binary import Binary
from neosqlite.collection import Collection
from neosqlite.collection import cursor as cursor_module
from neosqlite.collection.cursor import Cursor
from neosqlite.collection.datetime_query_processor import DateTimeQueryProcessor
from neosqlite.collection.json_helpers import neosqlite_json_dumps, neosqlite_json_loads
from neosqlite.collection.json_path_utils import parse_json_path
from neosqlite.collection.jsonb_support import json_data_column
from neosqlite.collection.query_engine import crud_operations as crud_module
from neosqlite.collection.query_engine.crud_operations import CRUDOperationsMixin
from neosqlite.collection.query_engine.query_methods import QueryMethodsMixin
from neosqlite.collection.query_helper import QueryHelper, query_builder
from neosqlite.collection.query_helper.utils import _convert_bytes_to_binary
from neosqlite.collection.sql_translator_unified import (
    SQLClauseBuilder,
    SQLFieldAccessor,
    SQLOperatorTranslator,
)
from neosqlite.collection.type_utils import _is_expression
from neosqlite.objectid import ObjectId
from neosqlite.sql_utils import quote_table_name
from nx_27017.handler import MAX_BSON_DOCUMENT_SIZE, NeoSQLiteHandler, _msg_db_name
from nx_27017.utils import convert_bson_to_neo_objectids
from nx_27017.wire_protocol import ResponseBuilder, WireProtocol

GET_MORE_AT_MOST = 100_000  # documents (or change events) in one getMore reply
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Collections whose documents hold only strings and numbers in these fields (json_extract gives
# them back as they are; a boolean would come back as 0/1, a date or object as text).
INDEX_ONLY: dict[str, frozenset[str]] = {
    "business_grams": frozenset({"gram", "code", "pos", "len", "district", "trade"}),
}


def _exact_updates_only(*_args: object, **_kwargs: object) -> bool:
    return False


def _own_index_fields(collection: Any) -> set[str]:
    """Fields with a single-field index: `CREATE INDEX … ON t(json_extract(data, '$.field'))`."""
    rows = collection.db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                                 (collection.name,)).fetchall()
    found = (re.search(r"\(json_extract\(data, '\$\.([A-Za-z0-9_]+)'\)\)$", row[0] or "")
             for row in rows)
    return {match.group(1) for match in found if match}


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _indexed_clause(field: str, value: Any, indexed: set[str]) -> tuple[str, list[Any]] | None:
    """SQL an index serves, for an equality or a non-empty `$in` of scalars on an indexed field."""
    if field not in indexed or not _FIELD.match(field):
        return None
    column = f"json_extract(data, '$.{field}')"
    if _scalar(value):
        return f"{column} = ?", [value]
    if isinstance(value, dict) and list(value) == ["$in"] and isinstance(value["$in"], list) \
            and value["$in"] and all(_scalar(item) for item in value["$in"]):
        return f"{column} IN ({', '.join('?' for _ in value['$in'])})", list(value["$in"])
    return None


def _split(collection: Any, query: dict[str, Any]) -> tuple[list[str], list[Any], dict[str, Any]]:
    """(SQL clauses an index serves, their parameters, the rest of the query)."""
    indexed = _own_index_fields(collection)
    sargable = {field: clause for field, value in query.items()
                if (clause := _indexed_clause(field, value, indexed)) is not None}
    return ([clause for clause, _ in sargable.values()],
            [value for _, values in sargable.values() for value in values],
            {field: value for field, value in query.items() if field not in sargable})


def _where(clauses: list[str], rest_where: str) -> str:
    if rest_where.strip():
        clauses = [*clauses, "(" + rest_where.strip().removeprefix("WHERE").strip() + ")"]
    return " WHERE " + " AND ".join(clauses) if clauses else ""


_count_documents = QueryMethodsMixin.count_documents


def _indexed_count_documents(self: Any, filter: dict[str, Any], session: Any = None) -> int:
    clauses, values, rest = _split(self.collection, self.helpers._normalize_id_query(filter))
    if not clauses:
        return _count_documents(self, filter, session)
    where, params = self.sql_translator.translate_match(rest) if rest else ("", [])
    if where is None:
        return _count_documents(self, filter, session)
    row = self.collection.db.execute(
        f"SELECT COUNT(id) FROM {quote_table_name(self.collection.name)}{_where(clauses, where)}",
        [*values, *params]).fetchone()
    return int(row[0]) if row else 0


_field_clause = QueryHelper._build_field_clause


def _build_field_clause(self: QueryHelper, field: str, value: Any) -> tuple[str, list[Any]] | None:
    if isinstance(value, dict) and "$in" in value:
        clause = _indexed_clause(field, value, _own_index_fields(self.collection))
        if clause is not None:
            return clause
    return _field_clause(self, field, value)


def _leaf_values(document: dict[str, Any], parts: list[str]) -> list[Any] | None:
    """neosqlite's resolution of a dotted path for an equality matched in Python (inside `$and`,
    `$or`, …), keeping null leaves: it dropped them, so `{"f": None}` there found the documents
    without `f` and not those holding null, where MongoDB finds both. None when the first part
    is missing, as before."""
    current: list[Any] = [document]
    for part in parts:
        found, following = False, []
        for node in current:
            for element in node if isinstance(node, list) else [node]:
                if isinstance(element, dict) and part in element:
                    found = True
                    value = element[part]
                    following.extend(value if isinstance(value, list) else [value])
        if not found:
            return None
        current = following
    return current


def _indexed_datetime_sql_tier(self: DateTimeQueryProcessor,
                               query: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The datetime tier of neosqlite, with scalar equalities on indexed fields kept sargable."""
    if self.is_kill_switch_enabled():
        return None
    clauses, values, rest = _split(self.collection, query)
    accessor = SQLFieldAccessor(data_column="data", id_column="id", jsonb_supported=False)
    builder = SQLClauseBuilder(accessor, SQLOperatorTranslator(accessor))
    where, params = builder.build_where_clause(rest, query_param=rest)
    if where is None:
        return None
    sql = (f"SELECT id, _id, {_data_column(self.jsonb.jsonb_supported)} as data "
           f"FROM {quote_table_name(self.collection.name)}{_where(clauses, where)}")
    try:
        rows = self.db.execute(sql, [*values, *params]).fetchall()
    except Exception:  # as neosqlite does: let its next tier answer
        return None
    return [self.collection._load_with_stored_id(row[0], row[2], row[1]) for row in rows]


def _stored_value(dct: dict[str, Any]) -> Any:
    """neosqlite's object hook (`neosqlite_json_loads`), the same decisions in the same order:
    stored binaries, object ids and dates become themselves again."""
    if "__neosqlite_binary__" in dct:
        try:
            return Binary.decode_from_storage(dct)
        except (ValueError, KeyError, TypeError):
            return dct
    if "__neosqlite_objectid__" in dct:
        try:
            return ObjectId(dct["id"])
        except (ValueError, KeyError):
            pass
    stamp = dct.get("$date")
    if isinstance(stamp, (str, int, float)):
        try:
            if isinstance(stamp, str):
                return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return datetime.fromtimestamp(stamp / 1000.0, tz=UTC)
        except (ValueError, OSError):
            pass
    return dct


_DECODER = json.JSONDecoder(object_hook=_stored_value)


def _loads(text: str) -> Any:
    """`neosqlite_json_loads` with one decoder made once, not a decoder and a hook per document
    (a few per cent of every read)."""
    return _DECODER.decode(text)


# The fields (paths) the running find or update needs of each document, when it needs only some.
_PUSHED: ContextVar[tuple[str, ...] | None] = ContextVar("pushed_fields", default=None)
_JSON_ARROWS = sqlite3.sqlite_version_info >= (3, 38, 0)  # `->`; older SQLite: whole documents


def _data_column(jsonb: bool) -> str:
    """The stored document as neosqlite selects it, or only the fields in `_PUSHED`, as JSON text
    SQLite builds from the stored text: a field that is missing stays missing, a null stays null,
    every value keeps its exact text (decoding whole documents of which a find or an update
    needed a few fields was most of their time). A dotted path `a.b` gives `a` holding only `b`
    when `a` is an object, `a` whole when it is an array (the projection then picks from each
    element), and nothing otherwise, as MongoDB projects it."""
    paths = _PUSHED.get()
    if jsonb or not paths or not _JSON_ARROWS:
        return json_data_column(jsonb)
    tree: dict[str, Any] = {}
    for path in sorted(paths, key=lambda path: path.count(".")):  # a whole field before its parts
        node: dict[str, Any] | None = tree
        *parents, last = path.split(".")
        for part in parents:
            node = None if node is None else node.setdefault(part, {})
        if node is not None:
            node[last] = None  # None: the whole value
    return f"('{{' || rtrim({_members(tree, '$')}, ',') || '}}')"


def _members(tree: dict[str, Any], at: str) -> str:
    """SQL for the members `"name":value,` of the object at JSON path `at` that `tree` keeps."""
    pieces = []
    for name, inner in tree.items():
        path = f"{at}.{name}"
        if inner is None:
            pieces.append(f"""coalesce('"{name}":' || (data -> '{path}') || ',', '')""")
        else:
            whole = f"""'"{name}":' || (data -> '{path}') || ','"""
            parts = f"""'"{name}":{{' || rtrim({_members(inner, path)}, ',') || '}},'"""
            pieces.append(f"(CASE json_type(data, '{path}') WHEN 'object' THEN {parts} "
                          f"WHEN 'array' THEN {whole} ELSE '' END)")
    return " || ".join(pieces)


def _named(filter: Any) -> set[str] | None:
    """The top-level fields a filter reads, or None when it may read the whole document."""
    if not isinstance(filter, dict):
        return None
    names: set[str] = set()
    for key, value in filter.items():
        if key in ("$and", "$or", "$nor"):
            if not isinstance(value, list):
                return None
            for part in value:
                inner = _named(part)
                if inner is None:
                    return None
                names |= inner
        elif key.startswith("$"):  # $where, $expr, $text, $jsonSchema…: maybe the whole document
            if key != "$comment":
                return None
        else:
            names.add(key.split(".")[0])
    return names


def _pushed_fields(cursor: Cursor) -> tuple[str, ...] | None:
    """What a find needs of each document when it projects some fields: those, and the fields
    its filter and sort read whole (for the parts neosqlite may still do in Python)."""
    projection = cursor._projection
    if not isinstance(projection, dict) or not _plain_inclusion(projection) \
            or cursor._where_predicate or cursor._min or cursor._max:
        return None
    names = _named(cursor._filter)
    if names is None:
        return None
    paths = names | {key.split(".")[0] for key in cursor._sort or {}} | {"_id"} \
        | {key for key, value in projection.items() if value == 1}
    return tuple(sorted(paths)) if all(_FIELD.match(part) for path in paths
                                       for part in path.split(".")) else None


def _in_place(jsonb: Any, names: list[str]) -> bool:
    """Whether `_write_fields` edits these top-level fields in the stored text: only then may an
    update read no more of the document than those fields (it writes no whole document)."""
    return not jsonb.jsonb_supported and _JSON_ARROWS and all(_FIELD.match(name) for name in names)


_update_one, _update_many = CRUDOperationsMixin.update_one, CRUDOperationsMixin.update_many


def _reading_updated_fields(update_method: Any) -> Any:
    """neosqlite's update_one / update_many, reading of each matched document only the fields a
    `$set`/`$unset` of top-level fields writes (`_write_fields` stores just those, in place)."""
    def run(self: Any, filter: dict[str, Any], update: dict[str, Any], upsert: bool = False,
            array_filters: Any = None, session: Any = None) -> Any:
        names = [name for fields in update.values() if isinstance(fields, dict) for name in fields]
        if upsert or array_filters or self.collection.name.endswith("_files") \
                or not _top_level_fields(update) or not _in_place(self.jsonb, names):
            return update_method(self, filter, update, upsert, array_filters, session)
        token = _PUSHED.set(tuple(sorted({"_id", *names})))
        try:
            return update_method(self, filter, update, upsert, array_filters, session)
        finally:
            _PUSHED.reset(token)
    return run


def _index_only_fields(cursor: Cursor) -> list[str] | None:
    """The projected fields, when this find can be answered from the indexed expressions alone."""
    allowed, projection = INDEX_ONLY.get(cursor._collection.name), cursor._projection
    if not allowed or not projection or projection.get("_id", 1) or cursor._where_predicate \
            or cursor._min or cursor._max or cursor._collation or cursor._hint:
        return None
    fields = [field for field in projection if field != "_id"]
    if not fields or any(projection[field] not in (1, True) for field in fields) \
            or not set(fields) <= allowed or not set(cursor._filter) <= allowed:
        return None
    return fields


_filtered_documents = Cursor._get_filtered_documents


def _index_only_documents(self: Cursor) -> Any:
    fields = _index_only_fields(self)
    where = self._query_helpers._build_simple_where_clause(self._filter) if fields else None
    # where[2] names temporary tables neosqlite made for the filter: not a plain query then
    plain = fields is not None and where is not None and not where[2]
    self._index_only = plain  # type: ignore[attr-defined]
    if fields is None or where is None or not plain:
        token = _PUSHED.set(_pushed_fields(self))  # always set: an update's fields are not a find's
        try:
            return _filtered_documents(self)
        finally:
            _PUSHED.reset(token)
    helpers = self._query_helpers
    sort = helpers._build_sort_clause(self._sort, None)
    page = helpers._build_pagination_clause(self._limit, self._skip)
    columns = ", ".join(f"json_extract(data, '$.{field}')" for field in fields)
    rows = self._collection.db.execute(
        f"SELECT {columns} FROM {quote_table_name(self._collection.name)} {where[0]}{sort}{page}",
        where[1]).fetchall()
    self._sql_handled_sort, self._sql_handled_pagination = bool(sort), bool(page)
    return [{field: value for field, value in zip(fields, row, strict=True) if value is not None}
            for row in rows]


_apply_projection = Cursor._apply_projection


def _projected(self: Cursor, docs: Any) -> Any:
    """Documents read from the index hold the projected fields only already (copying each
    document to project it was most of such a find's time); the fields of an inclusion
    projection are picked by paths worked out once per find, not once per document."""
    if getattr(self, "_index_only", False):
        return docs
    projection = self._projection
    if not isinstance(projection, dict) or not _plain_inclusion(projection):
        return _apply_projection(self, docs)
    paths = _inclusion_paths(projection)
    if all(len(path) == 1 for path in paths):
        names = [path[0] for path in paths]
        return [{name: document[name] for name in names if name in document} for document in docs]
    return [_picked(document, paths) for document in docs]


_python_update = QueryHelper._perform_python_update
_SHALLOW_OPERATORS = frozenset({"$set", "$unset"})


def _top_level_fields(update: dict[str, Any]) -> bool:
    return set(update) <= _SHALLOW_OPERATORS and all(
        isinstance(fields, dict) and all("." not in key and "$" not in key for key in fields)
        for fields in update.values())


def _python_update_shallow(self: QueryHelper, doc_id: Any, update: dict[str, Any],
                           original: dict[str, Any], array_filters: Any = None,
                           query_filter: Any = None) -> tuple[dict[str, Any], bool]:
    """neosqlite's Python update for `$set`/`$unset` of top-level fields, without deep-copying the
    whole document first (most of a bulk update's time): only the top level changes. `original`
    may hold only the fields the update names (`_reading_updated_fields`). Only the fields that
    change are written (a rescoring sets a review's status and lease fields to what they are),
    and nothing when none does, as MongoDB writes nothing then."""
    if array_filters or not _top_level_fields(update):
        return _python_update(self, doc_id, update, original, array_filters, query_filter)
    document = _updated(original, update)
    changes = {"$set": {name: value for name, value in update.get("$set", {}).items()
                        if name not in original or not _same(original[name], value)},
               "$unset": {name: "" for name in update.get("$unset", {}) if name in original}}
    modified = bool(changes["$set"] or changes["$unset"])
    if doc_id != 0 and modified:  # 0: an upsert, which the caller inserts
        _write_fields(self, doc_id, document, changes)
    return document, modified


def _same(stored: Any, given: Any) -> bool:
    """Equal, with the same types and key order throughout: 1, 1.0 and True are three values to
    MongoDB, and {a, b} is not {b, a}."""
    if type(stored) is not type(given):
        return False
    if isinstance(given, dict):
        return list(stored) == list(given) and all(_same(stored[key], given[key]) for key in given)
    if isinstance(given, list):
        return len(stored) == len(given) and all(map(_same, stored, given))
    return bool(stored == given)


def _updated(document: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """A shallow copy of `document` with a `$set`/`$unset` of top-level fields applied."""
    changed = dict(document)
    changed.update(update.get("$set", {}))
    for field in update.get("$unset", {}):
        changed.pop(field, None)
    return changed


def _write_fields(self: QueryHelper, doc_id: Any, document: dict[str, Any],
                  update: dict[str, Any]) -> None:
    """Stores a `$set`/`$unset` of top-level fields: SQLite edits the stored text in place, with
    only the new values serialised (serialising the whole document was most of a bulk regrade's
    write). `document` is written whole where `_in_place` says no (documents stored as JSONB,
    SQLite older than 3.38, a name that would need quoting in a JSON path): then the update read
    the whole document."""
    table, row_id = quote_table_name(self.collection.name), self._get_integer_id_for_oid(doc_id)
    sets, unsets = update.get("$set", {}), update.get("$unset", {})
    if not _in_place(self.jsonb, [*sets, *unsets]):
        self.collection.db.execute(f"UPDATE {table} SET data = ? WHERE id = ?",
                                   (neosqlite_json_dumps(document), row_id))
        return
    edit = "data"  # one path per call: SQLite 3.43.1's json_set with several corrupts memory
    for name in sets:
        edit = f"json_set({edit}, '$.{name}', json(?))"
    for name in unsets:
        edit = f"json_remove({edit}, '$.{name}')"
    values = [neosqlite_json_dumps(value) for value in sets.values()]
    # SQLite reads NaN and Infinity as JSON5 and writes them back as null and 9e999: a document or
    # value holding them (or a text that merely holds those words) is rewritten whole instead
    if not any("NaN" in text or "Infinity" in text for text in values) and self.collection.db.execute(
            f"UPDATE {table} SET data = {edit} WHERE id = ? AND instr(data, 'NaN') = 0 "
            "AND instr(data, 'Infinity') = 0", (*values, row_id)).rowcount:
        return
    stored = self.collection.db.execute(f"SELECT data FROM {table} WHERE id = ?", (row_id,)).fetchone()
    self.collection.db.execute(f"UPDATE {table} SET data = ? WHERE id = ?", (
        neosqlite_json_dumps(_updated(neosqlite_json_loads(stored[0]), update)), row_id))


_insert = QueryHelper._internal_insert


def _insert_shallow(self: QueryHelper, document: dict[str, Any]) -> Any:
    """neosqlite's insert without its deep copy: converting bytes already builds new containers."""
    if not isinstance(document, dict):
        return _insert(self, document)
    given = document.get("_id")
    stored_id = ObjectId() if given is None else given
    text = neosqlite_json_dumps(_convert_bytes_to_binary({**document, "_id": stored_id}))
    if not self._validate_json_document(text):
        raise ValueError("Invalid JSON document")
    self.collection.db.execute(
        f"INSERT INTO {quote_table_name(self.collection.name)}(data, _id) VALUES (?, ?)",
        (text, str(stored_id)))
    if "_id" not in document:
        document["_id"] = stored_id
    return stored_id


_projection = QueryHelper._apply_projection


def _plain_inclusion(projection: dict[str, Any]) -> bool:
    return any(value == 1 for value in projection.values()) and not any(
        _is_expression(value) or (isinstance(value, str) and value.startswith("$"))
        for value in projection.values())


def _project_shallow(self: QueryHelper, projection: dict[str, Any],
                     document: dict[str, Any]) -> dict[str, Any]:
    """neosqlite's inclusion projection, which picks the fields from the document itself after
    deep-copying it to no purpose (the copy was most of a projected read's time)."""
    if not projection or not _plain_inclusion(projection):
        return _projection(self, projection, document)
    return _picked(document, _inclusion_paths(projection))


def _inclusion_paths(projection: dict[str, Any]) -> list[list[str]]:
    """The paths a plain inclusion projection keeps, split at the dots; `_id` unless excluded."""
    paths = [key.split(".") for key, value in projection.items() if value == 1]
    return paths if "_id" in projection else [*paths, ["_id"]]


def _picked(document: dict[str, Any], paths: list[list[str]]) -> dict[str, Any]:
    projected: dict[str, Any] = {}
    for path in paths:
        _include(document, path, projected)
    return projected


def _include(source: dict[str, Any], parts: list[str], target: dict[str, Any]) -> None:
    """Copies the value at the path `parts` of `source` into `target` as MongoDB's inclusion
    projection does: `a.b` keeps `a` holding `b` alone, an object without `b` as `{}`, an array
    as its objects each holding `b` (other elements dropped), and no `a` at all otherwise."""
    head, rest = parts[0], parts[1:]
    if head not in source:
        return
    value = source[head]
    if not rest:
        target[head] = value
    elif isinstance(value, dict):
        _include(value, rest, target.setdefault(head, {}))
    elif isinstance(value, list):
        elements = [element for element in value if isinstance(element, dict)]
        kept = target.setdefault(head, [{} for _ in elements])
        for element, into in zip(elements, kept, strict=True):
            _include(element, rest, into)


_handle_command, _handle_insert = NeoSQLiteHandler.handle_command, NeoSQLiteHandler.handle_insert


def _write_count(body: dict[str, Any], msg: dict[str, Any]) -> int:
    """Operations in a write command: in its body, or in document sequences (pymongo's bulk form)."""
    sequences = sum(len(docs) for kind, section in msg.get("sections", []) if kind == "payload"
                    for docs in section.values() if isinstance(docs, list))
    sequences += sum(len(docs) for kind, docs in msg.get("sections", []) if kind == "payload_docs")
    return sequences + len(body.get("updates") or body.get("documents") or body.get("deletes") or [])


def _in_one_transaction(handle: Any) -> Any:
    """Runs a write command of several operations in one SQLite transaction instead of one each,
    unless it belongs to a client transaction (which neosqlite already brackets)."""
    def run(self: NeoSQLiteHandler, msg: dict[str, Any]) -> Any:
        body: dict[str, Any] = next((doc for kind, doc in msg.get("sections", []) if kind == "body"), {})
        if not any(name in body for name in ("insert", "update", "delete")) or "autocommit" in body \
                or _write_count(body, msg) < 2:
            return handle(self, msg)
        db_name = _msg_db_name(msg)
        with self._lock_for(db_name):
            try:
                connection = self.get_database(db_name).db
            except ValueError:  # a bad name: the command answers why
                return handle(self, msg)
            if connection.in_transaction:
                return handle(self, msg)
            connection.execute("BEGIN")
            try:
                return handle(self, msg)
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
    return run


_batch_size = NeoSQLiteHandler._first_batch_size


def _batch_size_as_mongodb(cmd: dict[str, Any]) -> int:
    if "getMore" in cmd and cmd.get("batchSize") is None:
        return GET_MORE_AT_MOST  # the reply is still cut to 16 MiB
    return int(_batch_size(cmd))


_PLAIN = frozenset({str, int, float, bool, type(None), datetime})


def _neo_ids(value: Any) -> Any:
    """nx-27017's conversion of a request's BSON ObjectIds to neosqlite's, dispatching on exact
    types first (its chain of isinstance checks per value was a tenth of a bulk write's time)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {key: _neo_ids(item) for key, item in value.items()}
    if kind is list:
        return [_neo_ids(item) for item in value]
    return convert_bson_to_neo_objectids(value)


def _convert_objectids(self: NeoSQLiteHandler, doc: dict) -> Any:
    return _neo_ids(doc)


def _bson_value(value: Any) -> Any:
    """What BSON cannot encode by itself: neosqlite's ObjectIds, and Decimals as Decimal128."""
    if isinstance(value, ObjectId):
        return BsonObjectId(value.binary)
    if isinstance(value, Decimal):
        return Decimal128(value)
    return value


# Encodes neosqlite documents as they are: nx-27017 first rebuilt every reply document in Python
# to swap its ObjectIds for BSON ones (most of the cost of answering a large read).
_BSON_READY: CodecOptions[Any] = CodecOptions(type_registry=TypeRegistry(fallback_encoder=_bson_value))


def _fit_encoded(docs: list[dict[str, Any]], limit: int = MAX_BSON_DOCUMENT_SIZE
                 ) -> tuple[list[Any], list[dict[str, Any]]]:
    """nx-27017's split of a batch to fit a reply, encoding each document once (it encoded each to
    measure it, failed on every ObjectId and measured its repr instead, then encoded it again)."""
    head: list[Any] = []
    used = 0
    for doc in docs:
        try:
            encoded: Any = RawBSONDocument(bson_encode(doc, codec_options=_BSON_READY))
            size = len(encoded.raw)
        except Exception:  # as nx-27017: the reply's encoding will say what is wrong
            encoded, size = doc, len(repr(doc))
        if head and used + size > limit:
            break
        head.append(encoded)
        used += size
    return head, docs[len(head):]


def _distinct(self: QueryMethodsMixin, key: str, filter: dict[str, Any] | None = None,
              session: Any = None) -> list[Any]:
    """neosqlite read values with json_extract, which gives a string's bare text, so the string
    "1" came back as the number 1 and an object as text; `->` gives each value as JSON. A filter
    SQL cannot express is applied in Python (neosqlite dropped it)."""
    if filter:
        clause, params = self.sql_translator.translate_match(
            self.helpers._normalize_id_query(filter))
        if clause is None:
            return _distinct_values(document.get(key) for document in self.collection.find(filter))
    else:
        clause, params = "", []
    rows = self.collection.db.execute(
        f"SELECT DISTINCT data -> '{parse_json_path(key)}' FROM "
        f"{quote_table_name(self.collection.name)} {clause}", params)
    return _distinct_values(neosqlite_json_loads(row[0]) for row in rows if row[0] is not None)


def _distinct_values(values: Any) -> list[Any]:
    """Each value once, in first-seen order; an array's elements count one by one (MongoDB's
    distinct)."""
    seen: dict[str, Any] = {}
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            seen.setdefault(neosqlite_json_dumps(item, sort_keys=True), item)
    return list(seen.values())


def _op_msg_reply(request_id: int, response_to: int, document: dict[str, Any],
                  flags: int = 0) -> bytes:
    cursor = document.get("cursor")
    if isinstance(cursor, dict) and cursor.get("id") == 0:
        document = document | {"cursor": cursor | {"id": Int64(0)}}  # as nx-27017 sends it
    body = struct.pack("<I", flags) + struct.pack("<B", 0) + bson_encode(document,
                                                                         codec_options=_BSON_READY)
    return struct.pack("<iiii", 16 + len(body), request_id, response_to, WireProtocol.OP_MSG) + body


_aggregate = Collection.aggregate


class _Joined(list):  # type: ignore[type-arg]
    """A joined read's documents, read as the handler reads an aggregation cursor."""

    def to_list(self) -> list[dict[str, Any]]:
        return list(self)


def _bounded_lookup(pipeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The stages of `[$match, $sort, ($skip), $limit, $lookup, ($project)]` whose `$lookup` joins
    by localField/foreignField (plain field names) through a pipeline of one `$match` and an
    optional `$project`, both projections inclusions of top-level fields; else None."""
    if not all(isinstance(stage, dict) and len(stage) == 1 for stage in pipeline):
        return None
    stages = {name: value for stage in pipeline for name, value in stage.items()}
    names = [name for stage in pipeline for name in stage]
    if len(stages) != len(pipeline) or [name for name in names if name not in ("$skip", "$project")] \
            != ["$match", "$sort", "$limit", "$lookup"] or names[-1] not in ("$lookup", "$project") \
            or ("$skip" in stages and names.index("$skip") != 2):
        return None
    lookup = stages["$lookup"]
    if not isinstance(lookup, dict) or set(lookup) != {"from", "localField", "foreignField",
                                                       "pipeline", "as"}:
        return None
    inner = lookup["pipeline"]
    if not all(isinstance(lookup[key], str) and _FIELD.match(lookup[key])
               for key in ("from", "localField", "foreignField", "as")) \
            or not isinstance(inner, list) or not 1 <= len(inner) <= 2 \
            or not all(isinstance(stage, dict) and len(stage) == 1 for stage in inner) \
            or [next(iter(stage)) for stage in inner] not in (["$match"], ["$match", "$project"]) \
            or lookup["foreignField"] in inner[0]["$match"] \
            or not isinstance(stages["$limit"], int) or stages["$limit"] <= 0 \
            or not isinstance(stages.get("$skip", 0), int) or stages.get("$skip", 0) < 0 \
            or not all(_inclusion(projection) for projection in
                       (stages.get("$project"), inner[-1].get("$project"))):
        return None
    return stages


def _inclusion(projection: Any) -> bool:
    """None, or an inclusion of top-level fields (`_id` may be left out)."""
    return projection is None or isinstance(projection, dict) and all(
        isinstance(key, str) and _FIELD.match(key) and (value in (1, True) or key == "_id"
                                                         and value in (0, 1, True, False))
        for key, value in projection.items())


def _with(projection: dict[str, Any] | None, field: str) -> dict[str, Any] | None:
    return None if projection is None else {**projection, field: 1}


def _shows(projection: dict[str, Any] | None, field: str) -> bool:
    default = 1 if projection is None or field == "_id" else 0
    return projection is None or projection.get(field, default) in (1, True)


def _as_projected(document: dict[str, Any], projection: dict[str, Any] | None,
                  field: str) -> dict[str, Any]:
    """A document read with `_with(projection, field)`, as `projection` alone gives it."""
    if not _shows(projection, field):
        document.pop(field, None)
    return document


def _aggregate_joined(self: Collection, pipeline: list[dict[str, Any]], *args: Any,
                      **kwargs: Any) -> Any:
    stages = _bounded_lookup(pipeline)
    if stages is None:
        return _aggregate(self, pipeline, *args, **kwargs)
    lookup, shown = stages["$lookup"], stages.get("$project")
    local, foreign, into = lookup["localField"], lookup["foreignField"], lookup["as"]
    read = None if shown is None else {key: value for key, value in shown.items() if key != into}
    documents = list(self.find(stages["$match"], _with(read, local))
                     .sort(list(stages["$sort"].items()))
                     .skip(stages.get("$skip", 0)).limit(stages["$limit"]))
    values = [document.get(local) for document in documents]
    if any(value is None or isinstance(value, (list, dict)) for value in values):
        # MongoDB matches a null or an array here element by element; neosqlite's general
        # pipeline would ignore the $lookup's own pipeline, so say so rather than answer wrongly
        raise ValueError(f"$lookup joined by {local!r}: a document holds a null, an array or an "
                         "object there, which the embedded server cannot join with a pipeline; "
                         "use MongoDB (MONGODB_URI) for such data")
    inner = lookup["pipeline"]
    inner_shown = inner[-1].get("$project")
    joined: dict[Any, list[dict[str, Any]]] = {}
    if values:
        for row in self.database[lookup["from"]].find(
                {**inner[0]["$match"], foreign: {"$in": list(dict.fromkeys(values))}},
                _with(inner_shown, foreign)):
            joined.setdefault(row[foreign], []).append(_as_projected(row, inner_shown, foreign))
    answer = _Joined(_as_projected(document, shown, local) for document in documents)
    if _shows(shown, into):
        for document, value in zip(answer, values, strict=True):
            document[into] = joined.get(value, [])
    return answer

query_builder._iter_leaf_values = _leaf_values
collection_module.neosqlite_json_loads = _loads
QueryHelper._can_use_sql_updates = _exact_updates_only  # type: ignore[method-assign]
QueryHelper._build_field_clause = _build_field_clause  # type: ignore[method-assign]
QueryMethodsMixin.count_documents = _indexed_count_documents  # type: ignore[method-assign]
QueryMethodsMixin.distinct = _distinct  # type: ignore[method-assign]
DateTimeQueryProcessor._process_with_sql_tier = _indexed_datetime_sql_tier  # type: ignore[method-assign]
Cursor._get_filtered_documents = _index_only_documents  # type: ignore[method-assign]
Cursor._apply_projection = _projected  # type: ignore[method-assign]
QueryHelper._perform_python_update = _python_update_shallow  # type: ignore[method-assign]
CRUDOperationsMixin.update_one = _reading_updated_fields(_update_one)  # type: ignore[method-assign]
CRUDOperationsMixin.update_many = _reading_updated_fields(_update_many)  # type: ignore[method-assign]
cursor_module.json_data_column = _data_column
crud_module.json_data_column = _data_column
QueryHelper._internal_insert = _insert_shallow  # type: ignore[method-assign]
QueryHelper._apply_projection = _project_shallow  # type: ignore[method-assign]
NeoSQLiteHandler.handle_command = _in_one_transaction(_handle_command)  # type: ignore[method-assign]
NeoSQLiteHandler.handle_insert = _in_one_transaction(_handle_insert)  # type: ignore[method-assign]
NeoSQLiteHandler._convert_objectids = _convert_objectids  # type: ignore[method-assign]
NeoSQLiteHandler._fit_bson_budget = staticmethod(_fit_encoded)  # type: ignore[method-assign]
ResponseBuilder.build_op_msg_reply = staticmethod(_op_msg_reply)  # type: ignore[method-assign]
NeoSQLiteHandler._first_batch_size = staticmethod(_batch_size_as_mongodb)  # type: ignore[method-assign]
Collection.aggregate = _aggregate_joined  # type: ignore[method-assign]


def _die_with_parent() -> None:
    """Linux: this server exits when the process that started it dies, even by SIGKILL. Set here,
    after exec, not in a `preexec_fn` between fork and exec, which can deadlock the child when the
    starter has other threads (a successor starts its server from a watching thread). A starter
    that died before this ran leaves no one to serve: exit at once."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        return
    from backend.database import STARTER_PID

    starter = os.environ.get(STARTER_PID)
    if starter and os.getppid() != int(starter):
        sys.exit("the process that started this embedded database has ended")


if __name__ == "__main__":
    from nx_27017.nx_27017 import main

    _die_with_parent()
    main()
