"""The kitchen cameras' worker jobs: watching (in every worker), profile refresh and evidence purge."""

from pymongo.database import Database

from backend import worker
from backend.alerts import service as alerts
from backend.cameras import repository
from backend.cameras.watch import Watcher
from backend.config import get_settings
from backend.profiles import service as profiles

_watcher = Watcher()


def watch(db: Database) -> None:
    _watcher.cycle(db)


def refresh_profiles(db: Database) -> None:
    """The QR page's "AI checked" strip: last check time and confirmed alerts stay current."""
    for code in repository.businesses_with_cameras(db):
        profiles.rebuild(db, code=code)


worker.JOBS.extend([
    # Not shared: each worker watches the cameras it holds a lease on.
    worker.Job("cameras.watch", 1.0 / get_settings().camera_sample_fps, watch, shared=False,
               lane="cameras"),
    worker.Job("cameras.refresh_profiles", 600, refresh_profiles),
    worker.Job("alerts.purge_snapshots", 6 * 3600, alerts.purge_snapshots),
])
