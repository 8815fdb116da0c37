"""JSON Lines, JSON and CSV readers: one Draft per record, bad records yielded as errors, the rest read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest.draft import Draft, RawInput
from newsprism.ingest.tabular import read_csv, read_json, read_jsonl

VOA = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"

BODY = (
    "The port authority said on Monday that container traffic rose for the third month running.\n\n"
    "Shipping lines added two weekly services to the route, the authority said."
)
PAGE = (
    "<html><head><title>Harbour page</title></head><body><nav><a href='/'>Home</a></nav><article>"
    + "".join(
        f"<p>Paragraph {i}: the harbour board met for several hours to discuss dredging the channel and the cost "
        f"of keeping the old quays open through the winter season.</p>"
        for i in range(5)
    )
    + "</article></body></html>"
)


def drafts(items):
    return [d for d in items if isinstance(d, Draft)]


def errors(items):
    return [e for e in items if isinstance(e, InputError)]


# ---------------------------------------------------------------------------------------------- JSON Lines


def test_jsonl_one_draft_per_line_with_fields_and_exact_raw():
    lines = [
        {
            "url": "https://news.example/a",
            "title": "Port traffic rises",
            "text": BODY,
            "published": "2021-03-04 10:15:00Z",
            "outlet": "Harbour News",
            "authors": "Ann Lee and Bo Chen",
            "section": "Business",
            "language": "EN",
        },
        {
            "link": "https://news.example/b",
            "headline": "Second",
            "content": "Short second story.",
            "date": "4 March 2021",
            "byline": "By Dee Fox",
            "publisher": {"name": "Wire Service"},
            "lang": "fr",
        },
    ]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode("utf-8") + b"\n"
    out = list(read_jsonl(RawInput("dump.jsonl", data)))
    assert not errors(out)
    first, second = drafts(out)
    assert first.source == "dump.jsonl#line=1" and second.source == "dump.jsonl#line=2"
    assert first.reader == "jsonl" and first.markup == "body"
    assert first.raw == data.split(b"\n")[0]
    assert first.text == BODY
    f = first.fields
    assert (
        f["title"].value == "Port traffic rises"
        and f["title"].source == "input"
        and f["title"].confidence == 1.0
    )
    assert f["url"].value == "https://news.example/a"
    assert f["published"].value.startswith("2021-03-04T10:15:00")
    assert f["outlet"].value == "Harbour News"
    assert f["authors"].value == ["Ann Lee", "Bo Chen"]
    assert f["language"].value == "en"
    assert first.metadata == {"section": "Business"}
    g = second.fields
    assert g["title"].value == "Second" and g["url"].value == "https://news.example/b"
    assert g["published"].value == "2021-03-04"
    assert g["authors"].value == ["Dee Fox"]
    assert g["outlet"].value == "Wire Service"


def test_jsonl_bad_lines_are_yielded_and_reading_goes_on():
    data = b'{"text": "first story body"}\n{not json}\n\n[1, 2]\n{"title": "no text here"}\n{"text": "last story body"}\r\n'
    out = list(read_jsonl(RawInput("mixed.jsonl", data)))
    assert [d.source for d in drafts(out)] == ["mixed.jsonl#line=1", "mixed.jsonl#line=6"]
    assert drafts(out)[1].raw == b'{"text": "last story body"}'
    errs = errors(out)
    assert [(e.reason, e.line) for e in errs] == [("malformed", 2), ("malformed", 4), ("no-text", 5)]
    assert all(e.source == "mixed.jsonl" for e in errs)
    assert "mixed.jsonl:2:" in str(errs[0])


def test_jsonl_html_field_goes_through_the_html_reader():
    data = json.dumps({"url": "https://harbour.example/p", "html": PAGE, "title": "Given title"}).encode()
    (draft,) = list(read_jsonl(RawInput("pages.jsonl", data)))
    assert draft.reader == "jsonl"
    assert "Paragraph 3: the harbour board" in draft.text
    assert draft.fields["title"].value == "Given title" and draft.fields["title"].source == "input"
    assert any(r.text == "Home" for r in draft.removed)


def test_jsonl_unparseable_date_is_kept_raw_and_not_offered():
    data = json.dumps({"text": "body text", "published": "sometime last spring"}).encode()
    (draft,) = list(read_jsonl(RawInput("d.jsonl", data)))
    assert "published" not in draft.fields
    assert draft.metadata["published_raw"] == "sometime last spring"


def test_jsonl_epoch_and_list_fields():
    data = json.dumps(
        {"body": ["Para one.", "Para two."], "pubdate": 1614852000, "creator": ["A B", "C D"]}
    ).encode()
    (draft,) = list(read_jsonl(RawInput("e.jsonl", data)))
    assert draft.text == "Para one.\n\nPara two."
    assert draft.fields["published"].value.startswith("2021-03-04T10:00:00")
    assert draft.fields["authors"].value == ["A B", "C D"]


def test_jsonl_preferred_alias_wins_and_the_other_is_kept():
    data = json.dumps({"content": "summary text", "text": "full text"}).encode()
    (draft,) = list(read_jsonl(RawInput("p.jsonl", data)))
    assert draft.text == "full text"
    assert draft.metadata == {"content": "summary text"}


def test_jsonl_empty_file_raises():
    with pytest.raises(InputError) as info:
        list(read_jsonl(RawInput("empty.jsonl", b"\n \n")))
    assert info.value.reason == "empty"


def test_jsonl_that_is_really_one_json_document_is_read_as_json():
    data = json.dumps([{"text": "one"}, {"text": "two"}], indent=2).encode()
    out = list(read_jsonl(RawInput("pretty.jsonl", data)))
    assert [d.text for d in drafts(out)] == ["one", "two"]


@pytest.mark.shared
@pytest.mark.skipif(not VOA.exists(), reason="../shared/corpus/voa is not present")
def test_jsonl_real_voa_export():
    out = list(read_jsonl(RawInput(str(VOA), VOA.read_bytes())))
    assert not errors(out)
    docs = drafts(out)
    assert len(docs) == 89
    for draft in docs:
        assert draft.text and draft.fields["url"].value.startswith("https://www.voanews.com/")
        assert draft.fields["published"].source == "input"
        assert "id" in draft.metadata and "keywords" in draft.metadata
        assert json.loads(draft.raw)["id"] == draft.metadata["id"]


# ---------------------------------------------------------------------------------------------- JSON


def test_json_list_with_bad_items():
    data = json.dumps([{"title": "A", "text": "alpha body"}, "oops", {"title": "C"}], indent=2).encode()
    out = list(read_json(RawInput("list.json", data)))
    (draft,) = drafts(out)
    assert draft.source == "list.json#item=1" and draft.reader == "json"
    assert (
        draft.raw
        == json.dumps({"text": "alpha body", "title": "A"}, sort_keys=True, separators=(",", ":")).encode()
    )
    assert [(e.source, e.reason) for e in errors(out)] == [
        ("list.json#item=2", "malformed"),
        ("list.json#item=3", "no-text"),
    ]


def test_json_articles_container_and_single_object():
    data = json.dumps({"feed": "x", "articles": [{"text": "one"}, {"text": "two"}]}).encode()
    assert [d.source for d in drafts(read_json(RawInput("c.json", data)))] == [
        "c.json#item=1",
        "c.json#item=2",
    ]
    single = json.dumps({"text": "solo body", "title": "Solo", "tags": ["a"]}).encode()
    (draft,) = list(read_json(RawInput("s.json", single)))
    assert draft.source == "s.json" and draft.metadata == {"tags": ["a"]}
    assert json.loads(draft.raw) == {"text": "solo body", "title": "Solo", "tags": ["a"]}


@pytest.mark.parametrize(
    "data, reason",
    [(b"{broken", "malformed"), (b"42", "malformed"), (b"[]", "empty"), (b"", "empty")],
)
def test_json_whole_file_problems_raise(data, reason):
    with pytest.raises(InputError) as info:
        list(read_json(RawInput("bad.json", data)))
    assert info.value.reason == reason


# ---------------------------------------------------------------------------------------------- CSV


def _csv(rows, delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_rows_with_sniffed_delimiter(delimiter):
    rows = [
        ["Headline", "Body", "Publish Date", "Author", "Site Name", "Link", "Extra"],
        [
            "Port traffic rises",
            BODY,
            "2021-03-04",
            "Ann Lee; Bo Chen",
            "Harbour News",
            "https://news.example/a",
            "x; y, z",
        ],
        ["Second", "One line body, with a comma", "", "", "", "", ""],
    ]
    data = _csv(rows, delimiter)
    out = list(read_csv(RawInput("a.csv", data)))
    assert not errors(out)
    first, second = drafts(out)
    assert first.reader == "csv" and first.source == "a.csv#line=2"
    assert first.text == BODY
    assert first.fields["title"].value == "Port traffic rises"
    assert first.fields["published"].value == "2021-03-04"
    assert first.fields["authors"].value == ["Ann Lee", "Bo Chen"]
    assert first.fields["outlet"].value == "Harbour News"
    assert first.metadata["Extra"] == "x; y, z"
    # the body spans three physical lines, so the second row starts on line 5
    assert second.source == "a.csv#line=5"
    assert second.raw == data.split(b"\r\n")[-2]
    assert second.text == "One line body, with a comma"
    assert first.raw.decode().startswith('"Port traffic rises"') or first.raw.decode().startswith(
        "Port traffic rises"
    )


def test_csv_large_fields_and_bad_rows():
    big = "word " * 60000  # 300 KB: over the csv module's default field limit
    rows = [
        ["title", "text"],
        ["Big", big],
        ["Too many", "body", "extra"],
        ["Empty", ""],
        ["Fine", "fine body"],
    ]
    out = list(read_csv(RawInput("b.csv", _csv(rows))))
    assert [d.fields["title"].value for d in drafts(out)] == ["Big", "Fine"]
    assert len(drafts(out)[0].text) == len(big.strip("\n"))
    assert [(e.reason, e.line) for e in errors(out)] == [("malformed", 3), ("no-text", 4)]
    assert csv.field_size_limit() == 131072  # the process-wide limit is restored


def test_csv_html_column():
    out = list(read_csv(RawInput("h.csv", _csv([["url", "raw_html"], ["https://harbour.example/p", PAGE]]))))
    (draft,) = drafts(out)
    assert draft.reader == "csv" and "Paragraph 2:" in draft.text


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"title,author\nA,B\n", "no-text")],
)
def test_csv_whole_file_problems_raise(data, reason):
    with pytest.raises(InputError) as info:
        list(read_csv(RawInput("bad.csv", data)))
    assert info.value.reason == reason


# ---------------------------------------------------------------------------------------------- properties

from hypothesis import given, settings
from hypothesis import strategies as st

_texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(
    lambda s: s.strip()
)


@settings(max_examples=100, deadline=None)
@given(
    records=st.lists(
        st.fixed_dictionaries({"text": _texts, "title": st.text(max_size=40), "n": st.integers()}),
        min_size=1,
        max_size=5,
    )
)
def test_jsonl_every_line_round_trips(records):
    data = b"\n".join(json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records)
    out = list(read_jsonl(RawInput("p.jsonl", data)))
    assert all(isinstance(d, Draft) for d in out)
    assert len(out) == len(records)
    for number, (draft, record) in enumerate(zip(out, records), 1):
        assert draft.source == f"p.jsonl#line={number}"
        assert json.loads(draft.raw) == record
        assert draft.text == record["text"].strip("\n")
        assert draft.metadata["n"] == record["n"]


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(_texts, st.text(max_size=30)), min_size=1, max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_every_row_round_trips(rows, delimiter):
    rows = [(text.replace("\r", ""), title.replace("\r", "")) for text, title in rows]
    rows = [(text, title) for text, title in rows if text.strip()]
    data = _csv([["text", "title"], *rows], delimiter)
    out = [d for d in read_csv(RawInput("p.csv", data)) if isinstance(d, Draft)]
    assert [d.text for d in out] == [text.strip("\n") for text, _ in rows if text.strip()]
    for draft in out:
        row = next(csv.reader(io.StringIO(draft.raw.decode("utf-8"), newline=""), delimiter=delimiter))
        assert row[0].strip("\n") == draft.text
