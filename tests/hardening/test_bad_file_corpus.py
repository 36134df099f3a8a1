"""The standing corpus of bad files (``corpus/``): every file is refused cleanly by every reader
of its folder, and nothing is written.

A clean refusal: the command ends in ``CommandError`` (exit code 1, no traceback) or the reader
raises its typed ``DomainError``; the message names the file and holds the fragment that
``corpus/<folder>/expected.yaml`` states for it; every table has as many rows as before.
Anything else (another exception, a hang, a success, a row written) fails the case.

To add a case, drop the file in the folder and state its fragment (see ``corpus/README.md``);
to add a reader (a camt.054 or pain.002 import), add a folder and its runners to ``RUNNERS``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.management import CommandError, call_command

from bidrag.core.errors import DomainError
from bidrag.core.limits import MAX_DECISION_FILE_BYTES, MAX_TABLE_FILE_BYTES
from bidrag.core.safe_xml import parse_xml_file
from bidrag.core.scb import import_population_file

CORPUS = Path(__file__).parent / "corpus"
MANIFESTS = ("expected.yaml", "edits.yaml")
DECISIONS = Path(__file__).resolve().parents[2] / "decisions"


@dataclass(frozen=True)
class Refusal:
    message: str


Runner = Callable[[Path, Path], Refusal]
MISSING = "(no expected message)"  # (bad file, a scratch directory) → the refusal


def command(*args: str, **options: object) -> Refusal:
    """Run a ``bidrag`` command in-process; its refusal, or the exception that is a traceback."""
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=out, **options)
    except CommandError as e:
        return Refusal(f"{out.getvalue()}\nCommandError: {e}")
    raise AssertionError(f"accepted:\n{out.getvalue()}")


def reader(read: Callable[[], object], path: Path) -> Refusal:
    """A core reader's refusal, as an edge shows it: the file, then the place in it."""
    try:
        read()
    except DomainError as e:
        text = str(e) if str(path) in str(e) else f"{path}: {e}"
        return Refusal(f"{type(e).__name__}: {text}")
    raise AssertionError("accepted")


def load_options() -> dict[str, object]:
    """``bidrag load`` as the loader user where loading is under four eyes (issue 7.5)."""
    try:
        from bidrag.accounts.testing import loader  # type: ignore[attr-defined]
    except ImportError:
        return {}
    return {"user": loader().get_username()}


def verify(path: Path, scratch: Path) -> Refusal:
    return command("verify", str(path))


def load(path: Path, scratch: Path) -> Refusal:
    return command("load", str(path), **load_options())


GOOD_WEIGHTS = "recipient,population\nRegion Stockholm,2377081\nRegion Uppsala,383713\n"


def allocate_weights(path: Path, scratch: Path) -> Refusal:
    return command("allocate", "--total", "1000", "--weights", str(path), "--key", "population")


def allocate_compare(path: Path, scratch: Path) -> Refusal:
    weights = scratch / "weights.csv"
    weights.write_text(GOOD_WEIGHTS, encoding="utf-8")
    return command(
        "allocate",
        *("--total", "1000", "--weights", str(weights), "--key", "population"),
        *("--compare", f"{path}:population"),
    )


def scb(path: Path, scratch: Path) -> Refusal:
    return reader(lambda: import_population_file(path), path)


def safe_xml(path: Path, scratch: Path) -> Refusal:
    return reader(lambda: parse_xml_file(path), path)


# Folder → its readers. The payments streams add "camt054" and "pain002" with their imports.
RUNNERS: dict[str, dict[str, Runner]] = {
    "decisions": {"verify": verify, "load": load},
    "tables": {"allocate": allocate_weights, "allocate-compare": allocate_compare, "scb": scb},
    "xml": {"safe-xml": safe_xml},
}

