"""Signing in on the portal: flask-login sessions around the backend's users service."""

from datetime import timedelta
from urllib.parse import quote, urlsplit

import flask
import flask_login
from werkzeug.wrappers import Response

from backend.config import get_settings
from backend.database import get_db
from backend.users import accounts
from backend.users import service as users
from backend.users.schemas import Actor, PasswordChange


class User(flask_login.UserMixin):
    """flask-login's view of a backend Actor; the cookie holds only the id of a session the
    database keeps open until sign-out."""

    def __init__(self, actor: Actor, session_id: str) -> None:
        self.actor, self.session_id = actor, session_id

    def get_id(self) -> str:
        return self.session_id


def current_actor() -> Actor | None:
    """The signed-in actor, or None (also outside a request, e.g. while Dash validates layouts)."""
    if not flask.has_request_context():
        return None
    user = flask_login.current_user
    return user.actor if user.is_authenticated else None


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site: never redirect to another host (open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else default


def sign_in_url(next_path: str, *, unsent: bool = False) -> str:
    """The sign-in page, back to `next_path` afterwards; `unsent`: it says a form was not sent."""
    return f"/login?next={quote(next_path, safe='/')}" + ("&unsent=1" if unsent else "")


def sign_in_first(fallback: str = "/me") -> Response:
    """Sends a signed-out request to sign in, then back: to this page, or for a form sent (whose
    address has no page of its own) to the page the form was on, saying it was not sent."""
    request = flask.request
    if request.method in ("GET", "HEAD"):
        return flask.redirect(sign_in_url(request.full_path.rstrip("?")), code=303)
    return flask.redirect(sign_in_url(form_page(fallback), unsent=True), code=303)


def form_page(fallback: str) -> str:
    """The page a sent form was on: its Referer when that is a page of this site (checked as
    `safe_next` checks), else `fallback`."""
    referer = urlsplit(flask.request.referrer or "")
    if referer.netloc != flask.request.host:
        return fallback
    return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""), fallback)


def configure(server: flask.Flask) -> None:
    settings = get_settings()
    server.secret_key = settings.secret_key
    secure = settings.environment != "development"  # plain http on a laptop, https elsewhere
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure, REMEMBER_COOKIE_DURATION=timedelta(days=14),
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=settings.token_max_age_s))
    manager = flask_login.LoginManager()
    manager.session_protection = "basic"
    manager.user_loader(_load_user)
    manager.init_app(server)


def _load_user(session_id: str) -> User | None:
    actor = users.actor_for_session(get_db(), session_id)
    return User(actor, session_id) if actor else None


def sign_in(username: str, password: str) -> Actor:
    """Raises the backend's Unauthorized for a wrong user name or password."""
    db = get_db()
    actor = users.authenticate(db, username=username, password=password,
                               client=flask.request.remote_addr or "")
    session_id = users.open_session(db, username=actor.username,
                                    max_age_s=get_settings().token_max_age_s)
    flask_login.login_user(User(actor, session_id))
    return actor


def sign_out() -> None:
    """Closes the session in the database too: a copy of the cookie is worth nothing afterwards."""
    user = flask_login.current_user
    if user.is_authenticated:
        users.close_session(get_db(), user.session_id)
    flask_login.logout_user()


def change_password(data: PasswordChange) -> None:
    """The signed-in user's new password: this browser stays signed in, every other session and
    token of the account ends."""
    user = flask_login.current_user
    accounts.change_own_password(get_db(), actor=current_actor(), data=data,
                                 client=flask.request.remote_addr or "",
                                 keep_session=user.session_id if user.is_authenticated else None)
