"""The ``reportedly`` command: every format, every bad input, the evaluation gate.

Extraction quality is measured by ``reportedly evaluate``, not here; these
tests assert only what must hold whatever the model: output shape, offsets
that match the text, one-line errors, exit codes.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from reportedly.brat import parse_ann
from reportedly.cli import main
from reportedly.pipeline import load_nlp
from reportedly.schema import collection_schema, schema
from reportedly.types import SCHEMA_VERSION

ARTICLE = (
    "The harbour authority said on Monday that the ferry would resume service.\r\n"
    "\u201cWe expect the first crossing on Friday,\u201d a spokeswoman told reporters.\n"
)
NO_QUOTES = "The weather stayed mild all week and the trains ran on time.\n"
UNBALANCED = 'The minister said "the bridge will open next spring. Nobody else commented.\n'
GERMAN = (
    "Die Hafenbehörde teilte am Montag mit, dass die Fähre nach einer Woche mit "
    "schweren Stürmen ihren Betrieb wieder aufnehmen werde. Ihr Direktor sagte "
    "gegenüber Journalisten, die Überfahrt sei wieder sicher und die Besatzung "
    "sei von der Küstenwache überprüft worden.\n"
)


@pytest.fixture(scope="module", autouse=True)
def _pipeline_loaded_once() -> None:
    load_nlp()  # cached: every in-process CLI call below reuses it


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def run(runner: CliRunner, *args: str, input: bytes | str | None = None) -> Result:
    result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("reportedly: error:")]


# --- formats ------------------------------------------------------------------


def test_json_validates_and_finds_the_said_attribution(runner: CliRunner, article: Path) -> None:
    result = run(runner, "extract", str(article), "--format", "json", "--published", "2024-03-15")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    Draft202012Validator(collection_schema()).validate(body)
    assert body["schema_version"] == SCHEMA_VERSION
    (doc,) = body["documents"]
    assert doc["name"] == str(article)
    assert doc["published"] == "2024-03-15"
    assert doc["length"] == len(ARTICLE)
    assert any("said" in (a["cue"] or {}).get("text", "") for a in doc["attributions"])
    for a in doc["attributions"]:
        for role in ("source", "cue", "content"):
            for seg in (a[role] or {}).get("segments", []):
                assert ARTICLE[seg["start"] : seg["end"]] == seg["text"]


def test_jsonl_one_valid_report_per_line(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "weather.txt"
    other.write_text(NO_QUOTES)
    result = run(runner, "extract", str(article), str(other), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    validator = Draft202012Validator(schema())
    reports = [json.loads(line) for line in lines]
    for report in reports:
        validator.validate(report)
    assert [r["name"] for r in reports] == [str(article), str(other)]


def _t_lines(ann: str) -> list[tuple[str, list[tuple[int, int]], str]]:
    out = []
    for line in ann.splitlines():
        if line.startswith("T"):
            _, role_bounds, covered = line.split("\t")
            role, bounds = role_bounds.split(" ", 1)
            frags = [tuple(map(int, f.split())) for f in bounds.split(";")]
            out.append((role, frags, covered))
    return out


def test_brat_to_stdout_parses_back_with_matching_offsets(runner: CliRunner, article: Path) -> None:
    result = run(runner, "extract", str(article), "--format", "brat")
    assert result.exit_code == 0, result.output
    relations = parse_ann(result.stdout)
    assert relations, "the example article has at least one attribution"
    t_lines = _t_lines(result.stdout)
    assert {"Cue", "Content"} <= {role for role, _, _ in t_lines}
    for _, frags, covered in t_lines:
        expected = " ".join(ARTICLE[s:e] for s, e in frags).replace("\n", " ")
        assert covered == expected
    assert any(ARTICLE[s:e] == "said" for r in relations for s, e in r.cue)


def test_brat_and_json_to_out_dir(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    other = tmp_path / "sub" / "harbour.txt"  # same stem: must not overwrite
    other.parent.mkdir()
    other.write_text(NO_QUOTES)
    out = tmp_path / "out" / "brat"
    result = run(runner, "extract", str(article), str(other), "--format", "brat", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["harbour-2.ann", "harbour.ann"]
    assert parse_ann((out / "harbour.ann").read_text())
    assert result.stdout == ""

    jout = tmp_path / "json"
    result = run(runner, "extract", str(article), "--format", "json", "--out", str(jout))
    assert result.exit_code == 0
    Draft202012Validator(schema()).validate(json.loads((jout / "harbour.json").read_text()))


def test_table(runner: CliRunner, article: Path) -> None:
    result = run(runner, "extract", str(article))
    assert result.exit_code == 0, result.output
    assert str(article.name) in result.stdout
    assert "said" in result.stdout
    assert "source" in result.stdout and "content" in result.stdout


def test_stdin(runner: CliRunner) -> None:
    result = run(runner, "extract", "-", "--format", "json", input=ARTICLE.encode())
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["name"] == "<stdin>"
    assert doc["length"] == len(ARTICLE)


def test_progress_bar_keeps_stdout_clean(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich treats stderr as a terminal: bar on
    paths = []
    for n in range(5):
        path = tmp_path / f"doc{n}.txt"
        path.write_text(ARTICLE if n % 2 else NO_QUOTES)
        paths.append(str(path))
    result = run(runner, "extract", *paths, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert names == paths


# --- inputs that must not crash -------------------------------------------------

# Each case: file bytes, expected exit code, a phrase for stderr ("" = nothing).
ODD_INPUTS = {
    "empty": (b"", 0, "reportedly: note: {p}: the document is empty"),
    "whitespace only": (b"  \n\t\n", 0, "reportedly: note: {p}: the document is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1,
               "reportedly: error: {p}: expected a UTF-8 text file, found binary data"),
    "latin-1": ("The caf\u00e9 owner said no.".encode("latin-1"), 1,
                "reportedly: error: {p}: expected UTF-8 text, found byte 0xe9 at byte offset 7"),
    "no quotes": (NO_QUOTES.encode(), 0, ""),
    "unbalanced quotes": (UNBALANCED.encode(), 0, ""),
    "german": (GERMAN.encode(), 0, "reportedly: warning: {p}: the text does not look like English"),
}


@pytest.mark.parametrize("data,code,message", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_odd_inputs(
    runner: CliRunner, tmp_path: Path, data: bytes, code: int, message: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    result = run(runner, "extract", str(path), "--format", "json")
    assert result.exit_code == code, result.output
    if message:
        assert message.format(p=path) in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.stderr == ""
    body = json.loads(result.stdout)
    Draft202012Validator(collection_schema()).validate(body)
    if code == 0:
        (doc,) = body["documents"]
        if not data.strip():
            assert doc["attributions"] == []
    else:
        assert body["documents"] == []


def test_twenty_megabyte_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"The ministry said nothing. " * (20 * 1024 * 1024 // 27 + 1))
    result = run(runner, "extract", str(path))
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.startswith(f"reportedly: error: {path}: expected a file of at most 10 MiB")
    assert "split it" in line


@pytest.mark.parametrize("what", ["missing", "directory"])
def test_missing_path_and_directory(runner: CliRunner, tmp_path: Path, what: str) -> None:
    path = tmp_path / "nope.txt" if what == "missing" else tmp_path
    result = run(runner, "extract", str(path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"reportedly: error: {path}: expected ")


def test_one_bad_file_does_not_stop_the_batch(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    weather = tmp_path / "weather.txt"
    weather.write_text(NO_QUOTES)
    missing = tmp_path / "missing.txt"
    result = run(runner, "extract", str(article), str(bad), str(missing), str(weather),
                 "--format", "jsonl")
    assert result.exit_code == 1
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert names == [str(article), str(weather)]
    errors = error_lines(result)
    assert len(errors) == 2
    assert str(bad) in errors[0] and str(missing) in errors[1]


# --- usage errors ---------------------------------------------------------------

USAGE = {
    "bad date": (["--published", "15/03/2024"], "expected a calendar date as YYYY-MM-DD"),
    "impossible date": (["--published", "2024-02-30"], "got '2024-02-30'"),
    "unknown format": (["--format", "xml"], "'xml' is not one of"),
    "brat of several without --out": (["--format", "brat", "EXTRA"], "needs --out DIR"),
    "table into --out": (["--out", "OUT"], "--out writes json, jsonl or brat"),
}


@pytest.mark.parametrize("extra,phrase", USAGE.values(), ids=USAGE.keys())
def test_usage_errors(
    runner: CliRunner, article: Path, tmp_path: Path, extra: list[str], phrase: str
) -> None:
    extra = [str(article) if e == "EXTRA" else str(tmp_path / "o") if e == "OUT" else e
             for e in extra]
    result = run(runner, "extract", str(article), *extra)
    assert result.exit_code == 2
    assert phrase in result.stderr


def test_no_files_is_a_usage_error(runner: CliRunner) -> None:
    assert run(runner, "extract").exit_code == 2


@pytest.mark.parametrize("command", [[], ["extract"], ["evaluate"]])
def test_help_has_an_example(runner: CliRunner, command: list[str]) -> None:
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Example:\s*\n?\s*reportedly ", result.stdout)


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("reportedly")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run(
        [str(exe), "extract", str(tmp_path / "missing.txt"), str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 2


# --- evaluate -------------------------------------------------------------------

GOLD_TEXT = "The mayor said the bridge would reopen. Residents complained about the noise.\n"
SECOND_TEXT = "A union leader warned that the strike could spread.\n"


def _span(text: str, phrase: str) -> str:
    start = text.index(phrase)
    return f"{start} {start + len(phrase)}\t{phrase}"


def _ann(text: str, *relations: tuple[str, str, str]) -> str:
    """A brat file in PolNeAR's layout for (source, cue, content) phrases."""
    lines, n = [], 0
    for e, (source, cue, content) in enumerate(relations, start=1):
        ids = {}
        for role, phrase in (("Source", source), ("Cue", cue), ("Content", content),
                             ("Attribution", cue)):
            n += 1
            ids[role] = f"T{n}"
            lines.append(f"T{n}\t{role} {_span(text, phrase)}")
        lines.append(f"E{e}\tAttribution:{ids['Attribution']} Source:{ids['Source']} "
                     f"Cue:{ids['Cue']} Content:{ids['Content']}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "mayor.txt").write_text(GOLD_TEXT)
    (root / "text" / "union.txt").write_text(SECOND_TEXT)
    (root / "attributions" / "mayor_ann1.ann").write_text(
        _ann(GOLD_TEXT, ("The mayor", "said", "the bridge would reopen")))
    (root / "attributions" / "union_ann1.ann").write_text(
        _ann(SECOND_TEXT, ("A union leader", "warned", "that the strike could spread")))
    return root


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    """Predictions for ``mayor`` only: content one word short, plus a spurious relation.

    By hand, summing both documents (``union`` has no prediction file):
    source/cue exact and overlap: 1 of 2 predicted right, 1 of 2 gold found -> 0.5 / 0.5;
    content exact: 0 right -> 0.0 / 0.0; content overlap: 0.5 / 0.5;
    whole: 1 match, 2 predicted, 2 gold -> 0.5 / 0.5 / 0.5.
    """
    root = tmp_path / "pred"
    root.mkdir()
    (root / "mayor.ann").write_text(_ann(
        GOLD_TEXT,
        ("The mayor", "said", "bridge would reopen"),
        ("Residents", "complained", "about the noise"),
    ))
    return root


def test_evaluate_pred_json_hand_computed(runner: CliRunner, gold: Path, pred: Path) -> None:
    result = run(runner, "evaluate", str(gold), "--pred", str(pred), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 2
    half = {"precision": 0.5, "recall": 0.5, "f1": 0.5, "pred": 2, "gold": 2}
    for role in ("source", "cue"):
        for mode in ("exact", "overlap"):
            assert scores["roles"][role][mode] == half
    assert scores["roles"]["content"]["exact"] == {**half, "precision": 0.0, "recall": 0.0,
                                                   "f1": 0.0}
    assert scores["roles"]["content"]["overlap"] == half
    assert scores["whole"] == half


def test_evaluate_pred_table(runner: CliRunner, gold: Path, pred: Path) -> None:
    result = run(runner, "evaluate", str(gold), "--pred", str(pred))
    assert result.exit_code == 0
    assert re.search(r"content exact\s+0\.0000\s+0\.0000\s+0\.0000\s+2\s+2", result.stdout)
    assert re.search(r"whole attribution \(overlap\)\s+0\.5000\s+0\.5000\s+0\.5000", result.stdout)
    assert "documents: 2" in result.stdout


# Each case: floors JSON, expected exit code, phrases for stderr.
FLOORS = {
    "all met": ({"whole": {"f1": 0.5}, "source": {"exact": {"recall": 0.5}}}, 0, ["all figures"]),
    "whole above score": ({"whole": {"f1": 0.7}}, 1, ["whole.f1 = 0.5000, floor 0.7000"]),
    "full to_dict shape, two fail": (
        {"roles": {"content": {"exact": {"f1": 0.1}, "overlap": {"precision": 0.4}},
                   "cue": {"exact": {"precision": 0.6}}}},
        1, ["content.exact.f1 = 0.0000", "cue.exact.precision = 0.5000"],
    ),
    "unknown figure": ({"whole": {"f2": 0.5}}, 1, ["found 'f2'"]),
    "not a number": ({"whole": {"f1": "high"}}, 1, ["a number as the floor of whole.f1"]),
}


@pytest.mark.parametrize("floors,code,phrases", FLOORS.values(), ids=FLOORS.keys())
def test_evaluate_floors(
    runner: CliRunner, gold: Path, pred: Path, tmp_path: Path,
    floors: dict, code: int, phrases: list[str],
) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors))
    result = run(runner, "evaluate", str(gold), "--pred", str(pred), "--floors", str(path))
    assert result.exit_code == code, result.output
    for phrase in phrases:
        assert phrase in result.stderr
    if code:
        assert "below floor" in result.stderr or "error" in result.stderr


