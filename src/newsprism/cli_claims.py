"""CLI commands over what articles claim: ``figures`` (aligned across outlets) and ``claims`` (causal).

Each command calls one Corpus method (``newsprism.api``) and only formats what it returns.
"""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from .cli_common import DB_HELP, _open, out
from .cli_quotes import _short
from .views.figures import aligned_groups
from .views.figures import format_scope as _scope
from .views.figures import format_value as _value


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--about", help="Only figures about this (an entity name or alias, or words of what is counted).")
@click.option("--conflicts", is_flag=True, help="Only figures in groups that do not agree (differ or conflict).")
@click.option("--outlet", help="Only figures in this outlet's articles.")
@click.option("--doc", "doc_id", help="Only this document (id or prefix).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the export format).")
def figures(db: str | None, about: str | None, conflicts: bool, outlet: str | None, doc_id: str | None, as_json: bool) -> None:
    """Figures (money, deaths, troops, percentages, ...) aligned across outlets: agree, differ or conflict.

    \b
    Examples:
      newsprism figures --db news.db --about "Merida Initiative"
      newsprism figures --db news.db --conflicts
    """
    with _open(db) as corpus:
        rows = corpus.figures(about=about, conflicts=conflicts, outlet=outlet, doc_id=doc_id)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    groups = aligned_groups(rows)
    for g in groups:
        title = f"{g['status']}: {len(g['rows'])} figures" + (f" ({g['reason']})" if g["reason"] else "")
        table = Table(title=escape(title), title_justify="left")
        for col in ("reported", "outlet", "figure", "counted", "scope", "speaker", "as written"):
            table.add_column(col, overflow="fold")
        for r in g["rows"]:
            table.add_row(
                (r.get("published") or "")[:10], escape(r.get("outlet") or ""), escape(_value(r)),
                escape(_short((r.get("counted") or {}).get("text"), 60)), _scope(r), escape(r.get("speaker_name") or ""),
                escape(_short(r["text"], 60)),
            )
        out.print(table)
    singles = [r for r in rows if not r["group"]]
    if singles:
        table = Table(title=f"{len(singles)} figures reported once", title_justify="left")
        for col in ("document", "outlet", "figure", "counted", "scope", "speaker"):
            table.add_column(col, overflow="fold")
        for r in singles:
            table.add_row(
                r["document"][:12], escape(r.get("outlet") or ""), escape(_value(r)),
                escape(_short((r.get("counted") or {}).get("text"), 80)), _scope(r), escape(r.get("speaker_name") or ""),
            )
        out.print(table)
    if not rows:
        out.print("no figures" + (" in groups that do not agree" if conflicts else ""))


@click.command()
@click.option("--db", envvar="NEWSPRISM_DB", help=DB_HELP)
@click.option("--causal", is_flag=True, help="Causal claims (the only kind so far; accepted for clarity).")
@click.option("--speaker", help="Only claims made inside this speaker's quotes.")
@click.option("--outlet", help="Only claims in this outlet's articles.")
@click.option("--doc", "doc_id", help="Only this document (id or prefix).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the export format).")
def claims(db: str | None, causal: bool, speaker: str | None, outlet: str | None, doc_id: str | None, as_json: bool) -> None:
    """Causal claims: what the articles (or the people they quote) say causes, fuels or prevents what.

    \b
    Example:
      newsprism claims --db news.db --causal --speaker Obrador
    """
    with _open(db) as corpus:
        rows = corpus.claims(speaker=speaker, outlet=outlet, doc_id=doc_id)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} causal claims", title_justify="left")
    for col in ("document", "outlet", "cause", "signal", "effect", "speaker", "group"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            r["document"][:12], escape(r.get("outlet") or ""), escape(_short((r.get("cause") or {}).get("text"), 80)),
            escape((r.get("signal") or {}).get("text") or ""), escape(_short((r.get("effect") or {}).get("text"), 80)),
            escape(r.get("speaker_name") or ""), r.get("group") or "",
        )
    out.print(table)


COMMANDS = (figures, claims)
