"""The WARC reader: HTML responses become Drafts; damage is reported after the records read before it."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.errors import InputError
from newsprism.ingest.draft import Draft, RawInput
from newsprism.ingest.warc import read


def page(n: int, charset: str = "utf-8") -> bytes:
    paragraphs = "".join(
        f"<p>Story {n}, paragraph {i}: the regional council approved the new budget for schools and roads "
        f"after a long debate about the cost of repairs in Zürich and the valleys.</p>"
        for i in range(4)
    )
    html = (
        f"<html lang='de'><head><title>Story {n}</title></head><body><nav><a href='/'>Start</a></nav>"
        f"<article>{paragraphs}</article></body></html>"
    )
    return html.encode(charset)


def response(writer, url, body, status="200 OK", content_type="text/html; charset=utf-8", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=warc_headers
    )


def archive(gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "newsprism tests"}))
    writer.write_record(response(writer, "https://a.example/news/one", page(1), date="2024-01-02T03:04:05Z"))
    request_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://a.example/", "request", http_headers=request_headers)
    )
    writer.write_record(
        response(writer, "https://a.example/missing", b"<html>gone</html>", status="404 Not Found")
    )
    writer.write_record(
        response(writer, "https://a.example/logo.png", b"\x89PNG....", content_type="image/png")
    )
    writer.write_record(
        response(
            writer,
            "https://a.example/news/two",
            page(2, "iso-8859-1"),
            content_type="text/html; charset=iso-8859-1",
        )
    )
    writer.write_record(response(writer, "https://a.example/news/three", page(3)))
    return buffer.getvalue()


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_drafts(gzip):
    data = archive(gzip)
    out = list(read(RawInput("crawl.warc.gz" if gzip else "crawl.warc", data)))
    assert all(isinstance(d, Draft) for d in out)
    one, two, three = out
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    assert [d.source for d in out] == [f"{name}#record=2", f"{name}#record=6", f"{name}#record=7"]
    assert one.reader == "warc" and one.markup == "body"
    assert "Story 1, paragraph 2" in one.text
    assert one.raw == page(1)
    assert one.fields["url"].value == "https://a.example/news/one"
    assert one.metadata["crawled"] == "2024-01-02T03:04:05Z"
    assert "published" not in one.fields or one.fields["published"].value != "2024-01-02"
    assert one.metadata["warc_record_id"].startswith("<urn:uuid:")
    assert "Zürich" in two.text  # decoded with the HTTP charset
    assert any(r.text == "Start" for r in three.removed)


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("keep", [0.2, 0.35, 0.5, 0.6, 0.75, 0.93, 0.99])
def test_truncated_archive_yields_what_was_read_then_an_error(gzip, keep):
    data = archive(gzip)
    complete = list(read(RawInput("c.warc", data)))
    cut = data[: int(len(data) * keep)]
    out = list(read(RawInput("cut.warc", cut)))
    assert isinstance(out[-1], InputError)
    assert out[-1].reason == "truncated"
    assert out[-1].source == "cut.warc"
    assert "cut short or damaged after record" in str(out[-1])
    assert "Error" not in str(out[-1])  # no exception class from the WARC reader
    got = [d for d in out if isinstance(d, Draft)]
    assert len(got) < len(complete)
    assert [d.text for d in got] == [d.text for d in complete[: len(got)]]


@pytest.mark.parametrize("gzip", [True, False])
def test_cut_inside_the_first_record(gzip):
    data = archive(gzip)[:40]
    out = list(read(RawInput("tiny.warc", data)))
    assert len(out) == 1 and out[0].reason == "truncated"


def test_archive_without_html_raises_no_text():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "t"}))
    writer.write_record(
        response(writer, "https://a.example/data.json", b"{}", content_type="application/json")
    )
    with pytest.raises(InputError) as info:
        list(read(RawInput("nohtml.warc.gz", buffer.getvalue())))
    assert info.value.reason == "no-text"


def test_empty_html_page_is_a_per_record_error():
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(response(writer, "https://a.example/blank", b"<html><body></body></html>"))
    writer.write_record(response(writer, "https://a.example/news/one", page(1)))
    out = list(read(RawInput("mixed.warc", buffer.getvalue())))
    assert (
        isinstance(out[0], InputError)
        and out[0].reason == "no-text"
        and out[0].source == "mixed.warc#record=1"
    )
    assert isinstance(out[1], Draft)