def test_evaluate_runs_the_extractor(runner: CliRunner, gold: Path) -> None:
    result = run(runner, "evaluate", str(gold), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 2
    assert scores["whole"]["gold"] == 2


def test_evaluate_bad_inputs(runner: CliRunner, tmp_path: Path, gold: Path, pred: Path) -> None:
    result = run(runner, "evaluate", str(tmp_path / "pred"))  # exists, wrong layout
    assert result.exit_code == 1
    assert "text/*.txt and attributions/*.ann" in result.stderr
    assert run(runner, "evaluate", str(tmp_path / "none")).exit_code == 2
    (pred / "union.ann").write_text("T1\tCue 9999 10005\tsaid\nT2\tContent 0 5\tA uni\n"
                                    "E1\tAttribution:T1 Cue:T1 Content:T2\n")
    result = run(runner, "evaluate", str(gold), "--pred", str(pred))
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.startswith("reportedly: error: union: ")
    assert "documents: 1" in result.stdout


# --- render ---------------------------------------------------------------------


def test_table_shows_resolution_nesting_and_shortening() -> None:
    from rich.console import Console

    from reportedly import render
    from reportedly.types import Attribution, Entity, Report, TextSpan

    text = ("British defence secretary Ben Wallace spoke. He said the army "
            + "would need " + "many more trucks " * 20 + "soon.")
    he = text.index("He")
    content = (text.index("the army"), len(text) - 1)
    outer = Attribution(
        id=0, source=TextSpan.of(text, (he, he + 2)), cue=TextSpan.of(text, (he + 3, he + 7)),
        content=TextSpan.of(text, content), kind="indirect", cue_class="neutral",
        source_type="pronoun", resolved=Entity("British defence secretary Ben Wallace", 0, 37,
                                               "person"),
    )
    inner = Attribution(
        id=1, source=None, cue=None, content=TextSpan.of(text, (content[0], content[0] + 8)),
        kind="direct", cue_class="none", source_type="unknown", parent=0, continues=0,
    )
    console = Console(record=True, width=400, color_system=None)
    console.print(render.document(Report(text, (outer, inner), name="memo.txt")))
    shown = console.export_text()
    assert "He → British defence secretary Ben Wallace" in shown
    assert "in 0" in shown
    assert "(continues 0)" in shown
    assert "…" in shown and "many more trucks " * 20 not in shown
    assert "memo.txt" in shown and "2 attributions" in shown


def test_batch_failure_falls_back_to_one_at_a_time(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportedly.cli as cli

    real_analyze = cli.analyze

    def broken_batch(items, *, published=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("batch died")
        yield  # a generator, like the real one

    def fussy(text: str, *, published: str | None = None, name: str | None = None):  # type: ignore[no-untyped-def]
        if name and name.endswith("boom.txt"):
            raise ValueError("parser fell over")
        return real_analyze(text, published=published, name=name)

    monkeypatch.setattr(cli, "analyze_many", broken_batch)
    monkeypatch.setattr(cli, "analyze", fussy)
    paths = []
    for stem, text in (("one", ARTICLE), ("boom", NO_QUOTES), ("three", NO_QUOTES)):
        (tmp_path / f"{stem}.txt").write_text(text)
        paths.append(str(tmp_path / f"{stem}.txt"))
    result = run(runner, "extract", *paths, "--format", "jsonl")
    assert result.exit_code == 1
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert names == [paths[0], paths[2]]
    (line,) = error_lines(result)
    assert line.startswith(f"reportedly: error: {paths[1]}: ") and "ValueError" in line
