"""Entry point of the embedded nx-27017 process, with writes kept type-exact.

neosqlite's SQL fast path for updates stores a datetime given to `$set` as a string and a
document given to `$push` as a JSON string, so later range queries and reads see the wrong
types. Its Python update path keeps BSON types exactly; we route every update through it."""

from neosqlite.collection.query_helper import QueryHelper


def _exact_updates_only(*_args: object, **_kwargs: object) -> bool:
    return False


QueryHelper._can_use_sql_updates = _exact_updates_only  # type: ignore[method-assign]

if __name__ == "__main__":
    from nx_27017.nx_27017 import main

    main()
