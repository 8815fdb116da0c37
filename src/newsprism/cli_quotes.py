"""CLI commands over the quotes: ``quotes`` (statements with their speakers) and ``speakers`` (who is quoted).

Each command calls one Corpus method (``newsprism.api``) and only formats what it returns.
"""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from .cli_common import DB_HELP, _open, out


def _short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _speaker_cell(row: dict) -> str:
    sp = row.get("speaker") or {}
    if not sp:
        return "(no speaker found)"
    name = sp.get("name") or sp.get("description") or sp.get("text") or "?"
    bits = [name]
    if sp.get("role"):
        bits.append(f"({sp['role']})")
    if sp.get("anonymous"):
        bits.append("[anonymous]")
    if sp.get("text") and sp.get("text") != name:
        bits.append(f"as “{sp['text']}”")
    return " ".join(bits)


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--speaker", help="Only statements by this speaker (a name, an alias or words of the source).")
@click.option("--outlet", help="Only statements in this outlet's articles.")
@click.option("--anonymous", "anonymous", flag_value=True, default=None, help="Only unnamed sources.")
@click.option("--named", "anonymous", flag_value=False, help="Only named sources.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "post"]), help="Only this kind.")
@click.option("--doc", "doc_id", help="Only this document (id or prefix).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the export format).")
def quotes(
    db: str | None, speaker: str | None, outlet: str | None, anonymous: bool | None, kind: str | None,
    doc_id: str | None, as_json: bool,
) -> None:
    """Statements (direct quotes, reported speech, quoted posts) with their cue and speaker.

    \b
    Examples:
      newsprism quotes --db news.db --speaker Napolitano
      newsprism quotes --db news.db --outlet NPR --anonymous
    """
    with _open(db) as corpus:
        rows = corpus.quotes(speaker=speaker, outlet=outlet, anonymous=anonymous, kind=kind, doc_id=doc_id)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} statements", title_justify="left")
    for col in ("document", "outlet", "kind", "speaker", "cue", "statement", "group"):
        table.add_column(col, overflow="fold")
    for row in rows:
        cue = (row.get("cue") or {}).get("text") or ""
        where = row["document"][:12] + (f" comment {row['comment']}" if row["in_comment"] else "")
        group = f"{row['group']} ({row['group_status']})" if row.get("group") else ""
        table.add_row(
            where, escape(row.get("outlet") or ""), row["kind"], escape(_speaker_cell(row)), escape(cue),
            escape(_short(row["text"])), group,
        )
    out.print(table)


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--outlet", help="Only statements in this outlet's articles.")
@click.option("--anonymous", "anonymous", flag_value=True, default=None, help="Only unnamed sources.")
@click.option("--named", "anonymous", flag_value=False, help="Only named sources.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def speakers(db: str | None, outlet: str | None, anonymous: bool | None, as_json: bool) -> None:
    """Who is quoted, how often, by which outlets, named or anonymous (reader comments left out).

    \b
    Example:
      newsprism speakers --db news.db
    """
    with _open(db) as corpus:
        rows = corpus.speakers(outlet=outlet, anonymous=anonymous)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} speakers", title_justify="left")
    for col in ("speaker", "type", "anonymous", "statements", "direct", "documents", "outlets", "roles"):
        table.add_column(col, overflow="fold")
    for r in rows:
        outlets = ", ".join(f"{o} {n}" for o, n in r["outlets"].items())
        table.add_row(
            escape(r["speaker"]), r.get("type") or "", "yes" if r["anonymous"] else "", str(r["quotes"]),
            str(r["direct"]), str(r["documents"]), escape(outlets), escape("; ".join(r["roles"][:3])),
        )
    out.print(table)


COMMANDS = (quotes, speakers)
