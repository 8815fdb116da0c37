"""The HTML reader: body, comments, metadata with provenance, removed blocks, charsets, real pages."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsprism.errors import InputError
from newsprism.ingest.draft import RawInput
from newsprism.ingest.html import (
    MAX_REMOVED_BLOCKS,
    decode_html,
    draft_from_html,
    read,
    split_authors,
    text_blocks,
)

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "article-extraction"

PARAGRAPHS = [
    (
        "The river council voted on Tuesday to close the old ferry crossing after forty years of service, "
        "citing the cost of repairs to the landing stages on both banks."
    ),
    (
        "Residents of the northern villages said the decision would add an hour to their journeys to the "
        "market town, and several asked the council to delay the closure until a bridge is built."
    ),
    (
        "The council's transport officer, Mara Ellison, said the landing stages had failed two inspections "
        "and that the ferry could not run safely through another winter without major work."
    ),
    (
        "A public meeting on the future of the crossing will be held at the village hall next month, and "
        "the council has promised to publish the inspection reports before then."
    ),
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ferry crossing to close | The Valley Courier</title>
<meta property="og:title" content="Ferry crossing to close after forty years">
<meta property="og:site_name" content="The Valley Courier">
<meta name="author" content="Jane Doe and John Roe">
<meta property="article:published_time" content="2021-03-04T09:30:00+00:00">
<link rel="canonical" href="https://courier.example.org/news/ferry-crossing-to-close">
<style>body {{ color: black; }} .hidden-style-text {{ }}</style>
<script>var trackingSecret = "script text is not page text";</script>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Local news</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
<div class="promo">Subscribe today for unlimited access</div>
<div style="display:none">Hidden promotional banner text</div>
<article>
<h1>Ferry crossing to close after forty years</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<div id="comments" class="comments-content">
<div class="comment"><p>This is a terrible decision for everyone who lives north of the river and works in town.</p></div>
<div class="comment"><p>The bridge has been promised for twenty years; I will believe it when I see it built.</p></div>
</div>
<footer><p>Copyright 2021 The Valley Courier. All rights reserved.</p><p>Contact the newsroom at news@courier.example.org</p></footer>
<script>console.log("more script");</script>
</body>
</html>"""


@pytest.fixture(scope="module")
def page_draft():
    data = PAGE.encode("utf-8")
    return draft_from_html(
        data,
        source="ferry.html",
        raw=data,
        url="https://courier.example.org/news/ferry-crossing-to-close?utm=x",
    )


def test_body_is_the_article_in_paragraphs(page_draft):
    assert page_draft.reader == "html"
    assert page_draft.markup == "body"
    for paragraph in PARAGRAPHS:
        assert paragraph in page_draft.text.split("\n\n")
    assert "Subscribe today" not in page_draft.text
    assert "Copyright 2021" not in page_draft.text
    assert "terrible decision" not in page_draft.text


def test_comments_come_back_apart_in_order(page_draft):
    texts = [c.text for c in page_draft.comments]
    assert [c.position for c in page_draft.comments] == list(range(1, len(texts) + 1))
    assert any("terrible decision" in t for t in texts)
    assert any("bridge has been promised" in t for t in texts)
    first = next(i for i, t in enumerate(texts) if "terrible decision" in t)
    second = next(i for i, t in enumerate(texts) if "bridge has been promised" in t)
    assert first < second
    assert all(c.author is None and c.posted is None for c in page_draft.comments)


def test_fields_with_provenance(page_draft):
    fields = page_draft.fields
    assert fields["title"].value.startswith("Ferry crossing to close")
    assert fields["title"].source == "html meta"
    assert fields["authors"].value == ["Jane Doe", "John Roe"]
    assert fields["published"].value == "2021-03-04T09:30:00+00:00"  # the time from the meta tag
    assert fields["published"].source == "html meta"
    assert fields["outlet"].value == "The Valley Courier"
    assert fields["outlet"].source == "html meta"
    assert fields["url"].value == "https://courier.example.org/news/ferry-crossing-to-close"
    assert fields["url"].source == "html meta"
    assert page_draft.metadata["given_url"].endswith("?utm=x")
    assert fields["language"].value == "en"
    assert 'lang="en-GB"' in fields["language"].evidence


def test_removed_blocks_audit_what_was_left_out(page_draft):
    removed = {r.text: r for r in page_draft.removed}
    assert all(r.reason == "html-outside-main" for r in page_draft.removed)
    assert removed["Subscribe today for unlimited access"].detail == "div"
    assert removed["Local news"].detail == "li"
    assert removed["Copyright 2021 The Valley Courier. All rights reserved."].detail == "p"
    everything = " ".join(removed)
    assert (
        "script text" not in everything
        and "console.log" not in everything
        and "color: black" not in everything
    )
    assert "Hidden promotional banner" not in everything
    for paragraph in PARAGRAPHS:
        assert paragraph not in removed
    assert not any("terrible decision" in t for t in removed)
    assert all(t.strip() for t in removed)


def test_removed_blocks_are_capped():
    items = "".join(
        f"<li><a href='/s{i}'>Section number {i}</a></li>" for i in range(MAX_REMOVED_BLOCKS + 200)
    )
    page = f"<html><body><ul>{items}</ul><article>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>"
    draft = draft_from_html(page, source="menu.html", raw=page.encode())
    assert len(draft.removed) == MAX_REMOVED_BLOCKS


