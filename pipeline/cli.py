"""Command line: `zhfacts extract`, `zhfacts eval`, `zhfacts schema`.

click gives us typed options, `--help` on every command and testable invocations.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_EXTRACTORS, SEGMENTERS, PipelineConfig
from .models import CATEGORIES


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zhfacts")
def main() -> None:
    """zhfacts: people, titles, organisations, dates, targets and quotes from Chinese news,
    as validated JSON records whose every fact points back to the exact source characters."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="JSONL file to write ('-' for stdout); with --engine dask, a folder of part-NNNNN.jsonl files.")
@click.option("--glob", "glob_", default="*.txt", show_default=True, help="File pattern inside input folders (searched recursively).")
@click.option("--only", default="", help="Comma-separated categories to output, e.g. dates,targets (their requirements still run).")
@click.option("--ref-date", default=None, help="Reference date YYYY-MM-DD for relative dates; wins over the document's own.")
@click.option("--segmenter", type=click.Choice(SEGMENTERS), default="jieba", show_default=True,
              help="jieba: dictionary words only (fast); jieba-hmm: also jieba's HMM guesses for unknown words; "
                   "pkuseg: needs --pkuseg-model; char: one token per character.")
@click.option("--pkuseg-model", default=None, help="Path or name of a spacy-pkuseg model (with --segmenter pkuseg).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--resume", is_flag=True, help="Skip documents already in OUTPUT (or its .part file) and complete it.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="With --engine dask: address of a running scheduler (default: a LocalCluster).")
@click.option("--partition-size", type=click.IntRange(min=1), default=16, show_default=True, help="Documents per Dask partition.")
@click.option("--json-dir", type=click.Path(file_okay=False), default=None, help="Also write one pretty <doc_id>.json per document here.")
@click.option("--db", "db_url", default=None, help="Also load the records into this database (see `zhfacts load`).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract(inputs: tuple[str, ...], output: str, glob_: str, only: str, ref_date: str | None, segmenter: str,
            pkuseg_model: str | None, jobs: int | None, resume: bool, engine: str, scheduler: str | None,
            partition_size: int, json_dir: str | None, db_url: str | None, quiet: bool) -> None:
    """Extract facts from files, folders (recursive), JSONL files of {"id", "text"} objects, or '-' (stdin).

    Writes one record per input document, in input order whatever -j is; a document that
    cannot be read or processed becomes a record whose `errors` say why. Output goes to
    OUTPUT.part and is renamed into place at the end, so a killed run leaves a valid prefix
    that --resume completes. Exits 1 when any document failed.
    """
    from .batch import Summary, default_jobs, run_dask, run_local
    from .ingest import iter_documents
    from .write import ResumableOutput, write_json_dir

    only_cats = tuple(c.strip() for c in only.split(",") if c.strip())
    unknown = [c for c in only_cats if c not in CATEGORIES]
    if unknown:
        raise click.BadParameter(f"unknown categories {unknown}; choose from {', '.join(CATEGORIES)}", param_hint="--only")
    extractors = tuple(e for e in DEFAULT_EXTRACTORS if not only_cats or e in only_cats)
    try:
        config = PipelineConfig(extractors=extractors, segmenter=segmenter, pkuseg_model=pkuseg_model,
                                ref_date=ref_date, only=only_cats)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    started = time.perf_counter()
    docs = iter_documents(list(inputs), glob_)
    if engine == "dask":
        if output == "-":
            raise click.BadParameter("--engine dask writes a folder of parts: give -o DIR", param_hint="--output")
        parts = run_dask(docs, config, output, scheduler=scheduler, partition_size=partition_size, workers=jobs or 2)
        if not quiet:
            click.echo(f"wrote {parts} partitions to {output}/part-*.jsonl  {time.perf_counter() - started:.1f}s", err=True)
        return
    if resume and output == "-":
        raise click.BadParameter("--resume needs an output file", param_hint="--resume")
    sink = ResumableOutput(output, resume=resume) if output != "-" else None
    if sink is not None and sink.done:
        docs = (d for d in docs if d.doc_id not in sink.done)
    summary = Summary(skipped=len(sink.done) if sink else 0)
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=_count_inputs(inputs, glob_), unit="doc", file=sys.stderr, dynamic_ncols=True,
                   initial=summary.skipped)
    kept = []
    for result in run_local(docs, config, jobs or default_jobs()):
        if sink is not None:
            sink.write(result.line)
        else:
            sys.stdout.buffer.write(result.line)
            sys.stdout.buffer.flush()
        summary.add(result)
        if json_dir or db_url:
            kept.append(result.line)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(chars_s=f"{summary.characters / max(1e-9, time.perf_counter() - started):,.0f}")
    if bar is not None:
        bar.close()
    if sink is not None:
        sink.close()
    if json_dir:
        write_json_dir(kept, json_dir)
    if db_url:
        import orjson

        from .db import load_records

        stats = load_records((orjson.loads(line) for line in kept), db_url)
        if not quiet:
            click.echo(str(stats), err=True)
    elapsed = time.perf_counter() - started
    if not quiet:
        f = summary.facts
        click.echo(
            f"documents {summary.documents}" + (f" (+{summary.skipped} resumed)" if summary.skipped else "")
            + f"  people {f['people']}  organizations {f['organizations']}  dates {f['dates']}  targets {f['targets']}"
            f"  quotes {f['quotes']}  errors {summary.errors} (failed documents {summary.failed})"
            f"  {summary.characters / max(elapsed, 1e-9):,.0f} chars/s  {elapsed:.1f}s",
            err=True,
        )
    sys.exit(1 if summary.failed else 0)


