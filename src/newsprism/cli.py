"""The ``newsprism`` command line (Typer + rich)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsprism.archive import DEFAULT_DB, Archive
from newsprism.corpus import cluster_stories, detect_reuse
from newsprism.export import write_export
from newsprism.ingest import IngestReport, ingest
from newsprism.models import Article, ReadError
from newsprism.readers import DEFAULT_MAX_BYTES
from newsprism.speech import STATEMENT_GRANULARITY, analyse_archive, speech_sections

app = typer.Typer(
    help="Read one news story across many outlets: ingest a pile of articles into a clean archive, "
         "then analyse and export it.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, easy to grep

DbOption = Annotated[str, typer.Option(
    "--db", envvar="NEWSPRISM_DB",
    help="Archive: a SQLite file path, or a database URL such as postgresql://user@host/db.")]
PathsArgument = Annotated[list[str], typer.Argument(
    help="Files, directories (read recursively), glob patterns, or - for standard input.",
    show_default=False)]
WorkersOption = Annotated[Optional[int], typer.Option(
    "--workers", "-w", min=1, help="Processes that build articles (default: one per core).")]
MaxSizeOption = Annotated[float, typer.Option(
    "--max-size", min=0.001, help="Largest single article to accept, in MB.")]
GranularityOption = Annotated[str, typer.Option(
    "--granularity", "-g",
    help="What counts as one story. event: one happening over a few days (a phone call, an attack). "
         "story: one developing situation over weeks (talks on a crisis). "
         "topic: a long-running subject over months or years (a war).")]
ThresholdOption = Annotated[Optional[float], typer.Option(
    "--threshold", min=0.0, max=1.0,
    help="Least similarity for an article to join a story (default: the granularity's own); "
         "a new value re-clusters that granularity from scratch.")]


def _open(db: str) -> Archive:
    try:
        return Archive(db)
    except Exception as error:  # a bad URL or an unreachable server: say so, no traceback
        err.print(f"[red]error:[/] cannot open the archive {db!r}: {error}\n"
                  "Check --db (a file path, or a URL like postgresql://user:pass@host/db).")
        raise typer.Exit(2) from None


def _run_ingest(paths: list[str], archive: Archive, workers: int | None, max_size: float) -> IngestReport:
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("items"), TimeElapsedColumn(),
                        console=err, transient=True)

    def on_item(item) -> None:
        progress.advance(task)
        if isinstance(item, ReadError):
            colour, word = ("yellow", "skipped") if item.skipped else ("red", "failed")
            progress.console.print(f"[{colour}]{word}[/] {item.source}: {item.reason}", highlight=False)

    with progress:
        task = progress.add_task("ingest", total=None)
        report = ingest(paths, archive, workers=workers, max_bytes=int(max_size * 1e6), on_item=on_item)
    err.print(f"[bold]{report.ingested}[/] ingested, {report.already_stored} already stored, "
              f"{len(report.skipped)} skipped, [{'red' if report.failed else 'green'}]"
              f"{len(report.failed)} failed[/]")
    return report


@app.command(name="ingest", epilog="Example: `newsprism ingest articles/ crawl.warc.gz extra.jsonl --db story.db`")
def ingest_command(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / 1e6,
) -> None:
    """Read articles (plain text, HTML, JSON/JSONL, WARC, gzipped or not), clean them and store
    them. Re-running on the same input adds nothing; exits 1 if any item failed."""
    with _open(db) as archive:
        report = _run_ingest(paths, archive, workers, max_size)
    raise typer.Exit(0 if report.ok else 1)



@app.command(name="list", epilog="Example: `newsprism list --outlet sputnik --db story.db`")
def list_command(
    db: DbOption = DEFAULT_DB,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet (id or name).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many articles.")] = None,
) -> None:
    """List stored articles: id, outlet, date, title and size, oldest first."""
    with _open(db) as archive:
        _print_articles(list(archive.articles(outlet=outlet, limit=limit)))


@app.command(epilog="Example: `newsprism show 7b656c1c --db story.db` (any unique id prefix), "
                    "`newsprism show story-s0`")
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id or a unique prefix of one.")],
    db: DbOption = DEFAULT_DB,
    removed: Annotated[bool, typer.Option("--removed/--no-removed", help="Also list removed lines.")] = True,
) -> None:
    """Show one article (metadata, clean text, the lines cleaning removed with why) or one story
    (its articles with outlets and dates)."""
    with _open(db) as archive:
        story = next((s for s in archive.stories() if s["id"] == article_id), None)
        if story:
            _print_story(story, archive)
            return
        article = archive.article(article_id)
        if article is None:
            err.print(f"[red]error:[/] no article or story with id {article_id!r} (or the prefix is "
                      "ambiguous); `newsprism list` and `newsprism stories` show the ids.")
            raise typer.Exit(1)
        seen_at = archive.sources_of(article.id)
    out.rule(f"[bold]{article.title or '(no title)'}")
    out.print(f"id: {article.id}\noutlet: {article.outlet.name if article.outlet else '-'}\n"
              f"published: {_date(article)}\nlanguage: {article.language or '-'}\n"
              f"url: {article.url or '-'}\nsources: {', '.join(seen_at)}", highlight=False)
    out.rule()
    out.print(article.text, highlight=False)
    if removed and article.removed:
        out.rule(f"removed ({len(article.removed)} lines)")
        for line in article.removed:
            out.print(f"[dim]{line.reason:>22}[/]  {line.text[:100]}", highlight=False)


@app.command(epilog="Example: `newsprism export --json story.json --db story.db` (`--json -` for stdout)")
def export(
    json_path: Annotated[str, typer.Option("--json", help="Where to write the JSON export (- for stdout).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the whole archive as one JSON document (format: docs/export.md)."""
    with _open(db) as archive:
        count = _write_json(archive, json_path)
    err.print(f"exported {count} articles to {json_path}")


