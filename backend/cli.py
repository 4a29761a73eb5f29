"""Command line: serve the portal and API (seeding demo data into an empty database), run the worker,
maintain the data, manage accounts (users). Seed other data with python -m backend.seed."""

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from pymongo.database import Database
from pymongo.errors import PyMongoError

from backend import database, indexes, worker
from backend.config import PlugInMissing, get_settings, plug_in


def _prepare_database(*, seed_if_empty: bool) -> None:
    from backend.seed import demo  # seeding pulls in the fixtures only when asked

    db = database.get_db()
    indexes.create_all(db)
    if seed_if_empty and demo.is_empty(db):
        print("Empty database: seeding demo data…", flush=True)
        accounts = demo.seed(db, businesses=get_settings().demo_businesses)
        demo.print_accounts(accounts)


@contextmanager
def _maintained_database() -> Iterator[Database]:
    """The configured database, for a maintenance command: indexes ensured, never seeded; closed
    (and an embedded server stopped) when the command is done."""
    _prepare_database(seed_if_empty=False)
    try:
        yield database.get_db()
    finally:
        database.close()


def _check_plug_ins() -> None:
    """A NOTICE_SENDER or DETECTOR naming code that is not there stops the worker at its start,
    not at its first notice or camera frame, hours later in a log."""
    settings = get_settings()
    for setting, name in (("NOTICE_SENDER", settings.notice_sender), ("DETECTOR", settings.detector)):
        if ":" in name:
            try:
                plug_in(setting, name)
            except PlugInMissing as exc:
                sys.exit(f"mingliang: {exc}")


def serve(args: argparse.Namespace) -> None:
    from backend import web_server

    settings = get_settings()
    if not args.no_worker:
        _check_plug_ins()
    _prepare_database(seed_if_empty=not args.no_seed)
    background = None if args.no_worker else worker.start_in_background()
    processes = max(1, settings.web_concurrency)
    if processes > 1:
        # Web processes share this process's embedded server (or the configured MongoDB);
        # sessions, rate limits and jobs live in the database, so any process may answer.
        os.environ["MONGODB_URI"] = database.uri()
    print(f"Mingliang is serving on http://{settings.host}:{settings.port} with {processes} "
          "web process(es)  (Ctrl-C stops)", flush=True)
    try:
        web_server.run("portal.server:create_app", factory=True, host=settings.host,
                       port=settings.port, log_level="warning", proxy_headers=True,
                       workers=processes)
    finally:
        if background is not None and not background.stop():
            print("The worker was still busy after 10 s; its leases expire and another worker "
                  "takes its jobs over.", flush=True)
        database.close()


def run_worker(args: argparse.Namespace) -> None:
    _check_plug_ins()
    _prepare_database(seed_if_empty=False)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        worker.run(stop)
    except KeyboardInterrupt:
        pass
    finally:
        database.close()


def duplicates(args: argparse.Namespace) -> None:
    from backend.duplicates import command

    with _maintained_database() as db:
        code = command.run(db, apply=args.apply, by=args.by)
    raise SystemExit(code)


def recount_search(args: argparse.Namespace) -> None:
    from tqdm import tqdm

    from backend.businesses import gram_counts

    with _maintained_database() as db, tqdm(unit=" rows", desc="search index") as bar:
        rows = gram_counts.recount(db, progress=bar.update)
    print(f"Counted {rows:,} rows of the search index again.")


def reindex_search(args: argparse.Namespace) -> None:
    from tqdm import tqdm

    from backend.businesses import search_index

    with _maintained_database() as db, \
            tqdm(total=db.businesses.estimated_document_count(), unit=" businesses",
                 desc="digit triples") as businesses, tqdm(unit=" rows", desc="counted") as rows:
        read = search_index.add_digit_triples(db, progress=businesses.update, counted=rows.update)
    print(f"Indexed the triples with a digit of {read:,} businesses and counted every row "
          "again; searches use them from now on.")


def manage_users(args: argparse.Namespace) -> None:
    from backend.users import command

    with _maintained_database() as db:
        code = command.run(db, args)
    raise SystemExit(code)


def run(main: Callable[[], int | None]) -> NoReturn:
    """Every command's entry point: its status, and for what an operator can put right (a database
    that cannot be reached or started, a file that cannot be read, Ctrl-C) a sentence, not a
    traceback. A wrong setting stops earlier, in get_settings."""
    try:
        code = main()
    except KeyboardInterrupt:
        sys.exit("stopped (Ctrl-C); what was done is kept, and running it again goes on")
    except (database.Unavailable, PyMongoError) as exc:
        sys.exit(f"mingliang: the database cannot be used: {exc}")
    except OSError as exc:
        sys.exit(f"mingliang: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
    sys.exit(code or 0)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="mingliang", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="serve portal + API (+ worker) on HOST:PORT")
    serve_cmd.add_argument("--no-worker", action="store_true", help="do not run scheduled jobs")
    serve_cmd.add_argument("--no-seed", action="store_true", help="do not seed an empty database")
    serve_cmd.set_defaults(handler=serve)
    commands.add_parser("worker", help="run scheduled jobs").set_defaults(handler=run_worker)
    duplicates_cmd = commands.add_parser(
        "duplicates", help="list records stored twice before identical writes were refused")
    duplicates_cmd.add_argument("--apply", action="store_true",
                                help="withdraw the extra copies (default: only list them)")
    duplicates_cmd.add_argument("--by", default="", help="who runs it, for the audit trail")
    duplicates_cmd.set_defaults(handler=duplicates)
    commands.add_parser(
        "recount-search", help="count the search index's rows again (a database written before "
        "it counted names apart); run while no business is registered or renamed",
    ).set_defaults(handler=recount_search)
    commands.add_parser(
        "reindex-search", help="add the triples with a digit (house numbers) to a search index "
        "written before it held them, then count every row again; run while no business is "
        "registered or renamed",
    ).set_defaults(handler=reindex_search)
    from backend.users import command

    command.add_parser(commands, manage_users)
    args = parser.parse_args(argv)
    get_settings()  # a wrong setting stops here, with its reason
    args.handler(args)
