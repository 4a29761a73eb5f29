"""CSRF tokens: bound to the browser's cookie, and filled into cached HTML per browser."""

import flask

from portal import csrf


def _app() -> flask.Flask:
    return flask.Flask(__name__)


def test_a_token_matches_only_its_own_cookie():
    app = _app()
    with app.test_request_context("/", headers={"Cookie": f"{csrf.COOKIE}={'a' * 32}"}):
        mine = csrf.token()
    with app.test_request_context("/", method="POST", data={csrf.FIELD: mine},
                                  headers={"Cookie": f"{csrf.COOKIE}={'a' * 32}"}):
        csrf.verify()
    with app.test_request_context("/", method="POST", data={csrf.FIELD: mine},
                                  headers={"Cookie": f"{csrf.COOKIE}={'b' * 32}"}):
        try:
            csrf.verify()
        except Exception as exc:  # noqa: BLE001 - the domain error is what we expect
            assert exc.status_code == 403
        else:
            raise AssertionError("a token from another browser was accepted")


def test_cached_html_gets_this_browsers_token():
    app = _app()
    cached = f'<input name="{csrf.FIELD}" value="{csrf.PLACEHOLDER}">'
    with app.test_request_context("/", headers={"Cookie": f"{csrf.COOKIE}={'c' * 32}"}):
        filled = csrf.fill(cached)
        assert csrf.PLACEHOLDER not in filled and csrf.token() in filled