@app.command(epilog="Example: `newsprism analyze ../shared/corpora/idlib-2020 --json idlib.json --db idlib.db`")
def analyze(
    paths: PathsArgument,
    json_path: Annotated[Optional[str], typer.Option("--json", help="Also write the JSON export here.")] = None,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / 1e6,
    granularity: GranularityOption = "story",
    threshold: ThresholdOption = None,
) -> None:
    """Run every stage on PATHS: ingest into the archive, find copies and reused passages, group
    the articles into stories, find quotes, speakers and statements; then print what the
    analysis found and optionally write the export. Exits 1 if any item failed."""
    with _open(db) as archive:
        report = _run_ingest(paths, archive, workers, max_size)
        stored = list(archive.articles())
        _print_articles(stored)
        _print_summary(stored)
        with err.status("finding copies and reused passages..."):
            detect_reuse(archive, workers=workers or 1)
        _print_reuse(archive.reuse_findings(), {a.id: a for a in stored})
        with err.status("grouping articles into stories..."):
            found = _cluster(archive, granularity, threshold)
        _print_stories(found, {a.id: a for a in stored})
        if granularity != STATEMENT_GRANULARITY:
            _cluster(archive, STATEMENT_GRANULARITY, None)  # statements are grouped within stories
        sections = _who_said_what(archive, workers)
        _print_speakers(sections, {a.id: a for a in stored})
        if json_path:
            count = _write_json(archive, json_path)
            err.print(f"exported {count} articles to {json_path}")
    raise typer.Exit(0 if report.ok else 1)


@app.command(epilog="Example: `newsprism reuse --db story.db`")
def reuse(
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
) -> None:
    """Find exact copies, near-copies (trimmed, re-headlined, edited) and passages shared between
    otherwise different articles. Only articles not checked before are checked, against all."""
    with _open(db) as archive:
        with err.status("finding copies and reused passages..."):
            run = detect_reuse(archive, workers=workers or 1)
        err.print(f"checked {run.checked} new articles: {len(run.findings)} new findings")
        _print_reuse(archive.reuse_findings(), {a.id: a for a in archive.articles()})


@app.command(epilog="Example: `newsprism cluster --granularity event --db story.db`")
def cluster(
    db: DbOption = DEFAULT_DB,
    granularity: GranularityOption = "story",
    threshold: ThresholdOption = None,
) -> None:
    """Group articles into stories. New articles join the stories already stored or start new
    ones; nothing stored is re-clustered (unless --threshold changes)."""
    with _open(db) as archive:
        found = _cluster(archive, granularity, threshold)
        _print_stories(found, {a.id: a for a in archive.articles()})


@app.command(name="stories", epilog="Example: `newsprism stories --granularity story --db story.db`")
def stories_command(
    db: DbOption = DEFAULT_DB,
    granularity: Annotated[Optional[str], typer.Option(
        "--granularity", "-g", help="Only this granularity (event, story, topic).")] = None,
) -> None:
    """List the stories found by `newsprism cluster` (or `analyze`): title, dates, outlets."""
    with _open(db) as archive:
        found = archive.stories(granularity)
        if not found:
            err.print("no stories yet: run `newsprism cluster` (or `newsprism analyze`) first")
        _print_stories(found, {a.id: a for a in archive.articles()})


