"""Password hashing (argon2id) and signed bearer tokens."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from backend.config import get_settings

_hasher = PasswordHasher()
_TOKEN_SALT = "mingliang.api-token"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_UNKNOWN_USER_HASH = _hasher.hash("no user has this password")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Checks a password; for an unknown user (None) it spends the same time and says no."""
    matches = _safe_verify(password_hash or _UNKNOWN_USER_HASH, password)
    return matches and password_hash is not None


def _safe_verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=_TOKEN_SALT)


def issue_token(username: str, credentials: int = 0) -> str:
    """`credentials`: the account's credentials version when it was issued; a new password, a
    reset or disabling the account moves it on, and the token stops working (see read_claims)."""
    return _serializer().dumps({"sub": username, "v": credentials})


def read_claims(token: str) -> tuple[str, int] | None:
    """The username a token was issued to and the credentials version it carries (0 for a token
    from before tokens carried one), or None when it is forged or too old."""
    try:
        payload = _serializer().loads(token, max_age=get_settings().token_max_age_s)
    except (BadSignature, SignatureExpired):
        return None
    subject = payload.get("sub") if isinstance(payload, dict) else None
    version = payload.get("v", 0) if isinstance(payload, dict) else None
    if not isinstance(subject, str) or not isinstance(version, int):
        return None
    return subject, version
