"""The five seed articles (../shared/corpus/seeds) ingest with the right metadata and clean bodies.

The expected values are read off each article by a person (see ../shared/corpus/README.md); nothing here is
fed back into the code: the lexicons hold no name, date or figure of these articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsprism

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not beside the repository"),
]

# Page furniture that must not survive in any body.
FURNITURE = [
    "hide caption", "toggle caption", "Playlist", "Download", "Embed", "<iframe", "NPR thanks our sponsors",
    "Become an NPR sponsor", "Support comes from", "Please keep your community civil", "Click here",
    "To contact the", "wsws.org/contact", "do not necessarily reflect", "Contribute To TalkLeft",
    "Display: Sort", "(5.00 / 1)", "(#1)", "Saturday Open Thread", "[More...]", "\\$", "**", "Published at:",
    "Author:", "Original:",
]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with newsprism.open(db) as corpus:
        report = corpus.ingest([str(SEEDS)])
        docs = {Path(a.source).name[:3]: a for a in corpus.documents()}
    assert report.ingested == 5 and not report.skipped
    return docs


def test_wsws_2011(seeds):
    a = seeds["000"]
    assert a.title == "Pentagon official: US could send troops to fight Mexican “insurgency”"
    assert a.authors == ("Bill Van Auken",)
    assert (a.published, a.published_source) == ("2011-02-10", "dateline")
    assert a.outlet == "World Socialist Web Site"
    assert a.fields["outlet"].source in {"signature", "footer link"}
    # paragraphs broken by page breaks are joined
    assert "sent “across the border” into Mexico to fight the supposed “insurgency”" in a.body
    assert "given US intelligence agencies unrestricted access" in a.body
    assert "the government's long-standing inability" in a.body
    assert sum(r.reason == "paragraph-break" for r in a.removed) == 3
    assert a.body.startswith("The second-highest civilian official")


def test_wsws_2019_plain_byline_and_footer_typo(seeds):
    a = seeds["001"]
    assert a.title == "Trump calls for US troops to wage “war” on drug cartels in Mexico"
    assert a.authors == ("Eric London",)
    assert a.published == "2019-11-06"
    # the footer misspells the outlet; its link to the outlet's own site still names it
    assert a.outlet == "World Socialist Web Site"
    assert "he should work to decrease drug consumption" in a.body
    assert "If it can happen in Santiago, it could happen anywhere" in a.body
    assert "Culiacan, Sonora" in a.body  # words are never changed, even wrong ones


def test_talkleft_comments_and_inferred_date(seeds):
    a = seeds["002"]
    assert a.title == "Report: DEA Teaming Up With Mexican Marines and Navy"
    assert a.authors == ()
    assert a.outlet == "TalkLeft"
    assert a.metadata.get("via") == "Washington Post"
    # no stated date: inferred from the earliest comment, with a low confidence and the reasoning
    assert a.published == "2010-12-04" and a.published_source == "inferred"
    assert a.published_confidence < 0.6
    assert "earliest reader comment" in a.fields["published"].evidence
    assert [c.author for c in a.comments] == ["Gerald USN Ret", "observed", "weltec2", "kdog"]
    assert [c.position for c in a.comments] == [1, 2, 3, 4]
    assert a.comments[0].posted == "2010-12-04T16:41:18-05:00"
    assert a.comments[0].title == "Mexico also has the equivalent of"
    assert a.comments[0].text.startswith("the US NAVY SEALS.")
    assert "legalize and regulate all drug sales" in a.comments[3].text
    # comments stay out of the body; the body ends with the article's last line
    assert "NAVY SEALS" not in a.body and "kdog" not in a.body
    assert a.body.rstrip().endswith("Some of the cables are printed here.")
    reasons = {r.reason for r in a.removed}
    assert {"navigation", "site-chrome", "read-more-link"} <= reasons


def test_sputnik_metadata_lines(seeds):
    a = seeds["003"]
    assert a.title.startswith("Returning to Mexican Drug War Won’t Prevent Tragedies")
    assert (a.published, a.published_source) == ("2019-11-07T01:42:27+00:00", "metadata line")
    # "Author: ****" states that there is no author: recorded as such, nothing invented
    assert a.authors == ()
    assert a.fields["authors"].value == [] and a.fields["authors"].evidence == "Author: ****"
    assert a.outlet == "Sputnik"
    assert a.url.startswith("https://sputniknews.com/analysis/201911071077240984-")
    assert a.body.startswith("Following the murder of nine US citizens")  # indented lead paragraph
    assert any(r.reason == "disclaimer" for r in a.removed)


def test_npr_captions_widgets_and_inferred_date(seeds):
    a = seeds["004"]
    assert a.title == "U.S. Military Doing 'Limited' Drug War Work In Mexico, Napolitano Says"
    assert a.outlet == "NPR" and a.fields["outlet"].source == "signature"
    assert a.body.startswith('"Our military, in certain limited ways')
    # no date stated: a dated photo caption plus "yesterday" in the text, low confidence, reasoning kept
    assert a.published == "2010-03-24" and a.published_source == "inferred"
    assert a.published_confidence < 0.5
    assert "March 23, 2010" in a.fields["published"].evidence
    captions = [r.text for r in a.removed if r.reason == "photo-caption"]
    assert any("March 23, 2010" in c for c in captions)  # the alt text went with its caption
    assert {"player-widget", "sponsor", "comment-policy", "promo"} <= {r.reason for r in a.removed}


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_furniture_and_consistent_records(seeds, key):
    a = seeds[key]
    for junk in FURNITURE:
        assert junk not in a.body, f"{junk!r} left in the body of seed {key}"
    assert a.language == "en"
    assert not re.search(r"\n{3,}", a.body) and a.body == a.body.strip()
    for link in a.links:
        assert a.body[link.start : link.end] == link.text
    assert a.raw_size == (SEEDS / Path(a.source).name).stat().st_size
