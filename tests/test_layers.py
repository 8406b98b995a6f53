"""The shape of the code, read from its imports with `ast` (imports inside functions count too):
the registries and the layers below them import no feature, and the modules of one package
never import each other in a circle — except a module that creates the blueprint `bp` and, at
its very bottom, imports the sibling modules that add their routes to that `bp`."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"
FEATURES = {"accounts", "bulletins", "library", "petitions", "lessons"}
# Features fill these registries; they and the layers below never import a feature.
NOT_FEATURES = ("stats", "search", "home", "api", "media_render", "speech_input", "core", "jobs", "units", "audio",
                "backup")
# The content features: each builds on accounts (staff, the audit trail), none on another.
CONTENT = FEATURES - {"accounts"}

# Circles inside packages being taken apart on another branch (none today); an entry must go
# when its circle does (the test says so).
KNOWN: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PORTAL.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(name: str) -> bool:
    path = PORTAL.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _type_checking(node: ast.AST) -> bool:
    """An `if TYPE_CHECKING:` block: its imports never run."""
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported(path: Path, tree: ast.AST | None = None) -> list[tuple[str, ast.stmt]]:
    """(module, statement) for every import in the file that runs (not those for type checkers):
    `from a import b` names a.b when b is a module or a package, else a."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    tree = tree or ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if _type_checking(block) for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                whole = f"{source}.{alias.name}"
                found.append((whole if _exists(whole) else source, node))
    return found


def _creates_bp(tree: ast.Module) -> bool:
    return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "bp" for t in s.targets)
               for s in tree.body)


def _imports_bp_from(path: Path, source: str) -> bool:
    return any(isinstance(node, ast.ImportFrom) and module == source and any(a.name == "bp" for a in node.names)
               for module, node in imported(path))


def package_graph(directory: Path) -> dict[str, set[str]]:
    """Imports between the modules directly in one package, minus the blueprint registrations."""
    modules = {module_name(p): p for p in directory.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bottom = []  # the imports after the module's last other statement
        for statement in reversed(tree.body):
            if not isinstance(statement, ast.Import | ast.ImportFrom):
                break
            bottom.append(statement)
        graph[name] = set()
        for target, node in imported(path, tree):
            if target not in modules or target == name:
                continue
            if _creates_bp(tree) and node in bottom and _imports_bp_from(modules[target], name):
                continue  # the blueprint-registration pattern
            graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def all_cycles() -> set[frozenset[str]]:
    packages = [p.parent for p in PORTAL.rglob("__init__.py") if "migrations" not in p.parts]
    return {c for directory in packages for c in cycles(package_graph(directory))}


def test_no_import_circle_within_a_package():
    found = all_cycles()
    assert found - KNOWN == set(), "modules of one package import each other in a circle"
    assert KNOWN - found == set(), "a known circle is gone: remove it from KNOWN"


def test_the_finder_sees_a_circle_and_allows_the_blueprint_pattern(tmp_path, monkeypatch):
    package = tmp_path / "portal" / "demo_pkg"
    package.mkdir(parents=True)
    (tmp_path / "portal" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from portal.demo_pkg.a import x\n")  # lazy still counts
    (package / "routes.py").write_text("bp = Blueprint('x', __name__)\n\ndef page(): ...\n\nfrom . import more\n")
    (package / "more.py").write_text("from .routes import bp\n")
    (package / "typed.py").write_text("from . import a\nif TYPE_CHECKING:\n    from .typed_too import T\n")
    (package / "typed_too.py").write_text("from . import typed\n")  # only type checkers see a circle
    monkeypatch.setattr(sys.modules[__name__], "PORTAL", tmp_path / "portal")
    assert cycles(package_graph(package)) == [frozenset({"portal.demo_pkg.a", "portal.demo_pkg.b"})]
    (package / "routes.py").write_text("from . import more\nbp = Blueprint('x', __name__)\n")  # not at the bottom
    assert frozenset({"portal.demo_pkg.routes", "portal.demo_pkg.more"}) in cycles(package_graph(package))


def test_registries_and_lower_layers_import_no_feature():
    reaching = []
    for layer in NOT_FEATURES:
        for path in sorted((PORTAL / layer).rglob("*.py")):
            for target, node in imported(path):
                parts = target.split(".")
                if parts[0] == "portal" and len(parts) > 1 and parts[1] in FEATURES:
                    reaching.append(f"{module_name(path)}:{node.lineno} imports {target}")
    assert reaching == []
    assert (PORTAL / "stats" / "routes.py").is_file()  # the scan looked at the statistics


def test_features_never_import_each_other():
    reaching = []
    for feature in sorted(CONTENT):
        for path in sorted((PORTAL / feature).rglob("*.py")):
            for target, node in imported(path):
                parts = target.split(".")
                if parts[0] == "portal" and len(parts) > 1 and parts[1] in CONTENT - {feature}:
                    reaching.append(f"{module_name(path)}:{node.lineno} imports {target}")
    assert reaching == []
    assert (PORTAL / "petitions" / "integration.py").is_file()  # the scan looked at the features


MAX_LINES = 300
# Over the limit and being split on another branch (none today).
LONG_ELSEWHERE: set[str] = set()


def test_files_stay_under_300_lines():
    """Demo content and migrations aside: a longer module holds more than one responsibility."""
    long = {path.relative_to(PORTAL).as_posix() for path in PORTAL.rglob("*.py")
            if "migrations" not in path.parts and not path.name.startswith("demo")
            and len(path.read_text(encoding="utf-8").splitlines()) >= MAX_LINES}
    assert long - LONG_ELSEWHERE == set()
    assert LONG_ELSEWHERE - long == set(), "a file is short now: remove it from LONG_ELSEWHERE"
