"""The HTML report: escaping, self-containment and what it shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsprism.records import Article, Comment, Link, Provenance, Removed
from newsprism.report import Section, render_report

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
EVIL = f"{SCRIPT} {IMG}"


def make_article(**overrides) -> Article:
    values = dict(
        id="0f3a9c",
        source="examples/talkback.txt",
        reader="text",
        body="Gunmen ambushed a convoy on Tuesday.\n\nThe ministry said nine were killed.",
        title="Mirovel Ambush: Who Is Paying?",
        authors=("Maren Oakhurst",),
        published="2024-03-16",
        published_source="dateline",
        published_confidence=0.9,
        outlet="Talkback",
        url="https://talkback.example/2024/3/16/mirovel",
        fields={"title": Provenance("Mirovel Ambush: Who Is Paying?", "title line", 0.9, "first line")},
        comments=(
            Comment(1, "They always find money.", author="harbourwatcher", posted="2024-03-16T16:41:18"),
        ),
        removed=(
            Removed("< Harbour Ferry Fares Rise Again | Weekend Open Thread >", "navigation", "prev/next"),
        ),
    )
    values.update(overrides)
    return Article(**values)


def tags(html: str) -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def test_article_text_is_escaped_everywhere():
    evil = make_article(
        id=EVIL,
        title=EVIL,
        body=f"Before {EVIL}\n\nafter",
        authors=(EVIL,),
        outlet=EVIL,
        url="javascript:alert(3)",
        source=EVIL,
        language=EVIL,
        published=EVIL,
        published_source=EVIL,
        fields={EVIL: Provenance(EVIL, EVIL, 0.5, EVIL)},
        comments=(Comment(1, EVIL, author=EVIL, posted=EVIL, title=EVIL),),
        removed=(Removed(EVIL, EVIL, EVIL),),
        links=(Link(0, 6, EVIL, "javascript:alert(4)"),),
        metadata={EVIL: EVIL},
        duplicate_of=EVIL,
    )
    html = render_report(
        [evil],
        title=EVIL,
        runs=[{EVIL: EVIL}],
        skips=[{"source": EVIL, "reason": EVIL, "message": EVIL}],
    )
    assert SCRIPT not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parsed = tags(html)
    assert not [t for t, _ in parsed if t in ("script", "img", "iframe", "object", "embed")]
    for _tag, attrs in parsed:
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")


def test_self_contained():
    html = render_report([make_article(links=(Link(0, 6, "Gunmen", "https://example.org/page"),))])
    assert 'src="http' not in html
    assert "<link" not in html
    assert "<script" not in html
    assert "@import" not in html and "url(" not in html
    assert not [t for t, _ in tags(html) if t in ("img", "iframe", "object", "embed", "link", "script")]
    # the only external hrefs are plain links a reader may click, never loaded
    assert 'href="https://example.org/page"' in html


def test_counts_and_tables():
    articles = [
        make_article(),
        make_article(
            id="b2",
            outlet="Meridian Wire",
            title="At least 12 killed",
            published="2024-03-12T14:05:00Z",
            comments=(),
            removed=(),
        ),
        make_article(
            id="c3",
            outlet="Northern Voice",
            title="Twelve dead",
            published="2024-02-13",
            duplicate_of="b2",
            similarity=0.84,
            comments=(),
            removed=(),
        ),
    ]
    html = render_report(articles, title="Corvenia coverage")
    text = re.sub(r"\s+", " ", html)
    assert "<title>Corvenia coverage</title>" in html
    assert "<strong>3</strong> documents" in text
    assert "<strong>3</strong> outlets" in text
    assert "<strong>1</strong> reader comments" in text
    assert "<strong>1</strong> removed blocks" in text
    assert "<strong>1</strong> near-duplicates" in text
    for outlet in ("Talkback", "Meridian Wire", "Northern Voice"):
        assert outlet in html
    assert "2024-02" in html and "2024-03" in html  # by-month bars
    assert "width:100.0%" in html and "width:50.0%" in html
    assert 'href="#doc-b2"' in html  # duplicate-of links to the original
    assert "0.84" in html
    assert "harbourwatcher" in html and "They always find money." in html


def test_inferred_date_badge_and_removed_reasons():
    html = render_report(
        [
            make_article(
                published="2024-03-16",
                published_source="inferred",
                published_confidence=0.4,
                removed=(
                    Removed("< Prev | Next >", "navigation", "prev/next line"),
                    Removed("To contact the newsroom visit:", "footer", "contact footer"),
                ),
            ),
            make_article(id="sure", published_source="html meta", published_confidence=0.95, removed=()),
        ]
    )
    assert html.count('class="badge warn"') >= 1
    assert "inferred 0.40" in html
    assert "navigation" in html and "prev/next line" in html
    assert "footer" in html and "contact footer" in html
    assert "&lt; Prev | Next &gt;" in html


def test_undated_and_untitled_articles():
    html = render_report([make_article(published=None, published_source=None, title=None, outlet=None)])
    assert "undated" in html
    assert "(untitled)" in html
    assert "(unknown outlet)" in html


def test_empty_corpus_renders():
    html = render_report([])
    assert html.startswith("<!DOCTYPE html>")
    assert "No documents yet." in html
    assert "<strong>0</strong> documents" in re.sub(r"\s+", " ", html)
    assert "No inputs were skipped." in html


def test_sections_runs_and_skips():
    html = render_report(
        [make_article()],
        runs=[{"run": 1, "started": "2024-03-16T10:00:00", "inputs": 5, "documents": 4}],
        skips=[{"source": "bad.bin", "reason": "binary", "message": "not a text file"}],
        sections=[Section("timeline", "Timeline", "<ol><li>Tuesday: ambush</li></ol>")],
    )
    assert '<section id="timeline">' in html
    assert "<ol><li>Tuesday: ambush</li></ol>" in html  # trusted, pre-escaped fragment
    assert 'href="#timeline"' in html
    assert "started" in html and "2024-03-16T10:00:00" in html
    assert "bad.bin" in html and "binary" in html and "not a text file" in html


def test_well_formed():
    stack: list[str] = []
    errors: list[str] = []
    void = {"meta", "br", "input", "img", "hr", "link", "wbr"}

    class Check(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in void:
                stack.append(tag)

        def handle_endtag(self, tag):
            if stack and stack[-1] == tag:
                stack.pop()
            else:
                errors.append(tag)

    Check().feed(render_report([make_article(), make_article(id="x", published=None)], sections=[]))
    assert errors == [] and stack == []
