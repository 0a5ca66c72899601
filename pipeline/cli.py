"""Command line: `zhfacts extract`, `zhfacts eval`, `zhfacts schema`.

click gives us typed options, `--help` on every command and testable invocations.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_EXTRACTORS, PipelineConfig
from .models import CATEGORIES

FATAL_STAGES = {"ingest", "normalise", "segment"}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zhfacts")
def main() -> None:
    """zhfacts: people, titles, organisations, dates, targets and quotes from Chinese news,
    as validated JSON records whose every fact points back to the exact source characters."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="JSONL file to write ('-' for stdout).")
@click.option("--glob", "glob_", default="*.txt", show_default=True, help="File pattern inside input folders (searched recursively).")
@click.option("--only", default="", help="Comma-separated categories to output, e.g. dates,targets (their requirements still run).")
@click.option("--ref-date", default=None, help="Reference date YYYY-MM-DD for relative dates; wins over the document's own.")
@click.option("--segmenter", type=click.Choice(["jieba", "pkuseg", "char"]), default="jieba", show_default=True)
@click.option("--pkuseg-model", default=None, help="Path or name of a spacy-pkuseg model (with --segmenter pkuseg).")
@click.option("--json-dir", type=click.Path(file_okay=False), default=None, help="Also write one pretty <doc_id>.json per document here.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract(inputs: tuple[str, ...], output: str, glob_: str, only: str, ref_date: str | None, segmenter: str,
            pkuseg_model: str | None, json_dir: str | None, quiet: bool) -> None:
    """Extract facts from files, folders (recursive), JSONL files of {"id", "text"} objects, or '-' (stdin).

    Writes one record per input document, in input order; a document that cannot be read
    or processed becomes a record whose `errors` say why. Exits 1 when any document failed.
    """
    from .ingest import iter_documents
    from .pipeline import Pipeline
    from .write import JsonlWriter, write_json_dir

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
    pipe = Pipeline(config)
    counts: Counter[str] = Counter()
    failed = 0
    started = time.perf_counter()
    docs = iter_documents(list(inputs), glob_)
    show_bar = not quiet and sys.stderr.isatty()
    if show_bar:
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", file=sys.stderr, dynamic_ncols=True)
    kept = []
    with JsonlWriter(output) as writer:
        for record in pipe.process_many(docs):
            writer.write(record)
            counts["documents"] += 1
            counts["characters"] += record.char_count
            for cat in CATEGORIES:
                counts[cat] += len(getattr(record, cat))
            counts["errors"] += len(record.errors)
            if any(e.stage in FATAL_STAGES for e in record.errors):
                failed += 1
            if json_dir:
                kept.append(record)
    if json_dir:
        write_json_dir(kept, json_dir)
    elapsed = time.perf_counter() - started
    if not quiet:
        click.echo(
            f"documents {counts['documents']}  people {counts['people']}  organizations {counts['organizations']}  "
            f"dates {counts['dates']}  targets {counts['targets']}  quotes {counts['quotes']}  "
            f"errors {counts['errors']} (failed documents {failed})  {elapsed:.1f}s",
            err=True,
        )
    sys.exit(1 if failed else 0)


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


@main.command()
@click.option("-o", "--out-dir", default="schemas", show_default=True, type=click.Path(file_okay=False))
def schema(out_dir: str) -> None:
    """Write the record's JSON Schema (document.schema.json) generated from the models."""
    from .schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"wrote {path}", err=True)
