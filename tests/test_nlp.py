"""nlp.py: long bodies are parsed in pieces and joined back into one Doc over the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism import nlp


@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=5, max_value=60))
@settings(max_examples=200, deadline=None)
def test_split_long_keeps_every_character_and_the_limit(text, limit):
    pieces = nlp.split_long(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])


def test_split_long_cuts_after_paragraph_breaks_first():
    text = "One two. Three four.\n\nFive six seven. Eight.\nNine ten."
    pieces = nlp.split_long(text, 30)
    assert pieces[0] == "One two. Three four.\n\n"


def test_a_long_body_is_parsed_whole_with_offsets_into_it(monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 200)
    paragraph = "Janet Napolitano visited Mexico City on Monday. She met officials there.\n\n"
    text = paragraph * 12 + "The last sentence names Joseph Westphal."
    docs = list(nlp.parse(["A short one about Ohio.", text, "Another short one."]))
    assert [d.text for d in docs] == ["A short one about Ohio.", text, "Another short one."]
    long_doc = docs[1]
    assert len(nlp.split_long(text)) > 1
    ents = [(e.text, e.start_char) for e in long_doc.ents]
    assert all(text[s : s + len(t)] == t for t, s in ents)
    assert any(t == "Joseph Westphal" for t, _ in ents)  # the tail was parsed, not clipped
    assert sum(1 for t, _ in ents if t == "Mexico City") == 12
    assert len(list(long_doc.sents)) >= 25


def test_a_blank_line_always_ends_a_sentence():
    from newsprism import nlp

    text = "He said “we need an army to defeat an army!”\n\n“The objective is peace,” the minister said."
    doc = nlp.parse_one(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[-1] == "“The objective is peace,” the minister said."
    assert nlp.model_version().endswith("+" + nlp.PIPELINE_REVISION)


def test_worker_processes_parse_as_the_main_process_does():
    from newsprism import nlp

    texts = ["He said “an army!”\n\n“The objective is peace,” Durazo said.", "Rain fell. Then it stopped."] * 2
    one = [[s.text for s in d.sents] for d in nlp.parse(texts)]
    two = [[s.text for s in d.sents] for d in nlp.parse(texts, processes=2, batch_size=1)]
    assert one == two and len(one[0]) == 2


def test_token_indexes_read_the_doc_arrays_as_a_loop_over_tokens_would():
    doc = nlp.parse_one("Smith said on Monday that the plan, according to two aides, was criticised by Jones.")
    assert nlp.token_indexes(doc, "TAG", nlp.is_verb_tag) == [t.i for t in doc if t.tag_.startswith("VB")]
    assert nlp.token_indexes(doc, "LOWER", ("according", "smith")) == [0, [t.lower_ for t in doc].index("according")]
    assert nlp.token_indexes(doc, "POS", ("PROPN",)) == [t.i for t in doc if t.pos_ == "PROPN"]
    assert nlp.token_indexes(doc, "DEP", ("nsubj", "nsubjpass")) == [t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass")]
    assert nlp.token_indexes(doc, "LOWER", ("absent",)) == nlp.token_indexes(doc, "LOWER", ()) == []
    assert nlp.token_indexes(nlp.parse_one(""), "TAG", nlp.is_verb_tag) == []
    assert nlp.token_indexes(doc, "LOWER", {"jones"}) == [len(doc) - 2]  # a plain set, read afresh each call


def test_token_indexes_follow_a_doc_whose_tokens_changed():
    doc = nlp.parse_one("Anna Lee met Bo in New York on Friday.")
    assert nlp.token_indexes(doc, "LOWER", ("friday",)) == [8]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[5:7])  # "New York" becomes one token: the cached column is stale
    assert nlp.token_indexes(doc, "LOWER", ("friday",)) == [7]


def test_the_text_kept_with_a_parsed_doc_is_the_models_own():
    texts = ["Dr. Ruiz said:\r\n\r\n“No.”  It’s 5 p.m. in São Paulo\u00a0now.\n", "", " \n ", "word"]
    for text, doc in zip(texts, nlp.parse(texts)):
        assert nlp.doc_text(doc) == doc.text == text