def test_text_blocks_split_at_nested_blocks_and_skip_silent_elements():
    root = lxml_html.fromstring(
        "<html><body><div>before <b>bold</b><p>inside <i>p</i></p>after<script>x=1</script></div>"
        "<span hidden>hidden</span><td>cell</td></body></html>"
    )
    assert list(text_blocks(root)) == [
        ("div", "before bold"),
        ("p", "inside p"),
        ("div", "after"),
        ("td", "cell"),
    ]


def test_date_from_the_url_is_attributed_to_the_url():
    page = f"<html><body><article>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>"
    draft = draft_from_html(
        page, source="x.html", raw=page.encode(), url="https://example.net/2020/05/17/ferry-story"
    )
    assert draft.fields["published"].value == "2020-05-17"
    assert draft.fields["published"].source == "url pattern"
    assert draft.fields["url"].value == "https://example.net/2020/05/17/ferry-story"
    assert draft.fields["url"].source == "input"


def test_meta_charset_is_honoured_for_legacy_bytes():
    text = (
        "<html><head><meta charset='windows-1252'></head><body><article>"
        + "".join(f"<p>Le café “naïve” — {p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    data = text.encode("cp1252")
    draft = draft_from_html(data, source="legacy.html", raw=data)
    assert "Le café “naïve” —" in draft.text
    assert draft.raw == data


def test_latin1_label_decodes_as_windows_1252():
    data = (
        "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><p>“quoted” café</p>".encode(
            "cp1252"
        )
    )
    assert "“quoted” café" in decode_html(data, "x")


def test_valid_utf8_wins_over_a_stale_declaration():
    data = "<meta charset='iso-8859-1'><p>Zürich – café</p>".encode()
    assert "Zürich – café" in decode_html(data, "x")


def test_read_uses_the_http_charset_and_url():
    text = (
        "<html><body><article>"
        + "".join(f"<p>Ærøskøbing: {p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    raw = RawInput(
        "https://example.dk/a",
        text.encode("iso-8859-1"),
        "text/html; charset=ISO-8859-1",
        "https://example.dk/a",
    )
    (draft,) = list(read(raw))
    assert "Ærøskøbing" in draft.text
    assert draft.fields["url"].value == "https://example.dk/a"


@pytest.mark.parametrize(
    "page, reason",
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"<html><body></body></html>", "no-text"),
        (b"<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>", "no-text"),
    ],
)
def test_pages_without_text_raise(page, reason):
    with pytest.raises(InputError) as info:
        draft_from_html(page, source="blank.html", raw=page)
    assert info.value.reason == reason
    assert info.value.source == "blank.html"


@pytest.mark.parametrize(
    "given, names",
    [
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, John Roe & Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("Doe, Jane", ["Doe, Jane"]),
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),
        (["Jane Doe", {"name": "John Roe"}, "Jane Doe"], ["Jane Doe", "John Roe"]),
        ("", []),
        (None, []),
    ],
)
def test_split_authors(given, names):
    assert split_authors(given) == names


# ---------------------------------------------------------------------------------------------- real pages


def _shingles(text: str) -> Counter:
    words = re.findall(r"\w+", text)
    return Counter(tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3)))


@pytest.mark.shared
@pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval/article-extraction is not present")
def test_real_pages_overlap_the_gold_body():
    truth = json.loads((GOLD / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for page_id in sorted(truth)[:12]:
        data = gzip.decompress((GOLD / "html" / f"{page_id}.html.gz").read_bytes())
        draft = draft_from_html(data, source=page_id, raw=data, url=truth[page_id]["url"])
        gold, ours = _shingles(truth[page_id]["articleBody"]), _shingles(draft.text)
        common = sum((gold & ours).values())
        precision, recall = common / sum(ours.values()), common / sum(gold.values())
        scores.append(2 * precision * recall / (precision + recall) if common else 0.0)
        assert draft.removed, page_id  # a real page always has furniture outside the article
    assert sum(scores) / len(scores) > 0.9, scores
    assert sorted(scores)[len(scores) // 2] > 0.95, scores


def test_dates_in_url_paths():
    from newsprism.ingest.dates import dates_in_url

    assert dates_in_url("https://example.net/2020/05/17/ferry-story") == [("2020/05/17", "2020-05-17")]
    assert dates_in_url("https://example.net/news/2019-11-05-storm.html") == [("2019-11-05", "2019-11-05")]
    assert dates_in_url("https://example.net/a/20191105-storm") == [("20191105", "2019-11-05")]
    # a story id glued to the date, up to the next separator
    assert dates_in_url("https://example.net/20191105123456-storm")[0][1] == "2019-11-05"
    # not dates: an impossible day, a number that only starts like one, the host name
    assert dates_in_url("https://example.net/2019/02/30/x") == []
    assert dates_in_url("https://example.net/story/1201911051") == []
    assert dates_in_url("https://2019-11-05.example.net/x") == []


@pytest.mark.parametrize("nav", ["<a href='/'>Home</a>", "<ul><li><a href='/in'>Sign in</a></li><li><a href='/reg'>Register</a></li></ul>"])
def test_a_page_holding_only_a_navigation_fragment_is_skipped(nav):
    page = f"<html><body>{nav}</body></html>"
    with pytest.raises(InputError) as err:
        draft_from_html(page, source="nav.html", raw=page.encode())
    assert err.value.reason == "no-text" and "nav.html" in str(err.value)


def test_a_short_page_with_a_sentence_is_kept():
    page = "<html><body><article><p>Earthquake hits the capital.</p></article></body></html>"
    draft = draft_from_html(page, source="flash.html", raw=page.encode())
    assert draft.text == "Earthquake hits the capital."