def _count_inputs(inputs: tuple[str, ...], glob_: str) -> int | None:
    """A total for the progress bar when the inputs are plain files and folders."""
    total = 0
    for item in inputs:
        path = Path(item)
        if item == "-" or path.suffix.lower() == ".jsonl":
            return None
        total += sum(1 for p in path.rglob(glob_) if p.is_file()) if path.is_dir() else 1
    return total


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("records", type=click.Path(exists=True))
@click.option("--min-f1", type=float, default=None, help="Exit 1 when the facts micro-F1 is below this.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), default=None, help="Write the full report (with missed and spurious facts) here.")
@click.option("-v", "--verbose", is_flag=True, help="List missed and spurious facts per document.")
def eval_cmd(gold_dir: str, records: str, min_f1: float | None, json_out: str | None, verbose: bool) -> None:
    """Score RECORDS (JSONL or a folder of JSON) against GOLD_DIR's expected-facts files."""
    import orjson

    from .evaluate import load_gold, load_records, score

    report = score(load_gold(gold_dir), load_records(records))
    click.echo(report.table())
    if verbose:
        for doc_id, cats in report.details.items():
            for cat, d in cats.items():
                if d["missed"] or d["spurious"]:
                    click.echo(f"\n[{doc_id}] {cat}\n  missed   {d['missed']}\n  spurious {d['spurious']}")
    if json_out:
        Path(json_out).write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))
    if min_f1 is not None and report.micro.f1 < min_f1:
        click.echo(f"micro-F1 {report.micro.f1:.3f} is below --min-f1 {min_f1}", err=True)
        sys.exit(1)


@main.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the diff as JSON (one object per changed document).")
@click.option("--fail-on-change", is_flag=True, help="Exit 1 when any fact was added, removed or changed.")
def diff_cmd(old: str, new: str, as_json: bool, fail_on_change: bool) -> None:
    """Compare two runs' records (JSONL): facts added, removed and changed, per document."""
    import orjson

    from .diff import diff_runs, render
    from .write import read_jsonl

    diffs = diff_runs(read_jsonl(old), read_jsonl(new))
    if as_json:
        for d in diffs:
            if d.status != "same":
                click.echo(orjson.dumps(d.as_dict()).decode())
    else:
        click.echo(render(diffs))
    if fail_on_change and any(d.status != "same" for d in diffs):
        sys.exit(1)


@main.command()
@click.argument("document", type=click.Path(exists=True, dir_okay=False))
@click.option("--html", "html_out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--ref-date", default=None, help="Reference date YYYY-MM-DD for relative dates.")
def show(document: str, html_out: str, ref_date: str | None) -> None:
    """Extract one document and render its facts on its text as a self-contained HTML page."""
    from .ingest import iter_documents
    from .pipeline import Pipeline
    from .review import render_page

    doc = next(iter_documents([document]))
    record = Pipeline(PipelineConfig(ref_date=ref_date)).process(doc).model_dump(mode="json")
    Path(html_out).write_text(render_page([(record, doc.text or "", None)], f"zhfacts: {doc.doc_id}"), encoding="utf-8")
    click.echo(f"wrote {html_out}", err=True)


@main.command()
@click.argument("records", type=click.Path(exists=True))
@click.option("--texts", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of the documents' texts.")
@click.option("--html", "html_out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--gold", type=click.Path(exists=True, file_okay=False), default=None,
              help="Expected-facts folder: colour missed and spurious facts (review mode).")
@click.option("--glob", "glob_", default="*.txt", show_default=True)
def report(records: str, texts: str, html_out: str, gold: str | None, glob_: str) -> None:
    """Render many records on their texts as one HTML page with an index."""
    from .evaluate import load_gold, load_records
    from .ingest import iter_documents
    from .review import render_page

    recs = load_records(records)
    originals = {d.doc_id: d.text for d in iter_documents([texts], glob_) if d.text is not None}
    expected = load_gold(gold) if gold else None
    items = [(r, originals[i], expected.get(i) if expected is not None else None) for i, r in recs.items() if i in originals]
    missing = [i for i in recs if i not in originals]
    Path(html_out).write_text(render_page(items, f"zhfacts: {len(items)} documents"), encoding="utf-8")
    click.echo(f"wrote {html_out} ({len(items)} documents" + (f"; no text for {', '.join(missing)})" if missing else ")"),
               err=True)


@main.command("load")
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db_url", required=True, help="sqlite:///facts.db or postgresql://user@host/dbname")
def load_cmd(records: tuple[str, ...], db_url: str) -> None:
    """Load JSONL records into a database: normalised tables, idempotent, one transaction.

    Loading the same records again changes nothing; a document whose record changed has all
    its rows replaced; a failure leaves the database as it was."""
    from .db import load_records
    from .write import read_jsonl

    stats = load_records((r for path in records for r in read_jsonl(path)), db_url)
    click.echo(str(stats), err=True)


@main.command()
@click.option("-o", "--out-dir", default="schemas", show_default=True, type=click.Path(file_okay=False))
def schema(out_dir: str) -> None:
    """Write the record's JSON Schema and the SQLite/PostgreSQL DDL, generated from the models."""
    from .schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}", err=True)
