"""Recording purchase checks and rapid tests of a business."""

from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.purchases import service
from backend.purchases.schemas import PurchaseCreate, PurchaseRecorded, RapidTestCreate, RapidTestRecorded

router = APIRouter(prefix="/businesses/{code}", tags=["purchases and rapid tests"])


@router.post("/purchases", response_model=PurchaseRecorded, status_code=201)
def record_purchase(db: DbDep, actor: SignedInDep, code: str,
                    data: PurchaseCreate) -> PurchaseRecorded:
    return service.record_purchase(db, actor=actor, code=code, data=data)


@router.post("/rapid-tests", response_model=RapidTestRecorded, status_code=201)
def record_rapid_test(db: DbDep, actor: SignedInDep, code: str,
                      data: RapidTestCreate) -> RapidTestRecorded:
    return service.record_rapid_test(db, actor=actor, code=code, data=data)
