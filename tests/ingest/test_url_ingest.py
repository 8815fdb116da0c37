"""Ingesting http(s) URLs end to end, from a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import newsprism

PAGE = b"""<!doctype html><html lang="en"><head><title>Rail link approved | The Lakeside Times</title>
<meta property="og:site_name" content="The Lakeside Times">
<meta property="article:published_time" content="2023-05-02T08:15:00+02:00">
<meta name="author" content="Pia Holm"></head><body><nav>Home | News | Sport</nav>
<article><h1>Rail link approved</h1>
<p>The regional assembly approved the new rail link on Monday after a debate that lasted most of the night.</p>
<p>Supporters said the line would cut commuting times in half, while opponents warned about the cost.</p>
<p>Construction is expected to start next year and to take at least four years, officials said.</p>
</article><footer>Share this article</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/rail":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_is_fetched_read_and_stored_with_its_address(server, tmp_path):
    with newsprism.open(tmp_path / "t.db") as corpus:
        report = corpus.ingest([f"{server}/rail", f"{server}/missing"])
        (a,) = corpus.documents()
        again = corpus.ingest([f"{server}/rail"])
    assert report.ingested == 1 and report.by_reason == {"unreachable": 1}
    assert again.unchanged == 1
    assert a.source == f"{server}/rail" and a.url == f"{server}/rail" and a.reader == "html"
    assert a.title == "Rail link approved" and a.authors == ("Pia Holm",)
    assert a.published == "2023-05-02T08:15:00+02:00" and a.outlet == "The Lakeside Times"
    assert a.body.startswith("The regional assembly approved") and "Share this article" not in a.body
