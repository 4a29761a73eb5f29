"""A credit-repair application's evidence as the rules want it: a file of each required kind."""

from pymongo.database import Database

from backend.repair import service as repair
from backend.repair.schemas import REQUIRED_EVIDENCE, Evidence
from backend.users.schemas import Actor

PDF = b"%PDF-1.4 evidence"


def documents(db: Database, owner: Actor, code: str) -> list[Evidence]:
    """One small PDF per required kind, uploaded by the business `code` (as `owner`)."""
    return [Evidence(kind=kind, title=kind.value, file_id=repair.attach_evidence(
        db, actor=owner, business_code=code, file_name=f"{kind.value}.pdf", content_type="application/pdf",
        content=PDF + kind.value.encode()).id) for kind in REQUIRED_EVIDENCE]
