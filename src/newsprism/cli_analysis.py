"""CLI commands over the analysis: analyse, times, entities, entity, places, merge, split, corrections, undo.

Each command calls one Corpus method (``newsprism.api``) and only formats what it returns.
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from .cli_common import DB_HELP, EXIT_NOTHING, _fail, _open, err, out
from .errors import NewsprismError, NotFound
from .stages.registry import STAGES


def analysis_listener(progress, task, quiet: bool):
    """A listener drawing the analysis on the ingest progress bar (or on one of its own)."""
    state = {"total": 0, "done": 0}

    def listen(event: str, payload: Any) -> None:
        if event == "total":
            state["total"], state["done"] = payload, 0
        elif event == "advance":
            state["done"] += payload
        elif event == "failed" and not quiet:
            progress.console.print(f"[red]failed[/red] {escape(str(payload))}")
        progress.update(task, description=f"analysing {state['done']}/{state['total']} documents")

    return listen


def print_analysis(report) -> None:
    table = Table(title="analysis summary", show_header=False, title_justify="left")
    table.add_row("documents analysed", str(report.documents))
    for stage, n in sorted(report.records.items()):
        table.add_row(f"  {stage} records", str(n))
    if report.failed:
        table.add_row("stage failures", str(len(report.failed)))
    if report.entities is not None:
        table.add_row(f"entities ({report.linked or 'unchanged'})", str(report.entities))
    for stage, n in sorted(report.groups.items()):
        table.add_row(f"{stage} records in cross-document groups", str(n))
    err.print(table)


def _json_lines(rows) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--stage", "stages", multiple=True, type=click.Choice([s.name for s in STAGES]), help="Only this stage (repeatable); the stages it reads are added.")
@click.option("--force", is_flag=True, help="Re-run the stages on every document, not only those behind.")
@click.option("--model", help="spaCy model: sm (default) or md.")
@click.option("--processes", type=int, help="Worker processes for spaCy parsing.")
@click.option("--relink", is_flag=True, help="Link every mention again from scratch (after changing the aliases file).")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False), help="YAML file of entity aliases ({canonical: [alias, ...]}).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def analyse(
    stages: tuple[str, ...],
    force: bool,
    model: str | None,
    processes: int | None,
    relink: bool,
    aliases: str | None,
    as_json: bool,
    db: str | None,
) -> None:
    """Run the analysis stages on stored documents that are behind on them, then link entities.

    Documents already analysed by the same stage version and model are left alone, so an interrupted
    run resumes where it stopped.

    \b
    Example:
      newsprism analyse --db news.db --model md --processes 2
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("analysing")
    with _open(db, model=model, processes=processes, aliases=aliases) as corpus:
        try:
            with progress:
                report = corpus.analyse(list(stages) or None, force=force, listener=analysis_listener(progress, task, False))
                if relink or (aliases and not report.linked):
                    report.entities, report.linked = corpus.relink()
        except NewsprismError as exc:
            _fail(exc)
    if as_json:
        click.echo(json.dumps(report.counts(), ensure_ascii=False))
    else:
        print_analysis(report)


