"""`python -m backend.lists publish` and the monthly job registered with the worker."""

import os
import subprocess
import sys
from pathlib import Path

from backend import database, worker
from tests import factories

ROOT = Path(__file__).resolve().parents[3]


def test_publish_from_the_command_line(db):
    code = factories.business(db)
    factories.penalty(db, code, measures=("licence_revocation",), days_ago=1)
    env = os.environ | {"MONGODB_URI": database.uri(), "MINGLIANG_DB_NAME": db.name}
    result = subprocess.run([sys.executable, "-m", "backend.lists", "publish"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("edition 1 ") and "1 black" in result.stdout
    published_by = db.list_editions.find_one({"_id": 1})["published_by"]
    assert published_by == "command-line"   # not "scheduler", as the monthly job is
    again = subprocess.run([sys.executable, "-m", "backend.lists", "publish"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "already published" in again.stderr


def test_the_monthly_edition_is_a_shared_worker_job():
    job = next(job for job in worker.jobs() if job.name == "lists.monthly_edition")
    assert job.shared and job.every_s == 24 * 3600
