"""The analysis run over a store: stages after ingest, resume, re-runs, failures, linking, corrections, views."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsprism
from newsprism.records import Mention
from newsprism.stages import registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

STORY = (
    "# Port strike spreads\n\n**Ines Halvorsen**\n\n9 November 2021\n\n"
    "Dockworkers in Rotterdam walked out on Monday, a day after talks with the port authority collapsed. "
    "Union leader Pieter Vandermeer said the strike would last until Friday. "
    "\"We are not going back,\" Vandermeer said. The Port of Rotterdam Authority said last month that "
    "wages had risen for three years in a row.\n\n"
    "In Antwerp, Belgian dockers voted to join the action, according to the union."
)


@pytest.fixture
def corpus(tmp_path):
    with newsprism.open(tmp_path / "a.db") as opened:
        yield opened


def _story(tmp_path: Path, name: str = "strike.md", text: str = STORY) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_runs_the_stages_and_links(corpus, tmp_path):
    report = corpus.ingest(_story(tmp_path))
    assert report.analysis is not None and report.analysis.documents == 1
    assert report.analysis.records["times"] >= 3 and report.analysis.records["entities"] >= 4
    (article,) = corpus.documents()
    times = {t.text: t for t in corpus.times(article.id)}
    assert times["Monday"].value == "2021-11-08" and times["Monday"].anchor == "document_date"
    assert times["last month"].value == "2021-10"
    for record in [*corpus.times(), *corpus.mentions(), *corpus.places()]:
        assert article.body[record.start : record.end] == record.text
    vandermeer = corpus.entity("Vandermeer")
    assert vandermeer["entity"]["name"] == "Pieter Vandermeer" and vandermeer["entity"]["type"] == "person"
    assert sum(len(v) for v in vandermeer["mentions"].values()) == 2
    places = {p.text: p for p in corpus.places()}
    assert places["Rotterdam"].country == "NL" and places["Antwerp"].country == "BE"


def test_a_street_is_mapped_at_its_town_as_an_approximate_place(corpus, tmp_path):
    text = (
        "# Fire closes a street\n\n12 March 2021\n\n"
        "Firefighters closed Maple Grove Avenue in Toledo on Friday after a fire broke out in a warehouse. "
        "Residents of Maple Grove Avenue were told to keep their windows shut, said fire chief Anna Berg."
    )
    corpus.ingest(_story(tmp_path, "fire.md", text))
    places = {}
    for p in corpus.places():
        places.setdefault(p.text, []).append(p)
    (toledo,) = places["Toledo"]
    assert toledo.feature == "city" and toledo.geonames_id is not None
    assert len(places["Maple Grove Avenue"]) == 2
    for street in places["Maple Grove Avenue"]:
        assert (street.feature, street.geonames_id, street.lat, street.lon) == ("local", None, toledo.lat, toledo.lon)
        assert street.confidence < toledo.confidence and "Toledo" in street.notes[0]
    # the entity takes the approximate point, so the map can draw it
    entity = corpus.entity("Maple Grove Avenue")["entity"]
    assert (entity["lat"], entity["lon"], entity["geonames_id"]) == (toledo.lat, toledo.lon, None)


def test_analysis_resumes_and_reruns_only_what_is_behind(corpus, tmp_path):
    corpus.settings["analyse"] = False
    corpus.ingest([_story(tmp_path), _story(tmp_path, "b.md", STORY.replace("Monday", "Tuesday"))])
    assert corpus.times() == []
    first = corpus.analyse(["times"])  # as if a run stopped after one stage
    assert first.documents == 2 and set(first.records) == {"times"} and first.entities is None
    rest = corpus.analyse()
    assert rest.documents == 2 and "times" not in rest.records and rest.linked == "rebuilt"
    assert corpus.analyse().documents == 0  # nothing behind: nothing runs
    forced = corpus.analyse(["places"], force=True)  # places reads entities: both re-run
    assert forced.documents == 2 and set(forced.records) <= {"entities", "places"}
    assert forced.linked == "incremental"


def test_a_failing_stage_is_counted_and_keeps_the_old_records(corpus, tmp_path, monkeypatch):
    corpus.ingest(_story(tmp_path))
    before = corpus.mentions()
    assert before

    def broken(article, doc, ctx):
        raise RuntimeError("boom")

    from newsprism.stages import entities as entities_stage

    monkeypatch.setattr(entities_stage, "STAGE", f"entities@{entities_stage.VERSION + 1}")
    assert registry.stage("entities").version == entities_stage.VERSION + 1
    monkeypatch.setattr(registry.Stage, "runner", lambda self: broken if self.name == "entities" else _real(self))
    report = corpus.analyse(["entities"])
    assert len(report.failed) == 1 and "stage entities failed: RuntimeError: boom" in report.failed[0][2]
    assert corpus.mentions() == before


def _real(stage):
    from importlib import import_module

    return import_module(f"newsprism.stages.{stage.module}").run


def test_new_documents_link_incrementally_to_known_entities(corpus, tmp_path):
    corpus.ingest(_story(tmp_path))
    later = "# Strike ends\n\n10 December 2021\n\nPieter Vandermeer called off the strike on Thursday in Rotterdam."
    report = corpus.ingest(_story(tmp_path, "later.md", later))
    assert report.analysis.linked == "incremental"
    view = corpus.entity("Pieter Vandermeer")
    assert sum(len(v) for v in view["mentions"].values()) == 3
    fresh = corpus.relink()
    assert fresh[1] == "rebuilt"
    assert sum(len(v) for v in corpus.entity("Pieter Vandermeer")["mentions"].values()) == 3


@pytest.mark.parametrize("cap", [100_000, 3])
def test_linking_and_grouping_from_the_runs_own_records_equal_a_rebuild_from_the_store(
    corpus, tmp_path, monkeypatch, cap
):
    from newsprism import analysis

    monkeypatch.setattr(analysis, "FRESH_RECORDS", cap)  # 3: past the cap the run reads the store back
    later = (
        "# Strike spreads to Antwerp\n\n10 November 2021\n\n"
        '"We are not going back," Pieter Vandermeer said in Rotterdam on Wednesday. Dockers in Antwerp '
        "walked out after talks with the port authority collapsed, the union said. More than 4,000 "
        "dockworkers have now joined the strike."
    )
    corpus.ingest([_story(tmp_path), _story(tmp_path, "later.md", later)])
    kinds = ("quotes", "figures", "claims")
    linked = (corpus.store.entities(), sorted(corpus.store.entity_links()))
    grouped = {kind: corpus.store.groups(kind) for kind in kinds}
    assert grouped["quotes"]  # the same quotation in both stories is a group
    corpus.relink()
    corpus.regroup()
    assert (corpus.store.entities(), sorted(corpus.store.entity_links())) == linked
    assert {kind: corpus.store.groups(kind) for kind in kinds} == grouped
    assert sum(len(v) for v in corpus.entity("Pieter Vandermeer")["mentions"].values()) == 3


def test_merge_split_and_undo_survive_relinking(corpus, tmp_path):
    corpus.ingest(_story(tmp_path))
    names = {e.name for e in corpus.entities()}
    assert {"Rotterdam", "Antwerp"} <= names
    merged = corpus.merge("Rotterdam", "Antwerp")
    assert merged["correction"] == 1
    assert len({corpus.entity("Rotterdam")["entity"]["id"], corpus.entity("Antwerp")["entity"]["id"]}) == 1
    corpus.relink()  # replayed from the store
    assert corpus.entity("Rotterdam")["entity"]["id"] == corpus.entity("Antwerp")["entity"]["id"]
    corpus.undo(merged["correction"])
    assert corpus.entity("Rotterdam")["entity"]["id"] != corpus.entity("Antwerp")["entity"]["id"]
    assert corpus.corrections() == [] and corpus.corrections(include_undone=True)[0]["undone"]


def test_exports_of_the_analysis_kinds(corpus, tmp_path):
    corpus.ingest(_story(tmp_path))
    (article,) = corpus.documents()
    for kind in ("times", "mentions", "places", "entities"):
        out = tmp_path / f"{kind}.jsonl"
        n = corpus.export(kind, "jsonl", out)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert n == len(rows) > 0
        assert list(rows[0]) == list(newsprism.api.EXPORT_COLUMNS[kind])
        if kind != "entities":
            assert all(article.body[r["start"] : r["end"]] == r["text"] for r in rows)
        corpus.export(kind, "csv", tmp_path / f"{kind}.csv")
        corpus.export(kind, "parquet", tmp_path / f"{kind}.parquet")
    mentions = [json.loads(x) for x in (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    entity_ids = {json.loads(x)["id"] for x in (tmp_path / "entities.jsonl").read_text(encoding="utf-8").splitlines()}
    assert all(m["entity"] in entity_ids for m in mentions)


def test_report_shows_actors_map_and_times(corpus, tmp_path):
    corpus.ingest(_story(tmp_path))
    html = corpus.report(tmp_path / "r.html")
    assert 'id="actors"' in html and 'id="map"' in html and 'id="times"' in html
    assert "Pieter Vandermeer" in html and "<svg" in html and "2021-11-08" in html


def test_stage_records_are_plain_records():
    m = Mention("d", "m1", 0, 3, "Foo", "person", "Foo Bar", role="Gen.")
    assert Mention.from_dict(json.loads(json.dumps(m.as_dict()))) == m


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})


def test_cli_times_entities_entity_places(tmp_path):
    db = str(tmp_path / "c.db")
    story = _story(tmp_path)
    ingest = _cli("ingest", str(story), "--db", db, "--json")
    assert ingest.returncode == 0, ingest.stderr
    summary = json.loads(ingest.stdout)
    assert summary["analysis"]["analysed"] == 1 and summary["analysis"]["entities"] > 0
    doc_id = newsprism.open(db).summaries()[0]["id"]
    times = _cli("times", doc_id[:8], "--db", db, "--json")
    assert times.returncode == 0 and any(json.loads(x)["value"] == "2021-11-08" for x in times.stdout.splitlines())
    assert "2021-11-08" in _cli("times", doc_id[:8], "--db", db).stdout
    people = _cli("entities", "--type", "person", "--db", db, "--json")
    assert any(json.loads(x)["name"] == "Pieter Vandermeer" for x in people.stdout.splitlines())
    shown = _cli("entity", "vandermeer", "--db", db)
    assert shown.returncode == 0 and "Pieter Vandermeer" in shown.stdout and "walked out" not in shown.stderr
    assert "Rotterdam" in _cli("places", "--db", db).stdout
    missing = _cli("entity", "Nobody Atall", "--db", db)
    assert missing.returncode == 1 and "no entity" in missing.stderr and "Traceback" not in missing.stderr
    merged = _cli("merge", "Rotterdam", "Antwerp", "--db", db)
    assert merged.returncode == 0 and "correction 1" in merged.stderr
    assert "merge" in _cli("corrections", "--db", db).stdout
    assert _cli("undo", "1", "--db", db).returncode == 0
    again = _cli("analyse", "--db", db, "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["analysed"] == 0


def test_examples_corpus_analyses_without_failures(tmp_path):
    with newsprism.open(tmp_path / "e.db") as corpus:
        report = corpus.ingest(str(EXAMPLES))
        assert report.analysis.failed == [] and report.analysis.documents == report.ingested
        assert corpus.entities(type="person")


def test_a_mention_opening_a_sentence_gets_that_sentence():
    from newsprism.views.entities import sentence_around

    body = 'He said: "We will wait." Ortega said he would not ask. Later, Ortega left.'
    start = body.index("Ortega")
    s = sentence_around(body, start, start + len("Ortega"))
    assert s["text"] == "Ortega said he would not ask."
    last = body.rindex("Ortega")
    assert sentence_around(body, last, last + 6)["text"] == "Later, Ortega left."


def test_record_defaults_carry_the_current_stage_tags():
    # a record built without an explicit tag (a test's stand-in stage, a user's plug-in) must pass the
    # analysis's tag check: the defaults in records.py follow each stage's STAGE tag
    import dataclasses

    from newsprism.records import STAGE_RECORDS

    for name, cls in STAGE_RECORDS.items():
        default = next(f.default for f in dataclasses.fields(cls) if f.name == "stage")
        assert default == registry.stage(name).tag, (name, default)


def test_loaded_data_is_frozen_during_a_run_and_given_back_after(corpus, tmp_path):
    import gc

    assert gc.get_freeze_count() == 0
    seen = []

    def listener(event, value):
        if event == "advance":
            seen.append(gc.get_freeze_count())

    other = _story(tmp_path, "b.md", STORY.replace("Monday", "Sunday"))
    report = corpus.ingest([str(_story(tmp_path)), str(other)], listener=listener)
    assert report.analysis.documents == 2
    assert seen and all(n > 0 for n in seen)  # frozen while the stages ran
    assert gc.get_freeze_count() == 0  # and given back to the collector


def test_a_program_that_froze_objects_itself_keeps_them_frozen(corpus, tmp_path):
    import gc

    keep = [[] for _ in range(100)]  # objects the program froze
    gc.freeze()
    try:
        corpus.ingest([str(_story(tmp_path))])
        assert gc.get_freeze_count() >= len(keep)  # the analysis did not unfreeze them
    finally:
        gc.unfreeze()