@click.command()
@click.argument("doc_id")
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the export format).")
def times(doc_id: str, db: str | None, as_json: bool) -> None:
    """Every time expression of one document with its normalised TIMEX3 value and what it rests on.

    \b
    Example:
      newsprism times 3f2a9c1e --db news.db
    """
    with _open(db) as corpus:
        try:
            article = corpus.document(doc_id)
            refs = corpus.times(article.id)
        except NotFound as exc:
            _fail(exc, EXIT_NOTHING)
    if as_json:
        _json_lines(r.as_dict() for r in refs)
        return
    date = article.published or "no date"
    if article.published and (article.published_confidence or 0) < 0.6:
        date += f" (inferred, confidence {article.published_confidence:.2f})"
    table = Table(title=f"{len(refs)} time expressions · {escape(article.title or article.id)} · dated {date}", title_justify="left")
    for col in ("id", "text", "type", "value", "mod", "anchor", "conf", "context"):
        table.add_column(col, overflow="fold")
    for r in refs:
        context = article.body[max(0, r.start - 40) : r.end + 40].replace("\n", " ")
        table.add_row(r.id, escape(r.text), r.type, r.value, r.mod or "", r.anchor, f"{r.confidence:.2f}", escape(context))
    out.print(table)


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--type", "kind", type=click.Choice(["person", "org", "place", "group", "other"]), help="Only this type.")
@click.option("--outlet", help="Only entities this outlet mentions.")
@click.option("--limit", type=int, default=50, show_default=True, help="How many, most mentioned first (0: all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the export format).")
def entities(kind: str | None, outlet: str | None, limit: int, as_json: bool, db: str | None) -> None:
    """People, organisations, places and groups across the corpus, most mentioned first.

    \b
    Example:
      newsprism entities --db news.db --type person --outlet NPR
    """
    with _open(db) as corpus:
        rows = corpus.entities(type=kind, outlet=outlet, limit=limit or None)
    if as_json:
        _json_lines(e.as_dict() for e in rows)
        return
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    for col in ("id", "name", "type", "mentions", "outlets", "aliases", "roles"):
        table.add_column(col, overflow="fold")
    for e in rows:
        outlets = ", ".join(f"{o} {n}" for o, n in sorted(e.outlets.items(), key=lambda kv: -kv[1]))
        table.add_row(e.id, escape(e.name), e.type, str(e.mentions), escape(outlets), escape("; ".join(e.aliases[:6])), escape("; ".join(e.roles[:4])))
    out.print(table)


@click.command()
@click.argument("name_or_id")
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="The whole view as JSON.")
def entity(name_or_id: str, db: str | None, as_json: bool) -> None:
    """One entity: canonical name, aliases, roles, its mentions per outlet in their sentences, and the
    entities mentioned with it.

    \b
    Example:
      newsprism entity "Lopez Obrador" --db news.db
    """
    with _open(db) as corpus:
        try:
            view = corpus.entity(name_or_id)
        except NotFound as exc:
            _fail(exc, EXIT_NOTHING)
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False, indent=2))
        return
    e = view["entity"]
    out.rule(f"[bold]{escape(e['name'])}[/bold] · {e['type']} · {e['id']}")
    out.print(f"aliases: {escape('; '.join(e.get('aliases') or ()) or '(none)')}")
    out.print(f"roles: {escape('; '.join(e.get('roles') or ()) or '(none)')}")
    if e.get("lat") is not None:
        out.print(f"place: {e['lat']:.4f}, {e['lon']:.4f} · {e.get('admin1') or ''} {e.get('country') or ''} · GeoNames {e.get('geonames_id')}")
    if e.get("evidence"):
        out.print(f"merged because: {escape('; '.join(e['evidence'][:8]))}")
    for outlet, mentions in view["mentions"].items():
        out.rule(f"{escape(outlet)} ({len(mentions)})")
        # one line per sentence, every mention in it in bold ("... López Obrador (AMLO)")
        lines: dict[tuple[str, int, int], list[dict]] = {}
        for m in mentions:
            lines.setdefault((m["document"], m["sentence"]["start"], m["sentence"]["end"]), []).append(m)
        for group in lines.values():
            s, at, text = group[0]["sentence"], 0, ""
            for m in sorted(group, key=lambda m: m["start"]):
                i, j = max(m["start"] - s["start"], at), m["end"] - s["start"]
                text += escape(s["text"][at:i]) + "[bold]" + escape(s["text"][i:j]) + "[/bold]"
                at = max(at, j)
            text += escape(s["text"][at:])
            out.print(f"[dim]{group[0]['document'][:8]} {group[0]['published'] or ''}[/dim] {text}")
    if view["co_mentioned"]:
        out.rule("mentioned with")
        out.print(", ".join(f"{escape(c['name'])} ({c['documents']})" for c in view["co_mentioned"]))


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def places(db: str | None, as_json: bool) -> None:
    """Resolved places across the corpus: coordinates, country, region, GeoNames id, and notes where the
    text contradicts the gazetteer.

    \b
    Example:
      newsprism places --db news.db
    """
    with _open(db) as corpus:
        rows = corpus.entities(type="place")
        notes: dict[str, set[str]] = {}
        for p in corpus.places():
            for note in p.notes:
                notes.setdefault(p.name, set()).add(note)
    if as_json:
        _json_lines({**e.as_dict(), "notes": sorted(notes.get(e.name, ()))} for e in rows)
        return
    table = Table(title=f"{len(rows)} places", title_justify="left")
    for col in ("name", "country", "region", "lat, lon", "geonames", "mentions", "notes"):
        table.add_column(col, overflow="fold")
    for e in rows:
        where = f"{e.lat:.3f}, {e.lon:.3f}" if e.lat is not None else ""
        table.add_row(escape(e.name), e.country or "", escape(e.admin1 or ""), where, str(e.geonames_id or ""), str(e.mentions), escape("; ".join(sorted(notes.get(e.name, ())))))
    out.print(table)


