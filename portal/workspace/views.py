"""Serving a workspace page: built as light elements, framed, no Dash takeover (forms post plainly)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import flask
from pydantic import ValidationError
from werkzeug.wrappers import Response as WerkzeugResponse

from backend.businesses import credit_code
from backend.errors import DomainError
from backend.i18n import N_, _
from backend.qr import signature
from backend.users.schemas import Actor
from portal import auth, csrf, form_errors, form_text, page_response
from portal.components.sections import notice, page
from portal.components.tags import Element, dcc, html, light
from portal.prerender import PortalDash

# What a redirect after a successful form may announce (?done=…): fixed texts, never the query's.
DONE = {
    "evaluated": N_("Thank you: your evaluation is recorded."),
    "answered": N_("Your answer is published on your profile."),
    "revisited": N_("The revisit is recorded and the follow-up closed."),
    "inspected": N_("The inspection is recorded and published."),
    "inspected_rectify": N_("The inspection is recorded and published. The business has a rectification "
                            "task in its list, and your unit in its task inbox."),
    # a drawn task's inspection by another team than the one drawn: allowed, and said
    "inspected_off_draw": N_("The inspection is recorded and published, and the random inspection task "
                             "is done. The team is not the one drawn: the plan shows this beside the "
                             "result."),
    "inspected_rectify_off_draw": N_("The inspection is recorded and published, and the random inspection "
                                     "task is done. The team is not the one drawn: the plan shows this "
                                     "beside the result. The business has a rectification task in its "
                                     "list, and your unit in its task inbox."),
    "penalty": N_("The penalty decision is recorded and published."),
    "applied": N_("Your application is submitted."),
    "objected": N_("Your objection is submitted; the record shows it as pending."),
    "decided": N_("The decision is recorded."),
    "published": N_("The edition is published."),
    "criteria": N_("The criteria are saved as a new version."),
}


# Those about one business link to its published record (?code=…), signed as its sticker opens
# it; the code comes from the query, so only a well-formed one is linked.
_ABOUT_A_BUSINESS = {"inspected", "inspected_rectify", "inspected_off_draw",
                     "inspected_rectify_off_draw", "penalty"}
_WARNING = {"inspected_off_draw", "inspected_rectify_off_draw"}  # done, but said as a warning


def done_notice(query: dict[str, str]) -> Any:
    key, code = query.get("done", ""), query.get("code", "")
    if key not in DONE:
        return None
    kind = "warn" if key in _WARNING else "ok"
    if key not in _ABOUT_A_BUSINESS or credit_code.problem(code):
        return notice(_(DONE[key]), kind)
    return notice([_(DONE[key]), " ", html.A(_("Public record"),
                                             href=f"/b/{code}?s={signature.sign(code)}")], kind)


@dataclass(frozen=True)
class Refusal:
    """A workspace form that came back refused: which one (`form`: "repair", "objection", or the
    id of the record it acts on), why, what was typed into it, drawn again so nothing is lost, and
    the fields it refused (`errors`, field → why), marked. The default refuses nothing."""

    form: str = ""
    error: str = ""
    typed: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)

    def error_of(self, form: str) -> str:
        return self.error if form == self.form else ""

    def errors_of(self, form: str) -> Mapping[str, str]:
        """The refused fields of `form`, for its controls to mark; none in the page's other forms."""
        return self.errors if form == self.form else {}

    def typed_in(self, form: str, name: str, default: str = "") -> str:
        """What was typed into `name` of `form` if that form was refused, else `default`."""
        return str(self.typed.get(name, default)) if form == self.form else default


def opened_at(content: Any, error: str) -> Any:
    """The page a refused form comes back in, opening at that form: on a phone the page reloads at
    its top and the form may be screens below. The browser focuses (and scrolls to) its first
    refused field, else its reason (`error`, as its notice says it). Light elements only."""
    found = _first(content, lambda props: props.get("aria-invalid") == "true")
    if found is None:
        found = _first(content, lambda props: str(props.get("className", "")).startswith("notice")
                       and props.get("children") == error) or _on_top(content, error)
        if found is not None:
            found["tabIndex"] = "-1"  # a paragraph takes focus only when told it may
    if found is not None:
        found["autoFocus"] = True
    return content


def _on_top(content: Any, error: str) -> dict[str, Any] | None:
    """The reason put under the page's heading, when the page does not draw the form refused (its
    record changed meanwhile: a member who left has no departure form): said, not lost. The props
    of that notice; None for content that is not a page (`sections.page`)."""
    if not (error and isinstance(content, Element) and content.props.get("className") == "page"
            and isinstance(content.props.get("children"), list)):
        return None
    children = content.props["children"]
    at = 2 if len(children) > 1 and getattr(children[1], "props", {}).get("className") == "lead" else 1
    said = notice(error, "bad")
    children.insert(at, said)
    return said.props


