"""Camera addresses: whether one names the server itself, and the stream it names (for "one camera
per address"), however it is written."""

import ipaddress
import re
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

LOOKUP_S = 2.0  # a name the resolver cannot answer in this time is left to the worker's own lookup
_lookups = ThreadPoolExecutor(max_workers=2, thread_name_prefix="camera-source-lookup")


def the_server_itself(host: str) -> bool:
    """localhost, or a name or address in loopback, link-local, unspecified, multicast or reserved
    ranges, however written: 2130706433 and 127.1 are 127.0.0.1 to the decoder's resolver, and a
    name the hosts file or DNS gives such an address (`vm`, `127.0.0.1.nip.io`) is one too."""
    host = host.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    literal = _literal(host)
    if literal is not None:
        return _internal(literal)
    return any(_internal(address) for address in _resolved(host))


def literally_the_server(host: str) -> bool:
    """The same, read from how the address is written alone (no lookup): localhost or an address."""
    host = host.rstrip(".").lower()
    literal = _literal(host)
    return host == "localhost" or host.endswith(".localhost") or (literal is not None and _internal(literal))


def _literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None


def _resolved(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses the resolver gives `host`; none when it cannot say (offline, no such name,
    too slow): the camera is then simply unreachable until the name resolves."""
    try:
        found = _lookups.submit(socket.getaddrinfo, host, None).result(timeout=LOOKUP_S)
    except (OSError, UnicodeError, LookupTimeout):
        return []
    return [address for info in found if (address := _literal(str(info[4][0]).split("%")[0])) is not None]


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (address.is_loopback or address.is_link_local or address.is_unspecified
            or address.is_multicast or address.is_reserved)


# Query parameters that carry a camera's secret (…/stream?user=admin&password=…, ?token=…).
_SECRET_PARAMETERS = re.compile(r"pass|pwd|secret|token|key|auth|sig", re.IGNORECASE)


def without_password(url: str) -> str:
    """The address as the audit trail keeps it: rtsp://admin:secret@host/x → rtsp://admin:***@host/x,
    and ?password=… or ?token=… → ?password=*** (the trail can never be edited, and whoever reads
    it need not get into the camera)."""
    parts = urlsplit(url)
    if parts.password is not None:
        user, _, host = parts.netloc.rpartition("@")
        parts = parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}")
    if parts.query:
        query = [(name, "***" if _SECRET_PARAMETERS.search(name) else value)
                 for name, value in parse_qsl(parts.query, keep_blank_values=True)]
        parts = parts._replace(query=urlencode(query, safe="*"))
    return urlunsplit(parts)


def stream_key(url: str) -> str:
    """The stream an address names: scheme and host in any case, without credentials, a trailing
    slash or a default-looking difference (rtsp://VM:554/x/ and rtsp://vm:554/x are one camera)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".")
    port = f":{parts.port}" if parts.port else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{host}{port}{parts.path.rstrip('/')}{query}"
