"""Where a QR page's server time goes, per page: read, build, serialise, compress, whole request.

Usage: .venv/bin/python bench/qr_render_costs.py [--pages 200]   (uses MINGLIANG_DATA_DIR /
MINGLIANG_DB_NAME, seeding a demo database when it is empty)
"""

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _per_page_ms(work, items) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    results = [work(item) for item in items]
    _per_page_ms.last = results  # type: ignore[attr-defined]
    return (time.perf_counter() - start) / len(items) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("MINGLIANG_DATA_DIR", tempfile.mkdtemp(prefix="mingliang-bench-"))

    from backend import database, indexes
    from backend.profiles import service as profiles
    from backend.qr.signature import sign
    from backend.seed import demo
    from portal.app import create_portal

    db = database.get_db()
    indexes.create_all(db)
    if demo.is_empty(db):
        demo.seed(db, businesses=args.pages)
    client = create_portal().server.test_client()
    from portal.components import tags
    from portal.pages import business
    from portal.serialize import to_html

    codes = [row["code"] for row in db.businesses.find({}, {"code": 1}).limit(args.pages)]
    read = _per_page_ms(lambda code: profiles.public_record(db, code=code), codes)
    records = _per_page_ms.last  # type: ignore[attr-defined]
    with tags.light():
        build = _per_page_ms(lambda record: business._record_page(record, None), records)
        serialise = _per_page_ms(to_html, _per_page_ms.last)  # type: ignore[attr-defined]
    cold = _per_page_ms(lambda code: client.get(f"/b/{code}?s={sign(code)}").data, codes)
    documents = _per_page_ms.last  # type: ignore[attr-defined]
    hot = _per_page_ms(lambda code: client.get(f"/b/{code}?s={sign(code)}").data, codes)
    compress = _per_page_ms(lambda doc: gzip.compress(doc, 6, mtime=0), documents)
    database.close()
    size = sum(map(len, documents)) / len(documents)
    print(f"per page, {len(codes)} pages: profile read+validate {read:.2f} ms, build {build:.2f} ms,"
          f" serialise {serialise:.2f} ms, gzip {compress:.2f} ms ({size / 1024:.1f} KiB document);"
          f" whole request through Flask: cold {cold:.2f} ms, cached {hot:.2f} ms")


if __name__ == "__main__":
    main()
