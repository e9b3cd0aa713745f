"""The ``reportedly`` command: a thin layer over the library.

Each command checks its arguments, calls the library, and formats the result.
Failure policy for batches: a document that cannot be read or analysed is
reported on stderr as ``reportedly: error: NAME: expected ...`` and the run
goes on; the exit code is 1 if anything failed, 0 otherwise, 2 for usage errors.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import ledger_cli, render, web_cli
from .cliutil import PROG, _error, _fail, _say, _validate_published
from .api import MAX_CHARS, analyze, analyze_many, below_floors
from .brat import Relation, parse_ann, read_corpus, relations_of, to_ann
from .errors import InputError, ModelError, ReportedlyError
from .evaluate import Scores, format_table, score_corpus
from .readers import STDIN_NAME, looks_english, read_floors, read_stdin, read_text_file
from .types import Report

PROGRESS_MIN = 4  # show a progress bar from this many documents on
FORMATS = ("table", "json", "jsonl", "brat")


def _debug() -> bool:
    # REPORTEDLY_DEBUG=1 lets unexpected exceptions through with their traceback.
    return os.environ.get("REPORTEDLY_DEBUG", "") not in ("", "0")


@contextmanager
def _progress(total: int, label: str) -> Iterator[Progress]:
    """A progress bar on stderr, shown only for long runs on a terminal."""
    err = Console(stderr=True)
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=total < PROGRESS_MIN or not err.is_terminal,
        # Route stdout through the bar only when both go to the terminal.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=True,
    )
    with bar:
        bar.add_task(label, total=total)
        yield bar


def _advance(bar: Progress) -> None:
    bar.advance(bar.task_ids[0])


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: reportedly extract article.txt",
)
@click.version_option(package_name="reportedly", prog_name=PROG)
def main() -> None:
    """Find who claimed what in English news text: source, cue and content."""


# --- extract ----------------------------------------------------------------


@dataclass
class _Doc:
    """One input: the path as given, a file stem for --out, and its text."""

    name: str
    stem: str
    text: str


def _read_inputs(files: tuple[str, ...]) -> tuple[list[_Doc], int]:
    """Read every input; report the ones that fail. Returns (docs, failures)."""
    docs: list[_Doc] = []
    failures = 0
    stems: set[str] = set()
    for given in files:
        name = STDIN_NAME if given == "-" else given
        try:
            if given == "-":
                text = read_stdin()
            else:
                text = read_text_file(given)
            if len(text) > MAX_CHARS:
                raise InputError(
                    name, f"at most {MAX_CHARS:,} characters, found {len(text):,}; split the document"
                )
        except ReportedlyError as exc:
            _error(exc)
            failures += 1
            continue
        if not text.strip():
            _say("note", f"{name}: the document is empty; nothing to extract")
        elif not looks_english(text):
            _say("warning", f"{name}: the text does not look like English; "
                 "reportedly reads English only, so results may be empty or wrong")
        stem = base = "stdin" if given == "-" else Path(given).stem or "document"
        n = 1
        while stem in stems:  # a/x.txt and b/x.txt must not overwrite each other in --out
            n += 1
            stem = f"{base}-{n}"
        stems.add(stem)
        docs.append(_Doc(name, stem, text))
    return docs, failures


def _empty_report(doc: _Doc, published: str | None) -> Report:
    return Report(text=doc.text, attributions=(), published=published, name=doc.name)


def _reports(docs: list[_Doc], published: str | None) -> Iterator[tuple[_Doc, Report | None]]:
    """Yield each document with its report, in order, as analysis proceeds.

    The batch goes through ``analyze_many``; should that fail part-way, the
    rest go one at a time, so one bad document cannot sink the batch. Where a
    document fails on its own, it is reported and yielded with ``None``.
    Empty documents skip the pipeline.
    """
    emitted = 0
    try:
        pending = [(d.name, d.text) for d in docs if d.text.strip()]
        stream = analyze_many(pending, published=published) if pending else iter(())
        for doc in docs:
            yield doc, (next(stream) if doc.text.strip() else _empty_report(doc, published))
            emitted += 1
        return
    except ModelError:
        raise
    except Exception:
        if _debug():
            raise
    for doc in docs[emitted:]:
        if not doc.text.strip():
            yield doc, _empty_report(doc, published)
            continue
        try:
            report: Report | None = analyze(doc.text, published=published, name=doc.name)
        except ModelError:
            raise
        except ReportedlyError as exc:
            _error(exc)
            report = None
        except Exception as exc:  # a bug, not bad input: still one line, and go on
            if _debug():
                raise
            _error(f"{doc.name}: expected to be analysable, but analysis failed "
                   f"({type(exc).__name__}: {exc}); please report this with the document "
                   "(REPORTEDLY_DEBUG=1 shows the traceback)")
            report = None
        yield doc, report


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@click.option(
    "--published", metavar="YYYY-MM-DD", callback=_validate_published,
    help="Publication date of the documents, recorded in the output.",
)
@click.option(
    "--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="table for people; json, jsonl or brat (standoff .ann) for programs.",
)
@click.option(
    "--out", "-o", type=click.Path(file_okay=False, path_type=Path),
    help="Write one NAME.json / NAME.jsonl / NAME.ann per input into this directory.",
)
def extract(files: tuple[str, ...], published: str | None, fmt: str, out: Path | None) -> None:
    """Extract attributions (who said what) from text files or stdin.

    FILE is a UTF-8 text file; - reads standard input. A file that cannot be
    read is reported and skipped; the exit code is then 1.

    \b
    Example:
      reportedly extract article.txt
      reportedly extract news/*.txt --format jsonl > claims.jsonl
      cat article.txt | reportedly extract - --format json --published 2024-03-15
      reportedly extract corpus/text/*.txt --format brat --out predictions/
    """
    if out is None and fmt == "brat" and len(files) > 1:
        raise click.UsageError("--format brat with several inputs needs --out DIR (one NAME.ann each)")
    if out is not None and fmt == "table":
        raise click.UsageError("--out writes json, jsonl or brat files; add --format json, jsonl or brat")
    if files.count("-") > 1:
        raise click.UsageError("- (stdin) can be given only once")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"{out}: expected a directory to write into, got {exc.strerror or exc}; "
                  "choose another --out")

    docs, failures = _read_inputs(files)
    stdout = Console(highlight=False, soft_wrap=False)
    collected: list[Report] = []
    written = 0
    try:
        with _progress(len(docs), "extracting") as bar:
            for doc, report in _reports(docs, published):
                _advance(bar)
                if report is None:
                    failures += 1
                    continue
                if out is not None:
                    try:
                        _write(out, doc.stem, fmt, report)
                        written += 1
                    except OSError as exc:
                        _error(f"{out}: expected to write {doc.stem}, got {exc.strerror or exc}")
                        failures += 1
                elif fmt == "table":
                    stdout.print(render.document(report))
                elif fmt == "jsonl":
                    click.echo(render.jsonl_line(report), nl=False)
                elif fmt == "brat":
                    click.echo(to_ann(report), nl=False)
                else:
                    collected.append(report)
    except ModelError as exc:
        _fail(str(exc))
    if fmt == "json" and out is None:
        click.echo(render.json_document(collected), nl=False)
    if out is not None:
        _say("note", f"wrote {written} file{'' if written == 1 else 's'} to {out}")
    sys.exit(1 if failures else 0)


def _write(out: Path, stem: str, fmt: str, report: Report) -> None:
    if fmt == "brat":
        body, suffix = to_ann(report), ".ann"
    elif fmt == "jsonl":
        body, suffix = render.jsonl_line(report), ".jsonl"
    else:
        body, suffix = render.json_report(report), ".json"
    (out / f"{stem}{suffix}").write_text(body, encoding="utf-8", newline="")


# --- evaluate ---------------------------------------------------------------


@main.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--pred", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the brat files DIR/NAME.ann instead of running the extractor.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--floors", type=click.Path(dir_okay=False, path_type=Path),
    help='JSON of minimum figures, shaped like the --json output, e.g. {"whole": {"f1": 0.7}}.',
)
def evaluate(gold_dir: Path, pred: Path | None, as_json: bool, floors: Path | None) -> None:
    """Score the extractor (or brat predictions) against a gold corpus.

    GOLD_DIR holds text/NAME.txt and attributions/NAME*.ann (PolNeAR layout).

    Without --pred the extractor runs over the corpus texts. A document with
    no DIR/NAME.ann counts as having no predictions. With --floors the exit
    code is 1 if any figure falls below its floor.

    \b
    Example:
      reportedly evaluate data/polnear/dev
      reportedly evaluate data/polnear/dev --pred predictions/ --json
      reportedly evaluate data/polnear/dev --floors floors.json
    """
    try:
        floor_spec = read_floors(floors) if floors is not None else None
        corpus = read_corpus(gold_dir)
    except ReportedlyError as exc:
        _fail(str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{gold_dir}: expected a readable UTF-8 corpus, got {exc}; check the files")
    if not corpus:
        _fail(f"{gold_dir}: expected at least one text/*.txt document, found none")

    failures = 0
    predictions: list[list[Relation]] = []
    if pred is not None:
        for name, _, _ in corpus:
            path = pred / f"{name}.ann"
            try:
                predictions.append(parse_ann(read_text_file(path), name=str(path))
                                   if path.exists() else [])
            except ReportedlyError as exc:
                _error(f"{exc} (scored as no predictions)")
                predictions.append([])
                failures += 1
    else:
        docs = [_Doc(name, name, text) for name, text, _ in corpus]
        try:
            with _progress(len(docs), "extracting") as bar:
                for _, report in _reports(docs, None):
                    _advance(bar)
                    if report is None:
                        failures += 1
                    predictions.append(relations_of(report) if report else [])
        except ModelError as exc:
            _fail(str(exc))

    total: Scores = score_corpus([])
    for (name, text, gold), pred_relations in zip(corpus, predictions):
        try:
            total = total + score_corpus([(text, gold, pred_relations)])
        except ReportedlyError as exc:
            _error(f"{name}: {exc}; document left out of the scores")
            failures += 1

    if as_json:
        click.echo(json.dumps(total.to_dict(), indent=2))
    else:
        click.echo(format_table(total), nl=False)

    if floor_spec is not None:
        try:
            below = below_floors(total, floor_spec, name=str(floors))
        except ReportedlyError as exc:
            _fail(str(exc))
        for figure, value, floor in below:
            _say("below floor", f"{figure} = {value:.4f}, floor {floor:.4f}")
        if below:
            failures += 1
        else:
            _say("note", f"all figures at or above the floors in {floors}")
    sys.exit(1 if failures else 0)


for _command in ledger_cli.COMMANDS:
    main.add_command(_command)
for _command in web_cli.COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()

