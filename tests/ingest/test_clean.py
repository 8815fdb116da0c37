"""Cleaning on small hand-made inputs: each rule, and the cases where a rule must NOT fire."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.clean import clean
from newsprism.ingest.draft import Draft

LONG = "The minister said the new rules would apply to every port in the country from next spring onward."


def cleaned(text: str, markup: str = "export"):
    draft = Draft(source="t", reader="text", raw=text.encode(), text=text, markup=markup)
    c = clean(draft)
    body, links = c.assemble()
    return draft, c, body, links


def test_markdown_links_keep_text_and_offsets():
    _, c, body, links = cleaned(f"Title\n\n{LONG} See [the report](https://example.org/r) and \\$5 fees.")
    assert "[" not in body and "$5 fees" in body
    (link,) = links
    assert body[link.start : link.end] == "the report" and link.url == "https://example.org/r"


def test_hard_wrapped_paragraphs_are_rejoined():
    para = "Word " + ("word " * 60).strip() + "."
    wrapped = "\n".join(para[i : i + 70] for i in range(0, len(para), 70))
    _, c, body, _ = cleaned(f"Headline here\n\n{wrapped}\n\n{wrapped}\n\n{wrapped}")
    assert len(c.paragraphs) == 3 and "\n" not in c.paragraphs[0].text


def test_sentence_ending_paragraphs_are_not_joined():
    _, c, _, _ = cleaned(f"Headline\n\n{LONG}\n\n{LONG}\n\nA subheading\n\n{LONG}")
    assert len(c.paragraphs) == 4
    assert not [r for r in c.removed if r.reason == "paragraph-break"]


def test_lowercase_continuation_is_joined_and_audited():
    _, c, body, _ = cleaned(f"Headline\n\nThe committee will publish its findings on the harbour dispute after\n\nthe summer recess ends.")
    assert "after the summer recess" in body
    assert [r.reason for r in c.removed].count("paragraph-break") == 1


def test_body_markup_reads_no_header():
    draft, c, body, _ = cleaned(f"Short first line\n\n{LONG}", markup="body")
    assert body.startswith("Short first line") and "title" not in draft.fields


def test_caption_alt_text_only_when_it_repeats_the_caption():
    text = (
        "Headline\n\nA firefighter sprays water on a burning warehouse in the port district on June 2, 2021.\n\n"
        "Firefighters tackle the warehouse blaze in the port district. Jo Lee/Getty Images hide caption\n\n"
        f"{LONG}\n\nAn unrelated sentence about budgets and schools that stands alone here.\n\n"
        "Police officers at the scene. Sam Ray/AFP hide caption\n\n" + LONG
    )
    _, c, body, _ = cleaned(text)
    assert "burning warehouse" not in body and "hide caption" not in body
    assert "unrelated sentence about budgets" in body  # shares no words with its caption: kept


def test_says_comment_format():
    text = (
        f"Headline\n\n{LONG}\n\n2 Comments\n\nmarta_k says:\nMarch 3, 2024 at 10:15 am\nThis is overdue.\n\nReply\n\n"
        "Tomás says:\nMarch 4, 2024\nI disagree with the minister."
    )
    _, c, body, _ = cleaned(text)
    assert body == LONG
    assert [(x.author, x.posted, x.text) for x in c.comments] == [
        ("marta_k", "2024-03-03T10:15:00", "This is overdue."),
        ("Tomás", "2024-03-04", "I disagree with the minister."),
    ]
    assert any(r.reason == "comment-widget" and r.text == "Reply" for r in c.removed)


def test_news_sentences_that_look_like_furniture_are_kept():
    keep = [
        "Related talks between the two ministries broke down on Friday, officials said.",
        "Copyright law was at the centre of the dispute, the court heard on Monday.",
        "Share prices fell sharply after the announcement, traders said.",
        "Download speeds in rural areas remain far below the national average, the report found.",
    ]
    _, _, body, _ = cleaned("Headline\n\n" + "\n\n".join(keep))
    for line in keep:
        assert line in body


def test_normalisation_changes_no_words():
    _, c, body, _ = cleaned("Headline\n\nThe\u00a0mayor   said ``yes''\u200b to the plan on Monday afternoon at city hall.")
    assert body == "The mayor said “yes” to the plan on Monday afternoon at city hall."
    assert c.normalised > 0


WORDS = st.sampled_from(
    ["the", "mayor", "said", "Share", "this", "Photo:", "caption", "hide", "toggle", "By", "Ana", "Ruiz", "2021",
     "**", "_", "#", "Advertisement", "<", ">", "|", "Next", "Monday", "into", "port", ".", ",", "Subscribe", "now"]
)
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=14).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(LINES, st.sampled_from(["export", "body"]))
def test_property_every_word_survives_somewhere(lines, markup):
    text = "\n\n".join(lines)
    draft, c, body, _ = cleaned(text, markup)
    kept = " ".join([body] + [r.text for r in c.removed] + [f"{x.title} {x.author} {x.text}" for x in c.comments])
    for word in text.split():
        core = word.strip("*_#")
        if core:
            assert core in kept, (core, text)


def test_control_characters_are_dropped_and_form_feeds_break_paragraphs():
    _, _, body, _ = cleaned(f"Headline\n\n{LONG}\x0c{LONG}\x00\x07")
    assert body == f"{LONG}\n\n{LONG}"


def test_repeated_headline_kicker_and_update_line_are_cut_from_extracted_bodies():
    draft = Draft(source="t", reader="html", raw=b"x", markup="body",
                  text=f"Port strike\n\nDockers walk out over pay\n\n· Updated 18:05\n\n{LONG}")
    draft.offer("title", "Dockers walk out over pay", "html meta", 0.9)
    c = clean(draft)
    assert c.assemble()[0] == LONG
    assert [r.reason for r in c.removed] == ["kicker", "title-repeat", "dateline"]


def test_a_leading_date_line_is_a_date_not_a_title():
    draft, c, body, _ = cleaned(f"10 February 2011\n\n# Council backs the harbour plan\n\nBy Ana Ruiz\n\n{LONG}")
    assert draft.fields["published"].value == "2011-02-10"
    assert draft.fields["title"].value == "Council backs the harbour plan"
    assert draft.fields["authors"].value == ["Ana Ruiz"]
    assert body == LONG


def test_the_quick_boilerplate_test_finds_what_trying_every_pattern_finds():
    from newsprism.ingest import clean as cleaning

    rules = cleaning._rules()
    lines = [
        "Hide caption", "toggle caption", "Photo: Ana Ruiz/Harbor Daily", "Skip to main content",
        "Share this article", "Follow us on Facebook", "The views expressed in this column are the author's own.",
        "Copyright 2021 Harbor Daily", "All rights reserved.", "Click here to subscribe", "Advertisement",
        "The council met on Monday and voted to close the port.", "Comments are closed", "keep our community civil",
        "• Read more: the strike in numbers", "Story continues below advertisement", "",
    ]
    plain = list(rules)  # a list is not the lexicon's own rules object: every pattern is tried
    assert [cleaning._classify(t, rules) for t in lines] == [cleaning._classify(t, plain) for t in lines]
    assert sum(cleaning._classify(t, rules) is not None for t in lines) >= 10
