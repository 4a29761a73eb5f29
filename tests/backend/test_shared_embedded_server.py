"""A command started beside a running app (a backfill, a second worker) uses the embedded server
already serving that data folder: two servers cannot open one folder."""

import os
import subprocess
import sys

from backend import database
from backend.config import get_settings


def test_a_second_process_joins_the_running_server_and_leaves_it_running(db):
    db.joined.insert_one({"_id": "from-the-app"})
    script = ("from backend import database; db = database.get_db(); "
              "print(database.uri()); print(db.joined.find_one()['_id']); "
              "db.joined.insert_one({'_id': 'from-the-command'}); database.close()")
    env = {**os.environ, "MINGLIANG_DATA_DIR": str(get_settings().data_dir),
           "MINGLIANG_DB_NAME": db.name, "MONGODB_URI": ""}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [database.uri(), "from-the-app"]
    # the command's exit did not stop the server it did not start
    assert {row["_id"] for row in db.joined.find()} == {"from-the-app", "from-the-command"}


def test_a_stale_port_file_is_ignored(tmp_path):
    (tmp_path / database.PID_FILE).write_text("999999999")
    (tmp_path / database.PORT_FILE).write_text("1")
    assert database.running_server(tmp_path) is None
    assert database.running_server(tmp_path / "nothing-here") is None