@app.command(epilog="Example: `newsprism quotes --speaker Lavrov --db story.db`, "
                    "`newsprism quotes --story story-s0`")
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(
        help="Only this speaker: any part of a name or alias (Erdogan, the Turkish president).")] = None,
    story: Annotated[Optional[str], typer.Option(help="Only quotes from the articles of this story id.")] = None,
    workers: WorkersOption = None,
) -> None:
    """Who said what: every statement grouped by speaker, with each outlet's wording side by side
    and the outlet that published it first. Finds the quotes of articles not analysed yet first."""
    with _open(db) as archive:
        if story and not any(s["id"] == story for s in archive.stories()):
            err.print(f"[red]error:[/] no story {story!r}; `newsprism stories` lists the ids "
                      "(run `newsprism cluster` first if it lists none).")
            raise typer.Exit(1)
        if archive.articles_without_story(STATEMENT_GRANULARITY):
            _cluster(archive, STATEMENT_GRANULARITY, None)
        sections = _who_said_what(archive, workers)
        by_id = {a.id: a for a in archive.articles()}
        in_story = next((set(s["articles"]) for s in archive.stories() if s["id"] == story), None)
    shown = _print_speakers(sections, by_id, speaker=speaker, articles=in_story, full=True)
    if not shown:
        err.print("no quotes" + (f" by a speaker matching {speaker!r}" if speaker else "")
                  + (f" in {story}" if story else "") + ".")


