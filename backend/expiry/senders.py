"""Who delivers a notice: the log by default; SMS and e-mail gateways plug in through a setting.

NOTICE_SENDER=log (default) writes each notice to the log. NOTICE_SENDER=package.module:factory
imports `factory` and calls it with no arguments; it returns a Sender, typically a subclass of
SmsSender or EmailSender that implements the one method talking to the operator's gateway."""

import logging
from abc import ABC, abstractmethod
from typing import Any, Protocol

from backend.config import get_settings, plug_in

log = logging.getLogger(__name__)


class Sender(Protocol):
    def deliver(self, notice: dict[str, Any]) -> None:
        """Delivers one notice or raises; a notice that raised is tried again later."""


class LogSender:
    def deliver(self, notice: dict[str, Any]) -> None:
        log.info("notice %s to %s: %s", notice["_id"], notice["business_code"], notice["text"])


class SmsSender(ABC):
    """Sends the notice's text to the business's contact phone."""

    def deliver(self, notice: dict[str, Any]) -> None:
        if not notice.get("phone"):
            raise ValueError(f"notice {notice['_id']}: the business has no contact phone")
        self.send_sms(notice["phone"], notice["text"])

    @abstractmethod
    def send_sms(self, phone: str, text: str) -> None: ...


class EmailSender(ABC):
    """Sends the notice by e-mail to an address the deployment looks up for the business."""

    def deliver(self, notice: dict[str, Any]) -> None:
        self.send_email(self.address_of(notice["business_code"]), notice["subject"], notice["text"])

    @abstractmethod
    def address_of(self, business_code: str) -> str: ...

    @abstractmethod
    def send_email(self, to: str, subject: str, text: str) -> None: ...


def configured() -> Sender:
    name = get_settings().notice_sender
    if name == "log":
        return LogSender()
    module, _, factory = name.partition(":")
    if not factory:
        raise ValueError(f"NOTICE_SENDER must be 'log' or 'package.module:factory', not {name!r}")
    return plug_in("NOTICE_SENDER", name)()  # type: ignore[no-any-return]
