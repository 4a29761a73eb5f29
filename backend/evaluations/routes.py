"""Evaluations of officers: give one, list them, answer one, record the follow-up's revisit."""


from fastapi import APIRouter

from backend.deps import DbDep, SignedInDep
from backend.evaluations import service
from backend.evaluations.schemas import (
    AnswerCreate,
    EvaluationCreate,
    EvaluationPublic,
    EvaluationsPublic,
    EvaluationSummary,
    RevisitCreate,
)
from backend.officers import service as officers
from backend.paging import PageNumber, PageSize

router = APIRouter(tags=["evaluations"])


@router.post("/evaluations", response_model=EvaluationPublic, status_code=201)
def evaluate_officer(db: DbDep, actor: SignedInDep, data: EvaluationCreate) -> EvaluationPublic:
    """The inspected business rates one officer of one inspection, once; a bad rating opens a
    follow-up task with a rectification deadline."""
    return service.create(db, actor=actor, data=data)


@router.get("/evaluations", response_model=EvaluationsPublic)
def list_evaluations(db: DbDep, actor: SignedInDep, officer_id: str | None = None,
                     open_follow_ups: bool = False, unanswered: bool = False,
                     pageNumber: PageNumber = 1, pageSize: PageSize = 20,  # noqa: N803 - FHRS names
                     ) -> EvaluationsPublic:
    """A business sees the ones it gave; an officer the ones in the unit's districts."""
    return service.list_for(db, actor=actor, officer_id=officer_id,
                            open_follow_ups=open_follow_ups, unanswered=unanswered,
                            page_number=pageNumber, page_size=pageSize)


@router.post("/evaluations/{evaluation_id}/answer", response_model=EvaluationPublic)
def answer_evaluation(db: DbDep, actor: SignedInDep, evaluation_id: str,
                      data: AnswerCreate) -> EvaluationPublic:
    return service.answer(db, actor=actor, evaluation_id=evaluation_id, data=data)


@router.post("/evaluations/{evaluation_id}/revisit", response_model=EvaluationPublic)
def revisit_evaluation(db: DbDep, actor: SignedInDep, evaluation_id: str,
                       data: RevisitCreate) -> EvaluationPublic:
    return service.revisit(db, actor=actor, evaluation_id=evaluation_id, data=data)


@router.get("/officers/{officer_id}/evaluations", response_model=EvaluationsPublic)
def officer_evaluations(db: DbDep, officer_id: str, pageNumber: PageNumber = 1,  # noqa: N803
                        pageSize: PageSize = 20) -> EvaluationsPublic:  # noqa: N803
    """Public: what businesses said of this officer, and the officer's answers."""
    officers.get(db, officer_id=officer_id)  # an unknown officer is not found, as on their page
    return service.for_officer(db, officer_id=officer_id, page_number=pageNumber,
                               page_size=pageSize)


@router.get("/officers/{officer_id}/evaluations/summary", response_model=EvaluationSummary)
def officer_evaluation_summary(db: DbDep, officer_id: str) -> EvaluationSummary:
    officers.get(db, officer_id=officer_id)
    return service.summary(db, officer_id=officer_id)
