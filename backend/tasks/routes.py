"""The task inbox for officers and businesses (their own tasks only), and each step of a task."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile

from backend import i18n, uploads
from backend.clean_text import FieldText
from backend.deps import DbDep, SignedInDep
from backend.paging import PageNumber, PageSize
from backend.tasks import service, workflow
from backend.tasks.schemas import (
    TaskAssign,
    TaskClose,
    TaskPublic,
    TaskRectify,
    TaskResult,
    TaskSendBack,
    TaskSource,
    TasksPublic,
    TaskStatus,
)


async def _in_the_callers_language(request: Request) -> None:
    """Titles the features wrote are said in the caller's language (`backend.phrases`). Async, so
    the language is set in the request's own context, which a route run in a thread inherits."""
    from backend.api import request_language  # backend.api gathers this router: imported late

    i18n.set_language(request_language(request))


router = APIRouter(prefix="/tasks", tags=["tasks"], dependencies=[Depends(_in_the_callers_language)])


@router.get("", response_model=TasksPublic)
def list_tasks(
    db: DbDep, actor: SignedInDep, status: TaskStatus | None = None, source: TaskSource | None = None,
    pageNumber: PageNumber = 1,  # noqa: N803 - FHRS names
    pageSize: PageSize = 20,  # noqa: N803
) -> TasksPublic:
    """Open tasks first, nearest deadline (overdue) first."""
    return service.list_for(db, actor=actor, status=status, source=source,
                            page_number=pageNumber, page_size=pageSize)


@router.get("/{task_id}", response_model=TaskPublic)
def get_task(db: DbDep, actor: SignedInDep, task_id: str) -> TaskPublic:
    return service.get(db, actor=actor, task_id=task_id)


@router.post("/{task_id}/accept", response_model=TaskPublic)
def accept_task(db: DbDep, actor: SignedInDep, task_id: str) -> TaskPublic:
    return workflow.accept(db, actor=actor, task_id=task_id)


@router.post("/{task_id}/assign", response_model=TaskPublic)
def assign_task(db: DbDep, actor: SignedInDep, task_id: str, data: TaskAssign) -> TaskPublic:
    return workflow.assign(db, actor=actor, task_id=task_id, data=data)


@router.post("/{task_id}/rectification", response_model=TaskPublic)
def require_rectification(db: DbDep, actor: SignedInDep, task_id: str,
                          data: TaskRectify) -> TaskPublic:
    return workflow.require_rectification(db, actor=actor, task_id=task_id, data=data)


@router.post("/{task_id}/send-back", response_model=TaskPublic)
def send_back(db: DbDep, actor: SignedInDep, task_id: str, data: TaskSendBack) -> TaskPublic:
    """The business's rectification is not enough: it rectifies again, told why (`reason`), by
    its deadline or a new one (`deadline`)."""
    return workflow.send_back(db, actor=actor, task_id=task_id, data=data)


@router.post("/{task_id}/result", response_model=TaskPublic)
def record_result(db: DbDep, actor: SignedInDep, task_id: str, data: TaskResult) -> TaskPublic:
    return workflow.record_result(db, actor=actor, task_id=task_id, data=data)


@router.post("/{task_id}/evidence", response_model=TaskPublic)
async def add_evidence(db: DbDep, actor: SignedInDep, task_id: str,
                       note: Annotated[FieldText, Form(max_length=2000)] = "",
                       files: Annotated[list[UploadFile] | None, File()] = None) -> TaskPublic:
    """multipart/form-data: `note` and up to five `files` (JPEG, PNG, WebP or PDF)."""
    received = [uploads.Upload(part.filename or "", await _read(part)) for part in files or []]
    return workflow.add_evidence(db, actor=actor, task_id=task_id, note=note, files=received)


@router.get("/{task_id}/files/{file_id}")
def task_file(db: DbDep, actor: SignedInDep, task_id: str, file_id: str) -> Response:
    content, kind = workflow.file(db, actor=actor, task_id=task_id, file_id=file_id)
    return Response(content, media_type=kind, headers={"X-Content-Type-Options": "nosniff",
                                                        "Cache-Control": "private, max-age=3600"})


@router.post("/{task_id}/close", response_model=TaskPublic)
def close_task(db: DbDep, actor: SignedInDep, task_id: str, data: TaskClose) -> TaskPublic:
    """Once the business has sent its rectification, `rectification` says whether it is
    accepted (`accepted`, `not_accepted`, or `withdrawn` for an order that was wrong), with
    `rectification_note` telling the business why unless it is accepted."""
    return service.close(db, actor=actor, task_id=task_id, data=data)


async def _read(part: UploadFile) -> bytes:
    """At most one byte over the limit, so an oversized file is refused without filling memory."""
    return await part.read(uploads.max_bytes() + 1)
