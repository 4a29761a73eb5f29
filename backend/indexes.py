"""Creates every collection's indexes at start-up (idempotent)."""

from pymongo.database import Database

from backend import leases, ratelimit
from backend.alerts import repository as alerts
from backend.audit import service as audit
from backend.businesses import repository as businesses
from backend.cameras import repository as cameras
from backend.complaints import repository as complaints
from backend.equipment import repository as equipment
from backend.evaluations import repository as evaluations
from backend.expiry import repository as expiry
from backend.grids import repository as grids
from backend.inspections import repository as inspections
from backend.licences import repository as licences
from backend.lists import repository as lists
from backend.objections import repository as objections
from backend.officers import repository as officers
from backend.penalties import repository as penalties
from backend.purchases import repository as purchases
from backend.random_draw import repository as random_draws
from backend.repair import repository as repair
from backend.reviews import repository as reviews
from backend.staff import repository as staff
from backend.tasks import repository as tasks
from backend.users import repository as users

_FEATURES = (businesses, licences, staff, purchases, inspections, penalties, officers, users, audit,
             tasks, leases, ratelimit, complaints, grids, equipment, expiry, random_draws, lists,
             repair, objections, reviews, evaluations, cameras, alerts)


def create_all(db: Database) -> None:
    for feature in _FEATURES:
        feature.create_indexes(db)
