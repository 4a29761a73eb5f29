"""Data stored by earlier versions is fixed once at start-up, and the fixes can run again safely."""

from datetime import date, datetime

from backend import clock, migrations
from backend.config import get_settings

OLD_STYLE = datetime(2026, 3, 5, 23, 59, 59)   # the day's last second on the wall clock, as UTC


def test_deadlines_stored_on_the_wall_clock_end_at_local_midnight(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    new_style = clock.end_of_day(date(2026, 3, 6))
    db.tasks.insert_many([{"_id": "old", "deadline": OLD_STYLE, "rectification_deadline": OLD_STYLE},
                          {"_id": "new", "deadline": new_style},
                          {"_id": "open-ended", "deadline": None}])
    db.alerts.insert_one({"_id": "old-alert", "rectify_by": OLD_STYLE})
    migrations.deadlines_at_local_midnight(db)
    migrations.deadlines_at_local_midnight(db)   # a second start-up changes nothing more
    old = db.tasks.find_one({"_id": "old"})
    assert old["deadline"] == old["rectification_deadline"] == datetime(2026, 3, 5, 15, 59, 59)
    assert clock.day_of(old["deadline"]) == date(2026, 3, 5)   # the same day it always meant
    assert db.tasks.find_one({"_id": "new"})["deadline"] == new_style
    assert db.tasks.find_one({"_id": "open-ended"})["deadline"] is None
    assert db.alerts.find_one({"_id": "old-alert"})["rectify_by"] == datetime(2026, 3, 5, 15, 59, 59)


def test_a_step_runs_until_it_is_recorded_and_not_after(db, monkeypatch):
    calls = []
    monkeypatch.setattr(migrations, "STEPS", (("count-calls", calls.append),))
    migrations.run(db)
    migrations.run(db)
    assert calls == [db]
    assert db.migrations.find_one({"_id": "count-calls"})["done_at"] <= clock.now()


def test_draw_plans_drawn_before_their_count_was_stored_get_it(db):
    db.draw_plans.insert_many([
        {"_id": "RD-OLD-1", "status": "drawn", "drawn": [{"business_code": "a"}, {"business_code": "b"}]},
        {"_id": "RD-OLD-2", "status": "published"}])
    migrations.draw_plans_count_their_drawn(db)
    assert db.draw_plans.find_one({"_id": "RD-OLD-1"})["drawn_count"] == 2
    assert "drawn_count" not in db.draw_plans.find_one({"_id": "RD-OLD-2"})
    db.draw_plans.delete_many({"_id": {"$in": ["RD-OLD-1", "RD-OLD-2"]}})


def test_cameras_saved_before_it_was_stored_learn_who_set_their_source(db):
    db.cameras.insert_many([{"_id": "old-lan", "source_url": "rtsp://192.168.1.9/a"},
                            {"_id": "old-loop", "source_url": "rtsp://127.0.0.1:8554/a"},
                            {"_id": "new", "source_url": "rtsp://127.0.0.1:8554/b",
                             "source_set_by_admin": False}])
    migrations.cameras_know_who_set_their_source(db)
    migrations.cameras_know_who_set_their_source(db)
    assert {row["_id"]: row["source_set_by_admin"] for row in db.cameras.find()} == {
        "old-lan": False, "old-loop": True, "new": False}
