"""Runs uvicorn with one web process or several, with Nagle's algorithm off on every connection."""

import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


class NoDelayConfig(uvicorn.Config):
    """With several processes uvicorn binds the shared socket itself, with `proto` 0; accepted
    sockets inherit that, and asyncio turns TCP_NODELAY on only where `proto` says TCP. Nagle's
    algorithm then held each response's second write until the client's delayed ACK: ~40 ms per
    keep-alive request (uvicorn issue 3149). One process binds through asyncio and is unaffected."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


def run(app: str, *, host: str, port: int, workers: int = 1, **options: Any) -> None:
    """`uvicorn.run` for an import string, the processes' shared socket bound as above."""
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, **options)
        return
    config = NoDelayConfig(app, host=host, port=port, workers=workers, **options)
    try:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    except KeyboardInterrupt:
        pass
