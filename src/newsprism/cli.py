"""The command line: a thin layer over ``newsprism.api``. Every command calls one Corpus method.

Exit codes: 0 done; 1 nothing could be ingested; 2 bad usage; 3 --strict and something was skipped;
4 a store or configuration problem (the message says how to fix it).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from .api import EXPORTS
from .cli_common import DB_HELP, EXIT_NOTHING, EXIT_STRICT, _fail, _open, err, out
from .errors import NewsprismError, NotFound


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsprism")
def main() -> None:
    """newsprism: turn a pile of news articles into one source-attributed picture of the story.

    \b
    Start with:
      newsprism ingest articles/ feed.xml https://example.org/a.html --db news.db
      newsprism docs --db news.db
      newsprism report --db news.db -o report.html
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--strict", is_flag=True, help="Exit with status 3 when any input was skipped.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or per-input lines, only the summary.")
@click.option("--batch-size", type=int, help="Documents parsed per batch (repeated-line detection works per batch).")
@click.option("--analyse/--no-analyse", "analyse", default=None, help="Run the analysis stages and entity linking after ingest (default: on).")
@click.option("--model", help="spaCy model for the analysis: sm (default) or md.")
@click.option("--processes", type=int, help="Worker processes for spaCy parsing.")
def ingest(
    inputs: tuple[str, ...],
    db: str | None,
    strict: bool,
    as_json: bool,
    quiet: bool,
    batch_size: int | None,
    analyse: bool | None,
    model: str | None,
    processes: int | None,
) -> None:
    """Read articles from files, folders, globs, URLs or - (stdin) into the store.

    Text and markdown exports, HTML pages, JSON / JSON Lines, CSV, WARC(.gz) and RSS/Atom feeds are
    recognised by their content. Re-ingesting the same input changes nothing.

    \b
    Example:
      newsprism ingest ~/articles/ https://example.org/a.html feed.xml dump.warc.gz --db news.db

    New documents then go through the analysis (time expressions, entities, places) and the entity
    linker, unless --no-analyse; `newsprism analyse` runs it later.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    corpus = _open(db, batch_size=batch_size, analyse=analyse, model=model, processes=processes)
    counts = {"new": 0, "dup": 0, "same": 0, "skip": 0}
    show_progress = not quiet and err.is_terminal
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_progress,
    )
    task = progress.add_task("reading")
    analysis_progress = analysis_listener(progress, task, quiet)

    def listener(event: str, payload: Any) -> None:
        if event == "document":
            counts["dup" if payload.duplicate_of else "new"] += 1
        elif event == "unchanged":
            counts["same"] += 1
        elif event == "skip":
            counts["skip"] += 1
            if not quiet:
                progress.console.print(f"[yellow]skipped[/yellow] {escape(payload.line())}")
        elif event in ("total", "advance", "failed"):
            analysis_progress(event, payload)
            return
        description = (
            f"{counts['new']} new, {counts['dup']} near-duplicates, {counts['same']} unchanged, {counts['skip']} skipped"
        )
        if event == "input":
            description += f"  [dim]{escape(str(payload)[-60:])}[/dim]"
        progress.update(task, description=description)

    try:
        with progress:
            report = corpus.ingest(list(inputs), listener=listener)
    except NewsprismError as exc:
        _fail(exc)
    finally:
        corpus.close()
    if as_json:
        analysis = {"analysis": report.analysis.counts()} if report.analysis is not None else {}
        click.echo(json.dumps({"run": report.run_id, **report.counts(), **analysis}, ensure_ascii=False))
    else:
        _print_summary(report)
        if report.analysis is not None:
            print_analysis(report.analysis)
    if not report.ok:
        sys.exit(EXIT_NOTHING)
    if strict and report.skipped:
        sys.exit(EXIT_STRICT)


def _print_summary(report) -> None:
    table = Table(title="ingest summary", show_header=False, title_justify="left")
    table.add_row("inputs read", str(report.inputs))
    table.add_row("documents ingested", str(report.ingested))
    table.add_row("  of which near-duplicates", str(report.duplicates))
    table.add_row("already in the store", str(report.unchanged))
    table.add_row("skipped", str(len(report.skipped)))
    for reason, n in sorted(report.by_reason.items()):
        table.add_row(f"  {reason}", str(n))
    err.print(table)


@main.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--outlet", help="Only documents from this outlet.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
def docs(db: str | None, outlet: str | None, as_json: bool) -> None:
    """List documents: id, outlet, date, title, words, comments.

    \b
    Example:
      newsprism docs --db news.db --outlet NPR
    """
    with _open(db) as corpus:
        rows = corpus.summaries(outlet=outlet)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} documents", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("outlet", max_width=22, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("title", ratio=1, min_width=24, overflow="fold")
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("cmts", justify="right", no_wrap=True)
    table.add_column("dup of", no_wrap=True, max_width=8)
    for r in rows:
        date = r["published"][:10] if r["published"] else "unknown"
        if r["published"] and (r["published_confidence"] or 0) < 0.6:
            date += " ~"
        table.add_row(
            r["id"],
            escape(r["outlet"] or "unknown"),
            date,
            escape(r["title"] or "(no title)"),
            str(r["words"]),
            str(r["comments"]),
            (r["duplicate_of"] or "")[:8],
        )
    out.print(table)
    if any(r["published"] and (r["published_confidence"] or 0) < 0.6 for r in rows):
        out.print("~ the date is inferred, not stated; `newsprism show ID` says how")


@main.command()
@click.argument("doc_id")
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="The whole record as JSON (the export format).")
@click.option("--raw", is_flag=True, help="Print the exact input bytes the document was read from.")
def show(doc_id: str, db: str | None, as_json: bool, raw: bool) -> None:
    """Show one document: clean body, metadata with where each field came from, removed blocks with
    reasons, reader comments.

    \b
    Example:
      newsprism show 3f2a9c1e --db news.db
    """
    from .export import document_row

    with _open(db) as corpus:
        try:
            article = corpus.document(doc_id)
            data = corpus.raw(article.id) if raw else None
        except NotFound as exc:
            _fail(exc, EXIT_NOTHING)
    if raw:
        if data is None:
            _fail(NotFound(f"the raw input of {article.id} was not stored (too large); it was read from {article.source}"), EXIT_NOTHING)
        sys.stdout.buffer.write(data)
        return
    if as_json:
        click.echo(json.dumps(document_row(article), ensure_ascii=False, indent=2))
        return
    _print_article(article)


def _print_article(a) -> None:
    out.rule(f"[bold]{escape(a.title or '(no title)')}[/bold]")
    meta = Table(show_header=True, title="metadata", title_justify="left")
    for col in ("field", "value", "source", "confidence", "evidence"):
        meta.add_column(col, overflow="fold")
    meta.add_row("id", a.id, "content hash", "", a.raw_sha256[:16] + "…")
    meta.add_row("input", escape(a.source), a.reader, "", f"{a.raw_size} bytes")
    for name in ("title", "authors", "published", "outlet", "url", "language"):
        p = a.fields.get(name)
        if p is None:
            meta.add_row(name, "unknown", "", "", "")
            continue
        value = ", ".join(p.value) if isinstance(p.value, list) else str(p.value)
        meta.add_row(name, escape(value or "(none stated)"), p.source, f"{p.confidence:.2f}", escape(p.evidence))
    if a.duplicate_of:
        meta.add_row("duplicate of", a.duplicate_of, "minhash", f"{a.similarity:.2f}", "")
    for key, value in a.metadata.items():
        meta.add_row(escape(key), escape(json.dumps(value, ensure_ascii=False)[:200]), "input" if a.reader in {"jsonl", "csv", "feed"} else "", "", "")
    out.print(meta)
    out.rule("body")
    out.print(escape(a.body))
    if a.removed:
        out.rule(f"removed ({len(a.removed)})")
        for r in a.removed:
            text = r.text.replace("\n", "⏎")
            out.print(f"[yellow]{escape(r.reason)}[/yellow] {escape(text[:300])} [dim]{escape(r.detail[:120])}[/dim]")
    if a.comments:
        out.rule(f"reader comments ({len(a.comments)})")
        for c in a.comments:
            head = " · ".join(filter(None, [f"#{c.position}", c.author, c.posted or c.raw_posted, c.title]))
            out.print(f"[bold]{escape(head)}[/bold]")
            out.print(escape(c.text))
    if a.links:
        out.rule(f"links ({len(a.links)})")
        for link in a.links:
            out.print(f"{escape(link.text)} → {escape(link.url)}")


@main.command()
@click.option("--what", default="documents", show_default=True, type=click.Choice(sorted(EXPORTS)), help="Record kind.")
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl", "csv", "parquet"]))
@click.option("-o", "--output", help="Output file (default: standard output; parquet needs a file).")
@click.option("--outlet", help="Only documents from this outlet.")
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
def export(what: str, fmt: str, output: str | None, outlet: str | None, db: str | None) -> None:
    """Export records in an open format (documented in docs/export-format.md).

    \b
    Example:
      newsprism export --what documents --format csv --db news.db -o documents.csv
    """
    if fmt == "parquet" and output in (None, "-"):
        raise click.UsageError("parquet is binary: give a file with -o")
    with _open(db) as corpus:
        try:
            n = corpus.export(what, fmt, output, outlet=outlet)
        except (ValueError, OSError) as exc:
            _fail(exc, EXIT_NOTHING)
    if output not in (None, "-"):
        err.print(f"wrote {n} {what} to {output}")


@main.command()
@click.option("-o", "--output", default="report.html", show_default=True, help="The HTML file to write.")
@click.option("--title", default="newsprism report", show_default=True)
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
def report(output: str, title: str, db: str | None) -> None:
    """Write one self-contained HTML report (no network needed to view it).

    \b
    Example:
      newsprism report --db news.db -o report.html
    """
    with _open(db) as corpus:
        try:
            corpus.report(output, title=title)
        except OSError as exc:
            _fail(exc, EXIT_NOTHING)
        n = len(corpus)
    err.print(f"wrote {output} ({n} documents)")


@main.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--skips", "show_skips", is_flag=True, help="List the inputs skipped in the latest run, with reasons.")
def runs(db: str | None, show_skips: bool) -> None:
    """Ingest history: when each run started and finished and what it counted.

    \b
    Example:
      newsprism runs --db news.db --skips
    """
    with _open(db) as corpus:
        history = corpus.runs()
        skips = corpus.skips(history[0]["id"]) if show_skips and history else []
    table = Table(title="ingest runs", title_justify="left")
    for col in ("run", "started", "finished", "counts"):
        table.add_column(col, overflow="fold")
    for r in history:
        table.add_row(str(r["id"]), r["started"], r["finished"] or "(interrupted)", json.dumps(r["counts"] or {}))
    out.print(table)
    for s in skips:
        out.print(f"[yellow]{escape(s['reason'])}[/yellow] {escape(s['source'])}: {escape(s['message'])}")


@main.command()
def config() -> None:
    """Show every setting, its value here, and how to change it (newsprism.toml, NEWSPRISM_* variables)."""
    from . import settings

    values = settings.load()
    table = Table(title="settings", title_justify="left")
    for col in ("name", "value", "environment", "help"):
        table.add_column(col, overflow="fold")
    for name, _default, env, help_text in settings.describe():
        table.add_row(name, str(values[name]), env, help_text)
    out.print(table)


from .cli_analysis import COMMANDS, analysis_listener, print_analysis
from .cli_claims import COMMANDS as CLAIM_COMMANDS
from .cli_quotes import COMMANDS as QUOTE_COMMANDS

for _command in (*COMMANDS, *QUOTE_COMMANDS, *CLAIM_COMMANDS):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
