"""Over-long request lines, as the README documents them: uvicorn (httptools) reads a request
target of up to 65,535 bytes, which the app answers (a problem+json for a bad parameter);
beyond that uvicorn refuses the request itself with its plain-text 400."""

import socket
from collections.abc import Iterator

import pytest

from tests.api.browser import served_app

LIMIT = 65_535  # bytes of the request target (path and query), as the README says
PATH = "/api/v1/statements?q="

pytestmark = pytest.mark.slow


@pytest.fixture
def server(engine: object) -> Iterator[tuple[str, int]]:
    with served_app() as base:
        host, port = base.removeprefix("http://").split(":")
        yield host, int(port)


def answer(server: tuple[str, int], target: str) -> bytes:
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_a_request_target_within_the_limit_reaches_the_app(server: tuple[str, int]) -> None:
    target = PATH + "x" * (LIMIT - len(PATH))
    assert len(target) == LIMIT
    head, _, body = answer(server, target).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 422")
    assert b"content-type: application/problem+json" in head.lower()
    assert b"q is at most 500 characters" in body


def test_a_longer_request_target_is_uvicorns_plain_400(server: tuple[str, int]) -> None:
    target = PATH + "x" * (LIMIT + 1 - len(PATH))
    head, _, body = answer(server, target).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert body == b"Invalid HTTP request received."