# Files too large to keep in the repository, made in the scratch directory when run.
GENERATED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "decisions/oversize.yaml": (
        "oversize.yaml",
        lambda: b"kind: agreement\n" + b"# " + b"x" * MAX_DECISION_FILE_BYTES + b"\n",
        "en beslutsfil får vara högst 2 MB",
    ),
    "tables/oversize.csv": (
        "oversize.csv",
        lambda: b"recipient,population\n" + b"Region Stockholm,1\n" * (MAX_TABLE_FILE_BYTES // 19),
        "a table file may be at most 10 MB",
    ),
    "xml/oversize.xml": (
        "oversize.xml",
        lambda: b"<Document>" + b"<Ntry/>" * 3_000_000 + b"</Document>",
        "an XML file may be at most 20 MB",
    ),
}


def edits(folder: str) -> dict[str, dict[str, object]]:
    """``corpus/<folder>/edits.yaml``: bad files made from a real decision file when run."""
    path = CORPUS / folder / "edits.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def make_edited(edit: dict[str, object], target: Path) -> None:
    text = (DECISIONS / str(edit["base"])).read_text(encoding="utf-8")
    replace = edit["replace"]
    assert isinstance(replace, dict)
    for old, new in replace.items():
        assert old in text, f"{edit['base']} no longer holds {old!r}: update edits.yaml"
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    folder: str
    runner: str
    file: str
    fragment: str
    pending: str = ""

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.file}-{self.runner}"


def expectations(folder: str) -> dict[str, object]:
    path = CORPUS / folder / "expected.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def cases() -> list[Case]:
    out = []
    for folder, runners in RUNNERS.items():
        expected = expectations(folder)
        edited = edits(folder)
        files = sorted(p.name for p in (CORPUS / folder).iterdir() if p.name not in MANIFESTS)
        files += [g.split("/")[1] for g in GENERATED if g.startswith(f"{folder}/")]
        for name in files + list(edited):
            stated = expected.get(name)
            generated = GENERATED.get(f"{folder}/{name}")
            if generated:
                stated = generated[2]
            if name in edited:
                stated = edited[name]["expect"]
                if "pending" in edited[name]:
                    expect = stated if isinstance(stated, dict) else dict.fromkeys(runners, stated)
                    stated = {**expect, "pending": edited[name]["pending"]}
            if stated is None:  # the case fails, asking for it
                out.append(Case(folder, MISSING, name, ""))
                continue
            pending = ""
            if isinstance(stated, dict) and "pending" in stated:
                stated = dict(stated)
                pending = str(stated.pop("pending"))
            per_runner = stated if isinstance(stated, dict) else dict.fromkeys(runners, stated)
            for runner, fragment in per_runner.items():
                out.append(Case(folder, runner, name, str(fragment), pending))
    return out


def row_counts() -> dict[str, int]:
    """Rows in every table (every concrete model that owns one)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_every_corpus_file_has_a_stated_refusal() -> None:
    for folder in RUNNERS:
        expected = expectations(folder)
        present = {p.name for p in (CORPUS / folder).iterdir()} - set(MANIFESTS)
        assert set(expected) <= present, f"{folder}: expected.yaml names missing files"
    assert len(cases()) >= 60


@pytest.mark.django_db
@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_a_bad_file_is_refused_cleanly_and_nothing_is_written(
    case: Case, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if case.pending:
        request.applymarker(pytest.mark.xfail(reason=case.pending, strict=True))
    assert case.runner != MISSING, (
        f"state the refusal of {case.file} in {case.folder}/expected.yaml"
    )
    assert case.runner in RUNNERS[case.folder], f"{case.folder} has no reader {case.runner!r}"
    generated = GENERATED.get(f"{case.folder}/{case.file}")
    edited = edits(case.folder).get(case.file)
    if generated:
        path = tmp_path / generated[0]
        path.write_bytes(generated[1]())
    elif edited:
        path = tmp_path / case.file
        make_edited(edited, path)
    else:
        path = CORPUS / case.folder / case.file
    run = RUNNERS[case.folder][case.runner]
    load_options()  # create the loading user (if any) before counting
    before = row_counts()
    refusal = run(path, tmp_path)
    assert row_counts() == before
    assert "Traceback" not in refusal.message
    assert path.name in refusal.message, refusal.message
    assert case.fragment in refusal.message, refusal.message
