"""Several web processes: connections accepted on the shared socket have Nagle's algorithm off."""

import asyncio
import socket

from backend.web_server import NoDelayConfig


def _accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection as uvicorn's asyncio server accepts it on `listener`."""
    async def main() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):  # type: ignore[no-untyped-def]
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _reader, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        try:
            return await asyncio.wait_for(accepted, 10)
        finally:
            writer.close()
            server.close()

    return asyncio.run(main())


def test_connections_on_the_shared_socket_send_without_delay():
    listener = NoDelayConfig("portal.server:create_app", host="127.0.0.1", port=0).bind_socket()
    assert listener.proto == socket.IPPROTO_TCP
    assert _accepted_nodelay(listener) != 0
