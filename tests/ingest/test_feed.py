"""The feed reader: RSS 2.0, Atom and RSS 1.0 entries become Drafts with fields from the feed."""

from __future__ import annotations

import json

import pytest

from newsprism.errors import InputError
from newsprism.ingest.draft import Draft, RawInput
from newsprism.ingest.feed import looks_like_feed, read

LONG = "".join(
    f"<p>Paragraph {i}: the city's water board said the reservoir had reached its highest level in a decade "
    f"after weeks of heavy rain across the hills north of the valley.</p>"
    for i in range(4)
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Daily</title>
  <link>https://valley.example/</link>
  <language>en-us</language>
  <item>
    <title>Reservoir at decade high</title>
    <link>https://valley.example/news/reservoir</link>
    <guid isPermaLink="false">valley-1001</guid>
    <pubDate>Tue, 19 Nov 2019 10:00:00 +0100</pubDate>
    <dc:creator>Ann Lee and Bo Chen</dc:creator>
    <category>Weather</category>
    <category>Water</category>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[{LONG}]]></content:encoded>
  </item>
  <item>
    <title>Plain text item</title>
    <link>https://valley.example/news/plain</link>
    <description>A plain summary with no markup at all.</description>
  </item>
  <item>
    <title>Tiny HTML item</title>
    <description>&lt;p&gt;Just a &lt;b&gt;short&lt;/b&gt; teaser.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No text at all</title>
    <link>https://valley.example/news/empty</link>
  </item>
</channel>
</rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Bergblatt</title>
  <id>urn:uuid:feed</id>
  <updated>2020-01-02T00:00:00Z</updated>
  <entry>
    <title>Stausee voll</title>
    <link href="https://berg.example/stausee"/>
    <id>urn:uuid:entry-1</id>
    <published>2020-01-01T08:30:00+01:00</published>
    <updated>2020-01-02T09:00:00Z</updated>
    <author><name>Eva Roth</name></author>
    <author><name>Max Weber</name></author>
    <content type="html">{LONG.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
  <entry>
    <title>Nur aktualisiert</title>
    <id>urn:uuid:entry-2</id>
    <updated>2020-01-03T12:00:00Z</updated>
    <summary type="text">Ein kurzer Text ohne Auszeichnung.</summary>
  </entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old Site</title><link>https://old.example/</link></channel>
  <item rdf:about="https://old.example/1"><title>One</title><link>https://old.example/1</link>
    <description>Old style item text.</description></item>
</rdf:RDF>"""


def test_rss_entries():
    out = list(read(RawInput("valley.xml", RSS.encode())))
    assert [type(x).__name__ for x in out] == ["Draft", "Draft", "Draft", "InputError"]
    first, plain, tiny, empty = out
    assert first.source == "valley.xml#entry=1" and first.reader == "feed" and first.markup == "body"
    assert "Paragraph 2: the city's water board" in first.text
    assert "Short teaser" not in first.text  # the full content wins over the description
    f = first.fields
    assert f["title"].value == "Reservoir at decade high" and f["title"].source == "feed"
    assert f["authors"].value == ["Ann Lee", "Bo Chen"]
    assert f["published"].value == "2019-11-19T10:00:00+01:00"
    assert f["url"].value == "https://valley.example/news/reservoir"
    assert f["outlet"].value == "Valley Daily" and f["outlet"].confidence == 0.6
    assert f["language"].value == "en"
    assert first.metadata == {"id": "valley-1001", "tags": ["Weather", "Water"]}
    assert json.loads(first.raw)["id"] == "valley-1001"

    assert plain.text == "A plain summary with no markup at all." and plain.markup == "body"
    assert tiny.text == "Just a short teaser."
    assert tiny.fields["title"].value == "Tiny HTML item"
    assert "url" not in tiny.fields
    assert empty.reason == "no-text" and empty.source == "valley.xml#entry=4"


def test_entries_with_same_text_have_different_raw():
    rss = RSS.replace("<title>Plain text item</title>", "<title>Other</title>")
    out = [d for d in read(RawInput("v.xml", rss.encode())) if isinstance(d, Draft)]
    assert len({d.raw for d in out}) == len(out)


def test_atom_entries():
    first, second = list(read(RawInput("berg.atom", ATOM.encode())))
    assert "Paragraph 1" in first.text
    assert first.fields["authors"].value == ["Eva Roth", "Max Weber"]
    assert first.fields["published"].value == "2020-01-01T08:30:00+01:00"
    assert first.fields["published"].confidence == 0.9
    assert first.fields["url"].value == "https://berg.example/stausee"
    assert first.fields["outlet"].value == "Bergblatt"
    assert first.fields["language"].value == "de"
    assert first.metadata["id"] == "urn:uuid:entry-1"
    assert second.text == "Ein kurzer Text ohne Auszeichnung."
    assert second.fields["published"].value.startswith("2020-01-03T12:00:00")
    assert second.fields["published"].confidence < 0.9  # only an update time


def test_rss1_rdf():
    (draft,) = list(read(RawInput("old.rdf", RDF.encode())))
    assert draft.text == "Old style item text."
    assert draft.fields["outlet"].value == "Old Site"


def test_feed_without_entries_raises_empty_feed():
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    with pytest.raises(InputError) as info:
        list(read(RawInput("quiet.xml", data)))
    assert info.value.reason == "empty-feed"


def test_not_a_feed_raises():
    with pytest.raises(InputError) as info:
        list(read(RawInput("junk.xml", b"this is <not a feed")))
    assert info.value.reason == "malformed"


@pytest.mark.parametrize(
    "text, expected",
    [
        (RSS, True),
        (ATOM, True),
        (RDF, True),
        ('<feed xmlns="http://purl.org/atom/ns#">', True),
        ("<!DOCTYPE html><html><body><p>An article about the RSS feed format.</p></body></html>", False),
        ("<feed><entry>no namespace</entry></feed>", False),
        ('{"rss": "<rss"}', False),
        ("plain text", False),
    ],
)
def test_looks_like_feed(text, expected):
    assert looks_like_feed(text) is expected
