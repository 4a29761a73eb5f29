"""Creates every collection's indexes at start-up (idempotent), then runs the once-only data fixes
in `backend.migrations`."""

from pymongo.database import Database

from backend import leases, migrations, ratelimit, submissions
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
from backend.profiles import repository as profiles
from backend.purchases import repository as purchases
from backend.random_draw import repository as random_draws
from backend.repair import repository as repair
from backend.reviews import repository as reviews
from backend.staff import repository as staff
from backend.tasks import repository as tasks
from backend.users import repository as users

_FEATURES = (businesses, licences, staff, purchases, inspections, penalties, officers, users, audit,
             tasks, leases, ratelimit, complaints, grids, equipment, expiry, random_draws, lists,
             repair, objections, reviews, evaluations, cameras, alerts, profiles, submissions)
# Fields that hold arrays and lead a compound index. The embedded server treats a field with an
# index of its own as scalar (an equality then no longer matches array elements), so these never
# get one.
ARRAY_FIELDS = frozenset({"officer_ids"})


def create_all(db: Database) -> None:
    for feature in _FEATURES:
        feature.create_indexes(db)
    if is_embedded(db):
        create_lookup_indexes(db)
    migrations.run(db)


def is_embedded(db: Database) -> bool:
    """Whether the server is nx-27017 (started by us, or elsewhere and named by MONGODB_URI)."""
    return db.client.admin.command("buildInfo").get("process") == "nx_27017"


def create_lookup_indexes(db: Database) -> None:
    """The embedded server keeps an equality sargable only on a field with an index of its own:
    otherwise it adds an array-containment test that scans every row, so looking up one business's
    reviews or licences reads the whole collection (a compound index's leading field is not
    enough, where a real MongoDB uses the prefix). Each compound index's leading field gets one."""
    for name in db.list_collection_names():
        indexes = db[name].index_information().values()
        single = {index["key"][0][0] for index in indexes if len(index["key"]) == 1}
        leading = {index["key"][0][0] for index in indexes if len(index["key"]) > 1}
        for field in sorted(leading - single - ARRAY_FIELDS):
            db[name].create_index(field)
