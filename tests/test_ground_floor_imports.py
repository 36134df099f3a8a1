"""The ground floor imports nothing from the floors above it (read from the source with ``ast``).

``bidrag.core`` imports only itself (and no Django); ``bidrag.audit`` the core and itself;
``bidrag.accounts`` the core, ``audit`` and itself. A domain app (``recipients``, ``ledger``,
``agreements``, ``documents`` and every app still to come) or a face (``web``, ``api``, ``cli``)
is never imported there, not even inside a function: a ground app reaches a domain model only
through a relation (``Membership._meta.get_field("organisation").related_model``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ALLOWED = {
    "core": {"bidrag.core"},
    "audit": {"bidrag.core", "bidrag.audit"},
    "accounts": {"bidrag.core", "bidrag.audit", "bidrag.accounts"},
}


def imported_modules(path: Path, root: Path = SRC) -> list[tuple[int, str]]:
    """Every module ``path`` imports, absolute, with its line (relative imports resolved)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from bidrag import recipients`` imports the app itself.
            if module == "bidrag":
                found += [(node.lineno, f"bidrag.{alias.name}") for alias in node.names]
    return found


def _within(module: str, allowed: set[str]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_a_ground_app_imports_no_floor_above_it(app: str) -> None:
    files = sorted((SRC / "bidrag" / app).rglob("*.py"))
    assert files
    wrong = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in files
        for line, module in imported_modules(path)
        if (module == "bidrag" or module.startswith("bidrag."))
        and not _within(module, ALLOWED[app])
    ]
    assert wrong == []


def test_the_core_imports_no_django() -> None:
    wrong = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in sorted((SRC / "bidrag" / "core").rglob("*.py"))
        for line, module in imported_modules(path)
        if module.split(".")[0] == "django"
    ]
    assert wrong == []


def test_the_reader_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The check above can fail: each spelling of a domain import is found."""
    package = tmp_path / "bidrag" / "accounts"
    package.mkdir(parents=True)
    source = package / "sample.py"
    source.write_text(
        "import bidrag.recipients.models\n"
        "from bidrag.ledger import services\n"
        "from bidrag import agreements\n"
        "from ..documents import render\n"
        "def later():\n"
        "    from bidrag.web.views import home\n"
    )
    modules = [m for _line, m in imported_modules(source, tmp_path)]
    assert [m for m in modules if m != "bidrag" and not _within(m, ALLOWED["accounts"])] == [
        "bidrag.recipients.models",
        "bidrag.ledger",
        "bidrag.agreements",
        "bidrag.documents",
        "bidrag.web.views",
    ]