@click.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
def merge(names: tuple[str, ...], db: str | None) -> None:
    """Merge entities (ids or names) into one. The correction is kept and replayed on every re-run;
    `newsprism undo ID` takes it back.

    \b
    Example:
      newsprism merge "Lopez Obrador" AMLO --db news.db
    """
    if len(names) < 2:
        raise click.UsageError("give at least two entities to merge")
    with _open(db) as corpus:
        try:
            result = corpus.merge(*names)
        except (NotFound, ValueError) as exc:
            _fail(exc, EXIT_NOTHING)
    err.print(f"correction {result['correction']}: merged into {escape(result['name'])} ({result['entity']}); {result['entities']} entities")


@click.command()
@click.argument("entity_name")
@click.argument("names", nargs=-1, required=True)
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
def split(entity_name: str, names: tuple[str, ...], db: str | None) -> None:
    """Split surface names out of an entity into an entity of their own. Kept across re-runs.

    \b
    Example:
      newsprism split "Joaquin Guzman" "Ovidio Guzman" --db news.db
    """
    with _open(db) as corpus:
        try:
            result = corpus.split(entity_name, *names)
        except (NotFound, ValueError) as exc:
            _fail(exc, EXIT_NOTHING)
    err.print(f"correction {result['correction']}: split {escape(', '.join(names))} out; {result['entities']} entities")


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--all", "show_all", is_flag=True, help="Include corrections that were undone.")
def corrections(db: str | None, show_all: bool) -> None:
    """The merges and splits users made, in order (replayed on every linking).

    \b
    Example:
      newsprism corrections --db news.db
    """
    with _open(db) as corpus:
        rows = corpus.corrections(include_undone=show_all)
    table = Table(title=f"{len(rows)} corrections", title_justify="left")
    for col in ("id", "kind", "what", "created", "undone"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(str(r["id"]), r["kind"], escape(json.dumps(r["data"], ensure_ascii=False)), r["created"], r["undone"] or "")
    out.print(table)


@click.command()
@click.argument("correction_id", type=int)
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
def undo(correction_id: int, db: str | None) -> None:
    """Undo a merge or split (it stays listed, marked undone) and relink.

    \b
    Example:
      newsprism undo 3 --db news.db
    """
    with _open(db) as corpus:
        try:
            result = corpus.undo(correction_id)
        except NotFound as exc:
            _fail(exc, EXIT_NOTHING)
    err.print(f"undid correction {correction_id}; {result['entities']} entities")


COMMANDS = (analyse, times, entities, entity, places, merge, split, corrections, undo)
