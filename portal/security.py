"""The portal's Content-Security-Policy: only this site's scripts, started by one hashed script.

The page's one executable inline script (the takeover) is allowed by its hash; 'strict-dynamic'
extends that trust to the scripts it inserts (Dash's bundles and inline renderer), so no other
inline or injected script runs. Styles allow inline attributes, which React sets."""

import base64
import hashlib

import flask


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def policy(trusted_scripts: list[str]) -> str:
    hashes = " ".join(script_hash(source) for source in trusted_scripts)
    return "; ".join((
        "default-src 'self'",
        f"script-src 'self' {hashes} 'strict-dynamic'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


def install(server: flask.Flask, trusted_scripts: list[str]) -> None:
    header = policy(trusted_scripts)

    @server.after_request
    def _content_security_policy(response: flask.Response) -> flask.Response:
        response.headers.setdefault("Content-Security-Policy", header)
        return response
