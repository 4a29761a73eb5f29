"""Creates every collection's indexes at start-up (idempotent)."""

from pymongo.database import Database

from backend import leases, ratelimit
from backend.alerts import repository as alerts
from backend.audit import service as audit
from backend.businesses import repository as businesses
from backend.cameras import repository as cameras
from backend.inspections import repository as inspections
from backend.licences import repository as licences
from backend.officers import repository as officers
from backend.penalties import repository as penalties
from backend.purchases import repository as purchases
from backend.staff import repository as staff
from backend.tasks import repository as tasks
from backend.users import repository as users

_FEATURES = (businesses, licences, staff, purchases, inspections, penalties, officers, users, audit,
             tasks, leases, ratelimit, cameras, alerts)


def create_all(db: Database) -> None:
    for feature in _FEATURES:
        feature.create_indexes(db)
