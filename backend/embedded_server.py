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
trips; MongoDB returns as many as fit in a 16 MiB reply, and so do we (up to `GET_MORE_AT_MOST`)."""

import re
from typing import Any

from neosqlite.collection.cursor import Cursor
from neosqlite.collection.datetime_query_processor import DateTimeQueryProcessor
from neosqlite.collection.jsonb_support import json_data_column
from neosqlite.collection.query_engine.query_methods import QueryMethodsMixin
from neosqlite.collection.query_helper import QueryHelper
from neosqlite.collection.sql_translator_unified import (
    SQLClauseBuilder,
    SQLFieldAccessor,
    SQLOperatorTranslator,
)
from neosqlite.sql_utils import quote_table_name
from nx_27017.handler import NeoSQLiteHandler

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
    sql = (f"SELECT id, _id, {json_data_column(self.jsonb.jsonb_supported)} as data "
           f"FROM {quote_table_name(self.collection.name)}{_where(clauses, where)}")
    try:
        rows = self.db.execute(sql, [*values, *params]).fetchall()
    except Exception:  # as neosqlite does: let its next tier answer
        return None
    return [self.collection._load_with_stored_id(row[0], row[2], row[1]) for row in rows]


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
        return _filtered_documents(self)
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
    document to project it was most of such a find's time)."""
    return docs if getattr(self, "_index_only", False) else _apply_projection(self, docs)


_batch_size = NeoSQLiteHandler._first_batch_size


def _batch_size_as_mongodb(cmd: dict[str, Any]) -> int:
    if "getMore" in cmd and cmd.get("batchSize") is None:
        return GET_MORE_AT_MOST  # the reply is still cut to 16 MiB
    return int(_batch_size(cmd))


QueryHelper._can_use_sql_updates = _exact_updates_only  # type: ignore[method-assign]
QueryHelper._build_field_clause = _build_field_clause  # type: ignore[method-assign]
QueryMethodsMixin.count_documents = _indexed_count_documents  # type: ignore[method-assign]
DateTimeQueryProcessor._process_with_sql_tier = _indexed_datetime_sql_tier  # type: ignore[method-assign]
Cursor._get_filtered_documents = _index_only_documents  # type: ignore[method-assign]
Cursor._apply_projection = _projected  # type: ignore[method-assign]
NeoSQLiteHandler._first_batch_size = staticmethod(_batch_size_as_mongodb)  # type: ignore[method-assign]

if __name__ == "__main__":
    from nx_27017.nx_27017 import main

    main()