def _who_said_what(archive: Archive, workers: int | None) -> dict[str, list[dict]]:
    """Analyse the articles not analysed yet (with a progress bar), then resolve speakers and
    group statements; returns the export's entities, quotes and statements."""
    progress = Progress(SpinnerColumn(), TextColumn("[bold]finding quotes and speakers"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn(),
                        console=err, transient=True)
    with progress:
        task = progress.add_task("quotes", total=None)
        run = analyse_archive(archive, workers=workers or os.cpu_count() or 1, on_article=lambda _: progress.advance(task))
    for article, reason in run.failed:
        err.print(f"[red]failed[/] quotes of article {article}: {reason}", highlight=False)
    with err.status("resolving speakers and grouping statements..."):
        return speech_sections(archive)


def _cluster(archive: Archive, granularity: str, threshold: float | None) -> list[dict]:
    try:
        return cluster_stories(archive, granularity, threshold)
    except ValueError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None


def _write_json(archive: Archive, json_path: str) -> int:
    if json_path == "-":
        return write_export(archive, sys.stdout)
    path = Path(json_path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as stream:
        count = write_export(archive, stream)
    os.replace(tmp, path)  # never leave a half-written export behind
    return count


def _date(article: Article) -> str:
    if not article.published:
        return "-"
    return f"~{article.published} (inferred)" if article.published_inferred else article.published


def _print_articles(articles: list[Article]) -> None:
    table = Table(title=f"{len(articles)} articles", show_lines=False, expand=False)
    for name, style in (("id", "dim"), ("outlet", "cyan"), ("published", ""), ("title", "bold"),
                        ("words", ""), ("removed", "dim")):
        # Only the title wraps; ids and dates stay whole so they can be copied.
        table.add_column(name, style=style or None, overflow="fold", no_wrap=name != "title",
                         ratio=1 if name == "title" else None)
    for a in articles:
        table.add_row(a.id[:10], a.outlet.name if a.outlet else "-", _date(a), a.title or "-",
                      str(len(a.text.split())), str(len(a.removed)))
    out.print(table)


def _label(article: Article | None, article_id: str) -> str:
    if article is None:
        return article_id[:10]
    return f"{article.outlet.name if article.outlet else '?'}: {(article.title or article_id)[:60]}"


def _print_reuse(findings: list[dict], by_id: dict[str, Article]) -> None:
    if not findings:
        out.print("[bold]reuse:[/] no copies or shared passages found")
        return
    table = Table(title=f"{len(findings)} copies and reused passages")
    for name in ("kind", "similarity", "article", "article", "passages"):
        table.add_column(name, overflow="fold")
    for f in findings:
        a, b = f["articles"]
        table.add_row(f["kind"].replace("_", " "), f"{f['similarity']:.2f}", _label(by_id.get(a), a),
                      _label(by_id.get(b), b), str(len(f["passages"])))
    out.print(table)
    for f in findings:
        if f["kind"] == "shared_passages":
            a, b = f["articles"]
            out.print(f"[bold]{len(f['passages'])} passages shared by {a[:10]} and {b[:10]}:[/]")
            for p in f["passages"]:
                out.print(f"  - {p['a'][:110]}{'...' if len(p['a']) > 110 else ''}", highlight=False)


def _print_stories(found: list[dict], by_id: dict[str, Article]) -> None:
    table = Table(title=f"{len(found)} stories")
    for name in ("id", "title", "articles", "outlets", "first", "last"):
        table.add_column(name, overflow="fold", no_wrap=name in ("id", "first", "last"))
    for s in found:
        table.add_row(s["id"], s["title"], str(len(s["articles"])), ", ".join(s.get("outlets") or []) or "-",
                      (s.get("first") or "-")[:10], (s.get("last") or "-")[:10])
    out.print(table)


def _print_story(story: dict, archive: Archive) -> None:
    out.rule(f"[bold]{story['title']}")
    out.print(f"id: {story['id']} ({story.get('granularity', '-')})\n"
              f"dates: {story.get('first') or '-'} to {story.get('last') or '-'}\n"
              f"outlets: {', '.join(story.get('outlets') or []) or '-'}", highlight=False)
    _print_articles([a for a in (archive.article(i) for i in story["articles"]) if a])


def _print_summary(articles: list[Article]) -> None:
    outlets = sorted({a.outlet.name for a in articles if a.outlet})
    dates = sorted(a.published[:10] for a in articles if a.published)
    languages = sorted({a.language for a in articles if a.language})
    out.print(f"[bold]outlets:[/] {', '.join(outlets) or '-'}", highlight=False)
    out.print(f"[bold]dates:[/] {dates[0] + ' to ' + dates[-1] if dates else '-'}", highlight=False)
    out.print(f"[bold]languages:[/] {', '.join(languages) or '-'}", highlight=False)


def _outlet_label(article: Article | None, article_id: str) -> str:
    return article.outlet.name if article is not None and article.outlet else f"article {article_id[:8]}"


def _print_speakers(sections: dict[str, list[dict]], by_id: dict[str, Article], *, speaker: str | None = None,
                    articles: set[str] | None = None, full: bool = False) -> int:
    """Print statements grouped by speaker, one table each: a row per statement, a column per
    outlet with that outlet's words. Without ``full``, only a count per speaker and the
    statements carried by two outlets or more. Returns the number of statements printed."""
    from newsprism.entities.names import fold

    quotes = {q["id"]: q for q in sections["quotes"]}
    entities = {e["id"]: e for e in sections["entities"]}
    wanted = fold(speaker) if speaker else None
    by_speaker: dict[str, list[dict]] = {}
    for st in sections["statements"]:
        if articles is not None and not articles & set(st["articles"]):
            continue
        entity = entities.get(st["speaker_entity"] or "")
        names = [st["speaker"], *(entity["aliases"] if entity else [])]
        if wanted and not any(wanted in fold(n) for n in names):
            continue
        by_speaker.setdefault(entity["name"] if entity else st["speaker"], []).append(st)
    if not full:
        counts = ", ".join(f"{name} {sum(len(s['quotes']) for s in sts)}"
                           for name, sts in sorted(by_speaker.items(), key=lambda kv: -sum(len(s["quotes"]) for s in kv[1])))
        out.print(f"[bold]quotes by speaker:[/] {counts or '-'}", highlight=False)
        by_speaker = {k: [s for s in v if len(s["articles"]) > 1] for k, v in by_speaker.items()}
        by_speaker = {k: v for k, v in by_speaker.items() if v}
        if by_speaker:
            out.print("[bold]statements reported by more than one article:[/]")
    shown = 0
    for name, sts in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        entity = entities.get(sts[0]["speaker_entity"] or "")
        roles = f" ({', '.join(entity['roles'][:2])})" if entity and entity["roles"] else ""
        outlets: list[str] = []
        for st in sts:
            for q in st["quotes"]:
                label = _outlet_label(by_id.get(quotes[q]["article"]), quotes[q]["article"])
                if label not in outlets:
                    outlets.append(label)
        table = Table(title=f"{name}{roles}: {len(sts)} statement{'s' if len(sts) != 1 else ''}", show_lines=True, title_justify="left")
        table.add_column("first", no_wrap=True, style="dim")
        for label in outlets:
            table.add_column(label, overflow="fold", ratio=1)
        for st in sts:
            cells = {label: [] for label in outlets}
            for q in st["quotes"]:
                quote = quotes[q]
                words = quote["text"] if len(quote["text"]) <= 300 else quote["text"][:297] + "..."
                mark = "" if quote["kind"] == "direct" else f"[dim]({quote['kind']})[/] "
                cells[_outlet_label(by_id.get(quote["article"]), quote["article"])].append(
                    f"{mark}{escape(words)} [dim]({quote['cue'] or '-'})[/]")
            date = (st["first_published"] or "-")[:10] + (" (inferred)" if st["first_published_inferred"] else "")
            first = f"{_outlet_label(by_id.get(st['first_article']), st['first_article'] or '')}\n{date}"
            table.add_row(first, *("\n".join(cells[label]) for label in outlets))
            shown += 1
        out.print(table)
    return shown


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
