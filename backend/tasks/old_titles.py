"""Generated titles of tasks stored before their phrase was kept (read in the language they were
written in, whoever reads them): the phrase, where the stored text gives it back exactly."""

import logging

from pymongo.database import Database

from backend import i18n
from backend.inspections import follow_up
from backend.phrases import Phrase
from backend.random_draw import service as random_draw
from backend.tasks import repository
from backend.tasks.schemas import TaskSource

log = logging.getLogger(__name__)
# Titles of one parameter, which lies between the wording's fixed words. Others (a label inside a
# label, two names side by side) could be split more than one way: they stay as stored.
ONE_PARAMETER = ((TaskSource.RANDOM_DRAW, random_draw.TASK_TITLE, "plan"),
                 (TaskSource.INSPECTION, follow_up.TASK_TITLE, "date"))


def recovered(title: str, text: str, name: str) -> Phrase | None:
    """The phrase that says `title` in some language, if only one does."""
    found = set()
    for language in i18n.LANGUAGES:
        with i18n.language(language):
            before, marker, after = i18n.gettext(text).partition("{" + name + "}")
            value = title.removeprefix(before).removesuffix(after)  # checked below: said, it is `title`
            phrase = Phrase(text, **{name: value})
            if marker and value and "{" not in before + after and phrase.said() == title:
                found.add(phrase)
    return found.pop() if len(found) == 1 else None


def fill(db: Database) -> None:
    """Idempotent: a task given its phrase is not looked at again; one that gave none stays as it
    is, and so does every stored text (`title` keeps the words first written)."""
    kept = 0
    for source, text, name in ONE_PARAMETER:
        for task in repository.find(db, {"source": source.value, "title_text": None}, {"title": 1}):
            phrase = recovered(task.get("title") or "", text, name)
            if phrase is not None:
                repository.mark(db, task["_id"], {"title_text": phrase.text,
                                                  "title_args": phrase.stored_args()})
                kept += 1
    if kept:
        log.info("tasks: %d generated titles now read in each reader's language", kept)
