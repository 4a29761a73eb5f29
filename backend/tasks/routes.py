"""The task inbox for officers and businesses (their own tasks only)."""

from typing import Annotated

from fastapi import APIRouter, Query

from backend.deps import DbDep, SignedInDep
from backend.tasks import service
from backend.tasks.schemas import TaskClose, TaskPublic, TaskSource, TasksPublic, TaskStatus

router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("", response_model=TasksPublic)
def list_tasks(
    db: DbDep, actor: SignedInDep, status: TaskStatus | None = None, source: TaskSource | None = None,
    pageNumber: Annotated[int, Query(ge=1, le=1_000_000)] = 1,  # noqa: N803 - FHRS names
    pageSize: Annotated[int, Query(ge=1, le=service.MAX_PAGE_SIZE)] = 20,  # noqa: N803
) -> TasksPublic:
    """Open tasks first, nearest deadline (overdue) first."""
    return service.list_for(db, actor=actor, status=status, source=source,
                            page_number=pageNumber, page_size=pageSize)


@router.get("/{task_id}", response_model=TaskPublic)
def get_task(db: DbDep, actor: SignedInDep, task_id: str) -> TaskPublic:
    return service.get(db, actor=actor, task_id=task_id)


@router.post("/{task_id}/close", response_model=TaskPublic)
def close_task(db: DbDep, actor: SignedInDep, task_id: str, data: TaskClose) -> TaskPublic:
    return service.close(db, actor=actor, task_id=task_id, data=data)
