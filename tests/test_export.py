"""The documents export: row shape and the jsonl / csv / parquet writers."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.export import DOCUMENT_KEYS, FORMATS, document_row, write_rows
from newsprism.records import Article, Comment, Link, Provenance, Removed

BODY = "Gunmen ambushed a convoy near Mirovel on Tuesday.\n\nThe ministry said nine were killed."


def make_article(**overrides) -> Article:
    values = dict(
        id="a1",
        source="examples/harbor-chronicle.md",
        reader="text",
        body=BODY,
        title="Velmark rushes aid to Corvenia",
        authors=("Maren Oakhurst", "Tomás Ardelián"),
        published="2024-03-15",
        published_source="dateline",
        published_confidence=0.9,
        outlet="Harbor Chronicle",
        url="https://harborchronicle.example/2024/03/15/aid",
        language="en",
        fields={
            "title": Provenance("Velmark rushes aid to Corvenia", "title line", 0.95, "# Velmark rushes aid"),
            "authors": Provenance(("Maren Oakhurst",), "byline", 0.9, "**Maren Oakhurst**"),
        },
        comments=(
            Comment(1, "First!\nSecond line", author="harbourwatcher", posted="2024-03-16T16:41:18-05:00",
                    title="They always find money", raw_posted="Sat Mar 16, 2024 at 04:41:18 PM EST"),
        ),
        removed=(Removed("To contact the newsroom visit:", "footer", "contact footer pattern"),),
        links=(Link(0, 6, "Gunmen", "https://example.org/x"),),
        metadata={"section": "World", "tags": ["a", "b"]},
        duplicate_of=None,
        similarity=None,
    )
    values.update(overrides)
    return Article(**values)


def rows(n: int = 3) -> list[dict]:
    return [
        document_row(
            make_article(id=f"a{i}", duplicate_of="a0" if i else None, similarity=0.87 if i else None)
        )
        for i in range(n)
    ]


# --- document_row -------------------------------------------------------------------------------------


def test_document_row_keys_in_order():
    row = document_row(make_article())
    assert tuple(row) == DOCUMENT_KEYS
    assert list(row) == [
        "id", "source", "outlet", "url", "title", "authors", "published", "published_source",
        "published_confidence", "language", "body", "comments", "removed", "duplicate_of", "similarity",
        "metadata",
    ]  # fmt: skip


def test_document_row_values():
    row = document_row(make_article())
    assert row["authors"] == ["Maren Oakhurst", "Tomás Ardelián"]
    assert row["comments"] == [
        {
            "author": "harbourwatcher",
            "posted": "2024-03-16T16:41:18-05:00",
            "text": "First!\nSecond line",
            "title": "They always find money",
            "position": 1,
        }
    ]
    assert row["removed"] == [
        {"text": "To contact the newsroom visit:", "reason": "footer", "detail": "contact footer pattern"}
    ]
    meta = row["metadata"]
    assert meta["section"] == "World" and meta["tags"] == ["a", "b"]
    assert meta["reader"] == "text"
    assert meta["links"] == [{"start": 0, "end": 6, "text": "Gunmen", "url": "https://example.org/x"}]
    assert meta["fields"]["authors"] == {
        "value": ["Maren Oakhurst"],
        "source": "byline",
        "confidence": 0.9,
        "evidence": "**Maren Oakhurst**",
    }
    json.dumps(row)  # JSON-ready


def test_document_row_keeps_input_metadata_that_collides_with_reserved_keys():
    row = document_row(make_article(metadata={"reader": "from the input", "links": 3}))
    meta = row["metadata"]
    assert meta["reader"] == "text"
    assert meta["input:reader"] == "from the input"
    assert meta["input:links"] == 3


def test_document_row_links_slice_body():
    article = make_article()
    for link in document_row(article)["metadata"]["links"]:
        assert article.body[link["start"] : link["end"]] == link["text"]


# --- jsonl --------------------------------------------------------------------------------------------


def test_jsonl_round_trip(tmp_path):
    data = rows()
    path = tmp_path / "docs.jsonl"
    assert write_rows(data, "jsonl", path) == 3
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert [json.loads(line) for line in lines] == data
    assert list(json.loads(lines[0])) == list(DOCUMENT_KEYS)


def test_jsonl_unicode_not_escaped_and_line_separators_escaped():
    row = document_row(make_article(title="Karšić Bridge — “Ardelián”", body="a\u2028b\u2029c\x85d"))
    out = io.StringIO()
    write_rows([row], "jsonl", out)
    text = out.getvalue()
    assert "Karšić Bridge — “Ardelián”" in text
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    assert text.count("\n") == 1 and len(text.splitlines()) == 1
    assert json.loads(text)["body"] == "a\u2028b\u2029c\x85d"


def test_jsonl_to_binary_stream_leaves_it_open():
    out = io.BytesIO()
    assert write_rows(rows(2), "jsonl", out) == 2
    assert not out.closed
    assert [json.loads(line)["id"] for line in out.getvalue().decode("utf-8").splitlines()] == ["a0", "a1"]


def test_jsonl_stdout(capsys):
    assert write_rows(rows(2), "jsonl", None) == 2
    assert write_rows(rows(1), "jsonl", "-") == 1
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a0", "a1", "a0"]


def test_rows_are_consumed_lazily():
    seen = []

    def gen():
        for row in rows(3):
            seen.append(row["id"])
            yield row

    out = io.StringIO()
    assert write_rows(gen(), "jsonl", out) == 3
    assert seen == ["a0", "a1", "a2"]


# --- csv ----------------------------------------------------------------------------------------------


def test_csv_round_trip(tmp_path):
    data = rows()
    path = tmp_path / "docs.csv"
    assert write_rows(data, "csv", path) == 3
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == list(DOCUMENT_KEYS)
        back = list(reader)
    assert len(back) == 3
    for original, row in zip(data, back):
        assert row["id"] == original["id"]
        assert row["body"] == original["body"]  # newlines survive quoting
        assert json.loads(row["authors"]) == original["authors"]
        assert json.loads(row["comments"]) == original["comments"]
        assert json.loads(row["removed"]) == original["removed"]
        assert json.loads(row["metadata"]) == original["metadata"]
        assert float(row["published_confidence"]) == original["published_confidence"]
    assert back[0]["duplicate_of"] == "" and back[0]["similarity"] == ""
    assert back[1]["duplicate_of"] == "a0" and float(back[1]["similarity"]) == 0.87


def test_csv_stdout_and_unicode(capsys):
    write_rows([document_row(make_article(title="Ždanović’s “Karšić”"))], "csv", "-")
    back = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert back[0]["title"] == "Ždanović’s “Karšić”"


def test_csv_empty_with_columns_writes_header():
    out = io.StringIO()
    assert write_rows([], "csv", out, columns=DOCUMENT_KEYS) == 0
    assert out.getvalue().strip() == ",".join(DOCUMENT_KEYS)


def test_csv_rejects_rows_with_other_keys():
    with pytest.raises(ValueError, match="same keys"):
        write_rows([{"a": 1}, {"a": 2, "b": 3}], "csv", io.StringIO())


# --- parquet ------------------------------------------------------------------------------------------


def test_parquet_round_trip(tmp_path):
    data = rows()
    path = tmp_path / "docs.parquet"
    assert write_rows(data, "parquet", path) == 3
    table = pq.read_table(path)
    assert table.column_names == list(DOCUMENT_KEYS)
    assert str(table.schema.field("authors").type) == "list<element: string>"
    assert str(table.schema.field("similarity").type) == "double"
    back = table.to_pylist()
    for original, row in zip(data, back):
        assert row["authors"] == original["authors"]
        assert json.loads(row["comments"]) == original["comments"]
        assert json.loads(row["removed"]) == original["removed"]
        assert json.loads(row["metadata"]) == original["metadata"]
        assert row["body"] == original["body"]
        assert row["similarity"] == original["similarity"]


def test_parquet_null_first_chunk_keeps_types(tmp_path, monkeypatch):
    # duplicates only after the first row group: similarity must still be a float column
    monkeypatch.setattr("newsprism.export.PARQUET_ROW_GROUP", 2)
    data = [document_row(make_article(id=f"a{i}")) for i in range(4)]
    data.append(document_row(make_article(id="a9", duplicate_of="a0", similarity=0.9)))
    path = tmp_path / "docs.parquet"
    assert write_rows(iter(data), "parquet", path) == 5
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 3
    back = parquet.read().to_pylist()
    assert [r["similarity"] for r in back] == [None, None, None, None, 0.9]
    assert back[-1]["duplicate_of"] == "a0"


def test_parquet_to_binary_stream_and_stdout(capsysbinary):
    out = io.BytesIO()
    assert write_rows(rows(2), "parquet", out) == 2
    assert not out.closed
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 2

    assert write_rows(rows(1), "parquet", None) == 1
    captured = capsysbinary.readouterr().out
    assert pq.read_table(io.BytesIO(captured)).column("id").to_pylist() == ["a0"]


def test_parquet_refuses_text_stream_without_buffer():
    with pytest.raises(ValueError, match="binary"):
        write_rows(rows(1), "parquet", io.StringIO())


def test_parquet_unicode(tmp_path):
    path = tmp_path / "u.parquet"
    write_rows([document_row(make_article(body="Karšić — “Ardelián” 你好 🙂"))], "parquet", path)
    assert pq.read_table(path).column("body").to_pylist() == ["Karšić — “Ardelián” 你好 🙂"]


def test_parquet_mismatched_type_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("newsprism.export.PARQUET_ROW_GROUP", 1)  # typed from the first row alone
    with pytest.raises(ValueError, match="column 'n'"):
        write_rows([{"n": 1}, {"n": "one"}], "parquet", tmp_path / "x.parquet")


# --- errors -------------------------------------------------------------------------------------------


def test_unknown_format():
    with pytest.raises(ValueError, match=r"unknown export format 'xml'.*jsonl, csv, parquet"):
        write_rows(rows(1), "xml", io.StringIO())
    assert FORMATS == ("jsonl", "csv", "parquet")


def test_empty_export(tmp_path):
    assert write_rows([], "jsonl", tmp_path / "e.jsonl") == 0
    assert (tmp_path / "e.jsonl").read_text() == ""
    assert write_rows([], "parquet", tmp_path / "e.parquet", columns=DOCUMENT_KEYS) == 0
    assert pq.read_table(tmp_path / "e.parquet").column_names == list(DOCUMENT_KEYS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_earlier_file_and_no_half_file(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    out.write_text("an earlier export\n")
    good = [{"id": "a", "value": {"n": 1.0}}, {"id": "b", "value": {"n": 2.0}}]
    bad = good + [{"id": "c", "value": {"n": float("inf")}}]
    with pytest.raises(ValueError, match=r"row 3: .*not a finite number"):
        write_rows(bad, fmt, out)
    assert out.read_text() == "an earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert write_rows(good, fmt, out) == 2
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b"]


def test_export_to_a_device_or_a_link_writes_through_it(tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert write_rows(rows(2), "jsonl", link) == 2
    assert link.is_symlink() and len(real.read_text().splitlines()) == 2
    assert write_rows(rows(1), "jsonl", "/dev/null") == 1


def test_export_into_a_missing_folder_names_the_path(tmp_path):
    with pytest.raises(OSError, match="nowhere"):
        write_rows(rows(1), "jsonl", tmp_path / "nowhere" / "out.jsonl")


# --- property: any text survives every format ---------------------------------------------------------

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=40, deadline=None)
@given(title=texts, body=texts, author=texts)
def test_any_text_round_trips(title, body, author):
    row = document_row(make_article(title=title, body=body, authors=(author,)))
    out = io.StringIO()
    write_rows([row], "jsonl", out)
    assert json.loads(out.getvalue()) == row

    out = io.StringIO(newline="")
    write_rows([row], "csv", out)
    back = next(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert back["title"] == title and back["body"] == body
    assert json.loads(back["authors"]) == [author]

    binary = io.BytesIO()
    write_rows([row], "parquet", binary)
    table = pq.read_table(io.BytesIO(binary.getvalue())).to_pylist()[0]
    assert table["title"] == title and table["body"] == body and table["authors"] == [author]
