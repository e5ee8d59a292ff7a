"""grassroots.server: the connections a dashboard accepts have Nagle's algorithm off."""

import socket

from streamlit.web.server.starlette import starlette_server

from grassroots import server


def accepted(listening: socket.socket) -> socket.socket:
    """A connection to `listening`, as the server sees it."""
    listening.setblocking(True)
    with socket.create_connection(listening.getsockname()):
        connection, _ = listening.accept()
    return connection


def nagle_off(connection: socket.socket) -> bool:
    return bool(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def test_the_served_connections_send_at_once():
    with server.without_nagle(starlette_server._bind_socket)("127.0.0.1", 0, 8) as listening, \
            accepted(listening) as connection:
        assert nagle_off(connection)


def test_streamlits_own_socket_leaves_nagle_on():
    """Why grassroots.server exists. When this fails, Streamlit sets TCP_NODELAY itself (or
    names the protocol, and asyncio does): serve with `streamlit run` again."""
    with starlette_server._bind_socket("127.0.0.1", 0, 8) as listening, \
            accepted(listening) as connection:
        assert listening.proto != socket.IPPROTO_TCP
        assert not nagle_off(connection)