def _first(node: Any, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The props of the first element of `node`, in document order, that is `wanted`."""
    if isinstance(node, list | tuple):
        return next((found for child in node if (found := _first(child, wanted)) is not None), None)
    if not isinstance(node, Element):
        return None
    return node.props if wanted(node.props) else _first(node.props.get("children"), wanted)


def error_text(exc: Exception, labels: Mapping[str, str] | None = None) -> str:
    """A domain error's translated message, or one line per invalid field of a form (named by
    `labels`, see form_errors.message)."""
    assert isinstance(exc, DomainError | ValidationError)
    return form_errors.message(exc, labels)[0]


def show(app: PortalDash, build: Callable[[], Any], *, status: int = 200,
         signed_out_too: bool = False) -> Any:
    """The page `build` makes, in the site's frame, or the redirect it returns once a form is
    done; a signed-out visitor is sent to sign in first (a form sent, back to its page after)."""
    if auth.current_actor() is None and not signed_out_too:
        return auth.sign_in_first()
    response = page_response.start()
    with light():
        try:
            content = build()
        except DomainError as exc:  # refused (CSRF, permission, unknown record): say why
            content = refused(_("This cannot be done"), exc)
    if isinstance(content, flask.Response | WerkzeugResponse):  # done: on to the next page
        return content
    return app.render_page(flask.request.path, {}, content=content,
                           title=response.title or _("My account"), with_scripts=False,
                           status=status if response.status == 200 else response.status)


def refused(title: str, exc: DomainError) -> html.Article:
    page_response.set_status(exc.status_code)
    return page(title, notice(exc.translated(_), "bad"))


def not_for_you(title: str, why: str) -> html.Article:
    """A workspace page asked for by an account it is not for (403): why, and the way back."""
    page_response.set_status(403)
    return page(title, notice(why, "bad"), html.P(dcc.Link(_("My account"), href="/me")))


def gone(error: str) -> str:
    """`error` when the form was refused because its thing is done already (409): its form is no
    longer drawn, so the page shows the reason on top instead."""
    return error if page_response.status() == 409 else ""


def attempt(act: Callable[[], Any], refused_form: Callable[[str, Mapping[str, str]], Any],
            labels: Mapping[str, str] | None = None, renamed: Mapping[str, str] | None = None) -> Any:
    """Runs a form's service call. Bad input (invalid, conflicting) comes back as the same form
    with the reason and its refused fields (field → why, to mark), via `refused_form`, naming
    fields by `labels` (see form_errors.message) and by the form's own names where the schema's
    differ (`renamed`, see form_errors.refused_fields); a refusal of the person (not signed in,
    not allowed, no such record) propagates to `show`, which says so on its own. None when it
    went through."""
    try:
        form_text.check()  # text first, so a refused character stores nothing anywhere
        act()
    except ValidationError as exc:
        page_response.set_status(422)  # the form again, answered as refused
        text = error_text(exc, labels)
        return opened_at(refused_form(text, form_errors.refused_fields(exc, renamed)), text)
    except DomainError as exc:
        if exc.status_code in (401, 403, 404):
            raise
        page_response.set_status(exc.status_code)
        text = error_text(exc)
        return opened_at(refused_form(text, {}), text)
    return None


def workspace_form(app: PortalDash, form: str, act: Callable[[Actor], Any], done: str,
                   labels: Mapping[str, str] | None = None, *, may_be_gone: bool = False) -> Any:
    """A form of the /me workspace, posted: done, on to /me?done=`done`; refused, /me again with
    form `form` as it was posted and why, its fields named by `labels`. `may_be_gone`: the form's
    record may be answered or decided already (409), so its form is no longer drawn and the
    reason shows on top instead."""
    from portal.pages import me  # pages register themselves, so only once the app exists

    def build() -> Any:
        csrf.verify(text=False)
        actor = auth.current_actor()  # signed in: `show` sent anyone else to sign in first
        assert actor is not None
        refused = attempt(lambda: act(actor), lambda error, failed: me.workspace(
            actor, {}, refused=Refusal(form, error, flask.request.form, failed),
            gone=gone(error) if may_be_gone else ""), labels)
        return refused or flask.redirect(f"/me?done={done}", code=303)
    return show(app, build)
