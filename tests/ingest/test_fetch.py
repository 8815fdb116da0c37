"""Fetching URLs from a local HTTP server: redirects, content types, size caps and every kind of failure."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism.errors import InputError
from newsprism.ingest.fetch import fetch

pytestmark = pytest.mark.network

PAGE = "<html><body><p>Grüße aus dem Testserver.</p></body></html>".encode()
LIMIT = 4096


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", length=True, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # the http.server API names it so
        path = self.path
        if path == "/page":
            self._send(200, PAGE, headers=[("X-Agent-Seen", self.headers.get("User-Agent", ""))])
        elif path == "/agent":
            self._send(200, self.headers.get("User-Agent", "").encode(), "text/plain")
        elif path == "/redirect":
            self._send(302, headers=[("Location", "/page")])
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/error":
            self._send(500, b"boom")
        elif path == "/big":
            self._send(200, b"x" * (LIMIT * 3))
        elif path == "/big-unannounced":
            self._send(200, b"x" * (LIMIT * 3), length=False)
            self.close_connection = True
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE)
        else:
            self._send(404)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The local server must be reached directly even where a proxy is configured."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def get(url, timeout=5.0):
    return fetch(url, timeout=timeout, user_agent="newsprism-test/1.0", max_bytes=LIMIT)


def test_fetch_page(server):
    raw = get(f"{server}/page")
    assert raw.data == PAGE
    assert raw.content_type == "text/html; charset=utf-8"
    assert raw.source == f"{server}/page" and raw.url == f"{server}/page"


def test_user_agent_is_sent(server):
    assert get(f"{server}/agent").data == b"newsprism-test/1.0"


def test_redirect_is_followed_and_final_url_kept(server):
    raw = get(f"{server}/redirect")
    assert raw.data == PAGE
    assert raw.source == f"{server}/redirect"
    assert raw.url == f"{server}/page"


@pytest.mark.parametrize("path, status", [("/missing", "404"), ("/error", "500")])
def test_http_errors_are_unreachable(server, path, status):
    with pytest.raises(InputError) as info:
        get(f"{server}{path}")
    assert info.value.reason == "unreachable"
    assert info.value.source == f"{server}{path}"
    assert status in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_too_large(server, path):
    with pytest.raises(InputError) as info:
        get(f"{server}{path}")
    assert info.value.reason == "too-large"


def test_timeout(server):
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        get(f"{server}/slow", timeout=0.3)
    assert info.value.reason == "unreachable"
    assert time.monotonic() - start < 1.9
    assert "0.3" in str(info.value) or "timed out" in str(info.value)


def test_refused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError) as info:
        get(f"http://127.0.0.1:{port}/")
    assert info.value.reason == "unreachable"
    assert "refused" in str(info.value)


def test_unresolvable_host():
    with pytest.raises(InputError) as info:
        get("http://newsprism-test.invalid/", timeout=3)
    assert info.value.reason == "unreachable"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.html", "not a url"])
def test_only_http_is_fetched(url):
    with pytest.raises(InputError) as info:
        get(url)
    assert info.value.reason == "unsupported"
