"""Recording purchase checks and rapid tests of a business."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.purchases import service
from backend.purchases.schemas import PurchaseCreate, RapidTestCreate

router = APIRouter(prefix="/businesses/{code}", tags=["purchases and rapid tests"])


@router.post("/purchases", status_code=201)
def record_purchase(db: DbDep, actor: SignedInDep, code: str, data: PurchaseCreate) -> dict[str, str]:
    service.record_purchase(db, actor=actor, code=code, data=data)
    return {"status": "recorded"}


@router.post("/rapid-tests", status_code=201)
def record_rapid_test(db: DbDep, actor: SignedInDep, code: str,
                      data: RapidTestCreate) -> dict[str, str]:
    service.record_rapid_test(db, actor=actor, code=code, data=data)
    return {"status": "recorded"}
