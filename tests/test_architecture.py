"""The layering rules of docs/architecture.md, checked on the imports the source really has.

Imports are read with ``ast`` (relative imports resolved), so a string or a comment that
looks like an import never counts, and an import written any way always does. Each rule is
also run on a small bad example, so a checker that stopped seeing imports would fail here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Files of the web shell that must read through selectors (no ``Model.objects``).
THIN_SHELL = ("articles/views/", "articles/api/", "articles/feeds.py", "articles/sitemaps.py")
MANAGERS = frozenset({"objects", "_default_manager"})
# Modules of tests/ that any test module may import.
TEST_HELPERS = frozenset({"conftest", "factories", "chromium", "seed_data"})
# The longest an application file may grow (docs/architecture.md).
MAX_LINES = 400


@dataclass(frozen=True)
class Rule:
    """Files under ``applies_to`` may not import ``forbidden`` modules, except ``allowed``."""

    name: str
    applies_to: tuple[str, ...]
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()

    def covers(self, path: str) -> bool:
        return path.startswith(self.applies_to)

    def refuses(self, module: str) -> bool:
        return _within(module, self.forbidden) and not _within(module, self.allowed)


SHELL = (
    "articles.views",
    "articles.api",
    "articles.admin",
    "articles.feeds",
    "articles.forms",
    "articles.tasks",
)
RULES = (
    Rule(
        "the text pipeline imports no Django and nothing of the app outside the pipeline",
        ("articles/pipeline/",),
        forbidden=("django", "articles"),
        allowed=("articles.pipeline",),
    ),
    Rule(
        "models import no services, selectors or web shell",
        ("articles/models/",),
        forbidden=("articles.services", "articles.selectors", *SHELL),
    ),
    Rule(
        "selectors import no services, views or forms",
        ("articles/selectors/",),
        forbidden=("articles.services", *SHELL),
    ),
    Rule(
        "services import no views and no selectors (the reads that serve pages)",
        ("articles/services/",),
        forbidden=("articles.selectors", *SHELL),
    ),
)


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def module_name(path: str) -> str:
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: str, source: str) -> list[tuple[int, str]]:
    """``(line, module)`` for every import in ``source``, relative ones made absolute.

    ``from a import b`` yields both ``a`` and ``a.b``, since ``b`` may be a module.
    """
    found = []
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if node.module:
                found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def manager_reads(path: str, source: str) -> list[tuple[int, str]]:
    """``(line, "Model.objects")`` wherever ``source`` reaches a model manager directly."""
    return [
        (node.lineno, f"{ast.unparse(node.value)}.{node.attr}")
        for node in ast.walk(ast.parse(source, filename=path))
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS
    ]


def layer_violations(path: str, source: str) -> list[str]:
    problems = []
    for rule in RULES:
        if rule.covers(path):
            problems += [
                f"{path}:{line} imports {module}: {rule.name}"
                for line, module in imported_modules(path, source)
                if rule.refuses(module)
            ]
    if path.startswith(THIN_SHELL):
        problems += [
            f"{path}:{line} reads {manager}: read through a selector"
            for line, manager in manager_reads(path, source)
        ]
    return problems


def cross_test_imports(path: str, source: str) -> list[str]:
    """Imports of one test module that reach another test module (not a shared helper)."""
    problems = []
    for line, module in imported_modules(path, source):
        parts = module.split(".")
        if parts[0] != "tests" or len(parts) < 2:
            continue
        if any(part.startswith("test_") for part in parts) and parts[-1] not in TEST_HELPERS:
            problems.append(f"{path}:{line} imports the test module {module}")
    return problems


def sources(*folders: str):
    for folder in folders:
        for file in sorted((ROOT / folder).rglob("*.py")):
            path = file.relative_to(ROOT).as_posix()
            if "/migrations/" not in path:
                yield path, file.read_text(encoding="utf-8")


# --- The source tree keeps the rules -------------------------------------------------------


def test_application_code_keeps_the_layers():
    problems = [p for path, source in sources("articles") for p in layer_violations(path, source)]
    assert problems == []


def test_test_modules_import_only_shared_helpers():
    problems = [p for path, source in sources("tests") for p in cross_test_imports(path, source)]
    assert problems == []


def test_the_checker_reads_the_tree():
    """The rules look at real files: the layers exist and their imports are seen."""
    pipeline = dict(sources("articles/pipeline"))
    assert "articles/pipeline/parsing.py" in pipeline
    services = dict(sources("articles/services"))
    modules = {
        m
        for _, m in imported_modules(
            "articles/services/load.py", services["articles/services/load.py"]
        )
    }
    assert any(m.startswith("articles.models") for m in modules)


def long_files(files, *, limit: int = MAX_LINES) -> list[str]:
    return [
        f"{path}: {count} lines"
        for path, source in files
        if (count := len(source.splitlines())) > limit
    ]


def test_application_files_stay_short():
    """Split a file by responsibility before it passes the limit (migrations aside)."""
    assert long_files(sources("articles", "archive", "benchmarks")) == []


def test_a_long_file_is_reported():
    files = [("articles/short.py", "x = 1\n" * MAX_LINES), ("articles/long.py", "x = 1\n" * 401)]
    assert long_files(files) == ["articles/long.py: 401 lines"]


# --- Each rule fails on a bad example ------------------------------------------------------


@pytest.mark.parametrize(
    "path, source, complaint",
    [
        ("articles/pipeline/text.py", "from django.db import models\n", "imports django.db"),
        ("articles/pipeline/text.py", "import django\n", "imports django"),
        ("articles/pipeline/text.py", "from articles.models import Article\n", "articles.models"),
        ("articles/pipeline/text.py", "from .. import search\n", "imports articles.search"),
        ("articles/models/entities.py", "from articles.services import load\n", "services"),
        ("articles/models/entities.py", "from ..selectors.common import x\n", "selectors"),
        ("articles/models/__init__.py", "from ..views import browse\n", "articles.views"),
        ("articles/selectors/quotes.py", "from articles.services.load import x\n", "services"),
        ("articles/selectors/quotes.py", "from articles.forms import TagForm\n", "articles.forms"),
        ("articles/selectors/quotes.py", "from articles import views\n", "articles.views"),
        ("articles/services/load.py", "from articles.views.browse import home\n", "views"),
        ("articles/services/load.py", "from ..selectors.entities import x\n", "selectors"),
        ("articles/views/browse.py", "Article.objects.filter(pk=1)\n", "Article.objects"),
        ("articles/api/entities.py", "models.Person._default_manager.all()\n", "_default_manager"),
        ("articles/feeds.py", "def f():\n    return Tag.objects.all()\n", "Tag.objects"),
    ],
)
def test_each_rule_refuses_a_bad_example(path, source, complaint):
    problems = layer_violations(path, source)
    assert problems and complaint in problems[0], problems


@pytest.mark.parametrize(
    "path, source",
    [
        ("articles/pipeline/text.py", "from articles.pipeline.names import fold\nimport re\n"),
        ("articles/pipeline/linking.py", "from .names import fold\n"),
        ("articles/pipeline/text.py", "'from django.db import models'  # not an import\n"),
        (
            "articles/selectors/quotes.py",
            "from articles.models import Quote\nQuote.objects.all()\n",
        ),
        ("articles/services/load.py", "from articles.pipeline import parsing\n"),
        ("articles/views/browse.py", "from articles.selectors.articles import articles_all\n"),
        ("articles/admin/names.py", "PersonName.objects.all()\n"),
    ],
)
def test_allowed_imports_pass(path, source):
    assert layer_violations(path, source) == []


def test_a_test_module_importing_another_is_refused():
    bad = "from tests.test_api import make_article\nfrom tests.editorial.test_tags import x\n"
    problems = cross_test_imports("tests/test_feeds.py", bad)
    assert [p.split(" imports ")[1] for p in problems] == [
        "the test module tests.test_api",
        "the test module tests.test_api.make_article",
        "the test module tests.editorial.test_tags",
        "the test module tests.editorial.test_tags.x",
    ]
    relative = cross_test_imports("tests/editorial/test_audit.py", "from .test_tags import x\n")
    assert relative and "tests.editorial.test_tags" in relative[0]


def test_shared_test_helpers_may_be_imported():
    good = (
        "from tests.factories import ArticleFactory\nfrom tests import seed_data\n"
        "from tests.chromium import browser\nfrom tests.editorial import PASSWORD\n"
        "from tests.editorial.conftest import editor\n"
    )
    assert cross_test_imports("tests/test_feeds.py", good) == []
