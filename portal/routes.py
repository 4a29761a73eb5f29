"""Plain Flask routes beside the Dash pages: language switch, sign-in and sign-out (no JS needed)."""

from html import escape

import flask
from pymongo.errors import ConnectionFailure

from backend.errors import DomainError, TooManyRequests, Unauthorized
from backend.i18n import _
from portal import auth, csrf, language
from portal.components.tags import light
from portal.prerender import PortalDash


def install(app: PortalDash) -> None:
    from portal.pages import login  # pages register themselves, so only once the app exists

    server = app.server

    @server.get("/lang/<code>")
    def switch_language(code: str) -> flask.Response:
        return language.switch(code, auth.safe_next(flask.request.args.get("next")))

    @server.post("/login")
    def sign_in() -> flask.Response:
        form = flask.request.form
        username, next_path = form.get("username", "")[:40], auth.safe_next(form.get("next"), "/me")
        try:
            csrf.verify()
            auth.sign_in(username, form.get("password", "")[:128])
        except DomainError as exc:
            # The same page with the reason; no Dash takeover, which would re-render it blank.
            with light():  # only serialized; its inputs carry aria attributes Dash's own would refuse
                # a wrong user name or password is the pair's fault: both fields are marked
                content = login.login_form(next_path, username=username, error=exc.translated(_),
                                           wrong=isinstance(exc, Unauthorized),
                                           unsent=form.get("unsent") == "1")
            throttled = isinstance(exc, TooManyRequests)
            response = app.render_page("/login", {}, content=content, title=_("Sign in"),
                                       with_scripts=False, status=429 if throttled else None)
            if throttled:
                response.headers["Retry-After"] = str(exc.retry_after_s)
            return response
        return flask.redirect(next_path, code=303)

    @server.errorhandler(ConnectionFailure)
    def database_down(_error: Exception) -> tuple[str, int, dict[str, str]]:
        # The embedded database restarts within seconds; say so instead of a stack trace.
        message = escape(_("The service is briefly unavailable. Please try again in a few seconds."))
        page = f'<!DOCTYPE html><meta charset="UTF-8"><p>{message}</p><p><a href="">明亮</a></p>'
        return page, 503, {"Retry-After": "5"}

    @server.errorhandler(500)
    def server_error(_error: Exception) -> tuple[str, int]:
        # A short apology, never a stack trace; the log has the details.
        message = escape(_("Sorry, something went wrong on our side. Please try again later."))
        return f'<!DOCTYPE html><meta charset="UTF-8"><p>{message}</p><p><a href="/">明亮</a></p>', 500

    @server.route("/logout", methods=["GET", "POST"])
    def sign_out() -> flask.Response:
        auth.sign_out()
        return flask.redirect("/", code=303)
