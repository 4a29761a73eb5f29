"""Consumer reviews of a business: anyone writes, the business replies, officers answer and escalate."""

from fastapi import APIRouter, Depends

from backend.deps import TOKEN_OPTIONAL, ActorDep, ClientDep, DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.reviews import service
from backend.reviews.schemas import (
    EscalationCreate,
    ReplyCreate,
    ReviewCreate,
    ReviewPublic,
    ReviewsPublic,
    ReviewsToAnswer,
)
from backend.strict_query import refuse_unknown_query

router = APIRouter(tags=["reviews"])


@router.post("/businesses/{code}/reviews", response_model=ReviewPublic, status_code=201,
             openapi_extra=TOKEN_OPTIONAL)
def write_review(db: DbDep, actor: ActorDep, client: ClientDep, code: str,
                 data: ReviewCreate) -> ReviewPublic:
    """Anonymous allowed; rate-limited per client, one review per business per client per day."""
    return service.submit(db, actor=actor, client=client, code=code, data=data)


@router.get("/businesses/{code}/reviews", response_model=ReviewsPublic)
def list_reviews(
    db: DbDep, code: str,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> ReviewsPublic:
    return service.list_for_business(db, code=code, page_number=pageNumber, page_size=pageSize)


@router.get("/reviews/unanswered", response_model=ReviewsToAnswer,
            dependencies=[Depends(refuse_unknown_query)])
def unanswered_reviews(
    db: DbDep, actor: SignedInDep,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> ReviewsToAnswer:
    """Officers (their unit's districts) and administrators: unhappy reviews, by the model or 1–2
    stars, that no officer has answered and nobody has escalated, newest first (of the newest
    3000 unhappy ones). A query parameter not listed here is refused (422), not ignored."""
    return service.awaiting_regulator(db, actor=actor, page_number=pageNumber, page_size=pageSize)


@router.get("/reviews/{review_id}", response_model=ReviewPublic)
def get_review(db: DbDep, review_id: str) -> ReviewPublic:
    return service.get(db, review_id=review_id)


@router.post("/reviews/{review_id}/reply", response_model=ReviewPublic, status_code=201)
def reply_to_review(db: DbDep, actor: SignedInDep, review_id: str, data: ReplyCreate) -> ReviewPublic:
    """The business's own account, once per review."""
    return service.reply(db, actor=actor, review_id=review_id, data=data)


@router.post("/reviews/{review_id}/answer", response_model=ReviewPublic, status_code=201)
def answer_review(db: DbDep, actor: SignedInDep, review_id: str, data: ReplyCreate) -> ReviewPublic:
    """An officer over the business's district."""
    return service.answer(db, actor=actor, review_id=review_id, data=data)


@router.post("/reviews/{review_id}/escalate", response_model=ReviewPublic, status_code=201)
def escalate_review(db: DbDep, actor: SignedInDep, review_id: str,
                    data: EscalationCreate) -> ReviewPublic:
    """An officer turns a review alleging a violation into a complaint task."""
    return service.escalate(db, actor=actor, review_id=review_id, data=data)
