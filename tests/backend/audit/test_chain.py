"""The chain under concurrent writers (threads and processes) and `python -m backend.audit verify`."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from backend import database
from backend.audit import service as audit
from backend.users.schemas import Actor, Role

ROOT = Path(__file__).resolve().parents[3]
ACTOR = Actor(username="writer", role=Role.OFFICER)
WRITER = """
import sys
from backend import database
from backend.audit import service as audit
db = database.get_db()
for n in range(int(sys.argv[1])):
    audit.record(db, actor=None, action="process.write", target=sys.argv[2], data={"n": n})
database.close()
"""


def _env(db) -> dict[str, str]:
    return os.environ | {"MONGODB_URI": database.uri(), "MINGLIANG_DB_NAME": db.name}


def _verify(db) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backend.audit", "verify"], cwd=ROOT,
                          env=_env(db), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def written(db):
    def write(n: int) -> int:
        return audit.record(db, actor=ACTOR, action="thread.write", target=f"T{n % 4}",
                            data={"n": n})

    processes = [subprocess.Popen([sys.executable, "-c", WRITER, "25", f"P{i}"], cwd=ROOT,
                                  env=_env(db)) for i in range(2)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(write, range(80)))
    assert all(process.wait(timeout=120) == 0 for process in processes)
    return numbers


def test_concurrent_writers_leave_one_unbroken_numbered_chain(db, written):
    assert len(set(written)) == 80
    seqs = [entry["seq"] for entry in audit.entries(db)]
    assert seqs == list(range(1, 80 + 2 * 25 + 1))
    assert audit.first_broken(db) is None
    result = _verify(db)
    assert result.returncode == 0 and "130 entries verified" in result.stdout


def test_verify_names_the_first_tampered_entry(db, written):
    db.audit.update_one({"seq": 42}, {"$set": {"data.n": -1}})
    db.audit.update_one({"seq": 77}, {"$set": {"actor": "someone-else"}})
    checked, entry, _why = audit.first_broken(db)
    assert (checked, entry["seq"]) == (41, 42)
    result = _verify(db)
    assert result.returncode == 1 and "BROKEN at entry 42" in result.stderr


def test_a_deleted_entry_is_named_by_the_gap(db, written):
    db.audit.delete_one({"seq": 10})
    _checked, entry, why = audit.first_broken(db)
    assert entry["seq"] == 11 and "expected entry 10" in why


def test_verify_fails_on_a_database_without_a_chain(tmp_path):
    """A wrong setting said "audit chain OK: 0 entries verified" (and started a database there)."""
    no_folder = os.environ | {"MONGODB_URI": "", "MINGLIANG_DATA_DIR": str(tmp_path / "nowhere")}
    result = subprocess.run([sys.executable, "-m", "backend.audit", "verify"], cwd=ROOT, env=no_folder,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "no database in" in result.stderr
    assert not (tmp_path / "nowhere").exists()
    empty = os.environ | {"MONGODB_URI": database.uri(), "MINGLIANG_DB_NAME": "no_chain_here"}
    result = subprocess.run([sys.executable, "-m", "backend.audit", "verify"], cwd=ROOT, env=empty,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "no audit entry" in result.stderr
