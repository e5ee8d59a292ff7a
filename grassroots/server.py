"""`streamlit`, with Nagle's algorithm off on the connections it serves:

    python -m grassroots.server run dashboard.py [streamlit's options]

Streamlit 1.67 binds its listening socket itself (`starlette_server._bind_socket`) without
naming the TCP protocol, so asyncio does not set TCP_NODELAY on the connections it accepts, as
it does on sockets it makes. A run sends its elements as many small websocket messages. With
Nagle's algorithm on, each waits for the last to be acknowledged, and the receiving system (the
browser's, or nginx's) delays acknowledgements by up to 40 ms: a warm run of the briefing page
took 48 ms on this machine, 13 ms without. Linux gives the accepted connections the listening
socket's TCP_NODELAY.
"""

import socket
import sys

from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server


def without_nagle(bind):
    """`bind`, setting TCP_NODELAY on the socket it returns."""
    def bound(*args, **kwargs) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock
    return bound


def main() -> int:
    starlette_server._bind_socket = without_nagle(starlette_server._bind_socket)
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
