"""A command started beside a running app (a backfill, a second worker) uses the embedded server
already serving that data folder: two servers cannot open one folder."""

import os
import subprocess
import sys
import textwrap

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


def test_a_process_that_joined_carries_on_when_the_starter_ends(tmp_path):
    """`make run` stopped beside a worker, or a short command that happened to start the server:
    the process that joined serves the folder itself, on the same port, and loses nothing."""
    env = {**os.environ, "MINGLIANG_DATA_DIR": str(tmp_path), "MINGLIANG_DB_NAME": "orphan",
           "MONGODB_URI": "", "MINGLIANG_DB_TIMEOUT_MS": "20000"}
    starter_script = ("import sys; from backend import database; db = database.get_db(); "
                      "db.kept.insert_one({'_id': 'before'}); print(database.uri(), flush=True); "
                      "sys.stdin.read()")
    # The write under way when a server goes fails (AutoReconnect), as after any restart; a
    # worker's next round carries on. Here: the next try, until the successor's server answers.
    joiner_script = textwrap.dedent("""
        import logging, sys, time
        logging.basicConfig(level=logging.INFO)   # what the successor does, for a failure's report
        from pymongo.errors import AutoReconnect
        from backend import database
        db = database.get_db()
        print(database.uri(), flush=True)
        sys.stdin.readline()
        for _ in range(100):
            try:
                db.kept.insert_one({'_id': 'after'})
                break
            except AutoReconnect:
                time.sleep(0.2)
        print(sorted(row['_id'] for row in db.kept.find()), flush=True)
        database.close()""")
    starter = subprocess.Popen([sys.executable, "-c", starter_script], env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    joiner = None
    try:
        uri = starter.stdout.readline().strip()
        joiner = subprocess.Popen([sys.executable, "-c", joiner_script], env=env, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert joiner.stdout.readline().strip() == uri
        starter.kill()
        starter.wait(timeout=30)
        try:
            out, said = joiner.communicate("go\n", timeout=90)
        except subprocess.TimeoutExpired:
            joiner.kill()
            out, said = joiner.communicate()
            log = (tmp_path / "db" / "nx-27017.log").read_text(errors="replace")[-3000:]
            raise AssertionError(f"the joiner hung:\n{said[-3000:]}\nserver log:\n{log}") from None
        assert joiner.returncode == 0, said
        assert out.split("\n")[0] == "['after', 'before']"
    finally:
        for process in (starter, joiner):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
