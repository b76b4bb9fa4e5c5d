"""The package has no import circles, and the CLI is layered: _common <- domain modules <- cli.

The graph is built from the source (AST), not from ``sys.modules``, so imports inside
functions count as well: a lazy import hides a circle from the interpreter, not from a reader.

How an import statement becomes edges of the graph (module A imports ...):

- ``import a.b.c`` executes ``a``, ``a.b`` and ``a.b.c``: an edge to each of them.
- ``from a.b import name`` executes ``a`` and ``a.b``; if ``a/b/name.py`` (or a package) exists it
  also executes the submodule ``a.b.name``, otherwise ``name`` is looked up in ``a/b/__init__``.
- Relative imports are resolved against A's package first.
- A's own ancestor packages are left out when they are only passed through: the import system
  initialises them before A runs, so ``josephson.junction.escape`` doing ``from . import cpr`` or
  ``from .._validate import scalar`` is not a circle with ``josephson.junction.__init__``.  A
  name taken from an ancestor's namespace (``from . import helper`` where ``helper`` is defined in
  ``__init__``) is an edge: that is the circle that fails while the ``__init__`` is half-run.
- Imports under ``if TYPE_CHECKING:`` never run and are left out.
- ``josephson.cli`` imports its domain modules with importlib, by the names in its module-level
  ``_DOMAINS`` tuple: a module-level ``_DOMAINS = ("a", ...)`` is read as edges to ``<module>.a``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "josephson"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is_package) for every module under src/josephson."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


MODULES = _modules()


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:k]) for k in range(1, len(parts))]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    """Every Import/ImportFrom node, at any depth, except under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: -(node.level - 1)]
    assert base, f"{module}: relative import beyond the top-level package"
    return ".".join(base + ([node.module] if node.module else []))


def _executed(target: str) -> list[str]:
    """The package modules run by importing ``target``: its ancestors, then itself."""
    return [m for m in [*_ancestors(target), target] if m in MODULES]


def _registry(module: str, tree: ast.Module) -> set[str]:
    """The submodules named by a module-level ``_DOMAINS = ("a", "b", ...)``."""
    out = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "_DOMAINS" for t in targets):
                names = ast.literal_eval(node.value)
                out.update(f"{module}.{name}" for name in names)
    missing = out - MODULES.keys()
    assert not missing, f"{module}._DOMAINS names missing modules {sorted(missing)}"
    return out


def imports_of(module: str) -> set[str]:
    """The josephson modules that ``module`` imports (anywhere in its source)."""
    path, is_package = MODULES[module]
    own = set(_ancestors(module))
    tree = ast.parse(path.read_text(), filename=str(path))
    edges = _registry(module, tree)
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                edges.update(m for m in _executed(alias.name) if m not in own)
            continue
        base = _resolve(module, is_package, node)
        edges.update(m for m in _executed(base) if m not in own)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if sub in MODULES:  # a submodule: executed by the import
                edges.add(sub)
            elif base in MODULES and alias.name != "*":  # a name from base's namespace
                edges.add(base)
    edges.discard(module)
    return edges


GRAPH = {m: imports_of(m) for m in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle ``[a, b, ..., a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in sorted(graph):
        if state.get(root):
            continue
        path = [root]
        stack = [iter(sorted(graph[root]))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


def test_graph_builder_sees_the_cases_it_must():
    """The rules above on small cases, so an empty cycle list means something."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    # the CLI entry point reaches the domain modules, which reach the physics packages
    assert "josephson.cli.junction" in GRAPH["josephson.cli"]
    assert "josephson.cli._common" in GRAPH["josephson.cli.open_system"]
    assert "josephson.open_system.dynamics" in GRAPH["josephson.cli.open_system"]
    # function-level imports count; the importer's own parent package does not
    assert "josephson.io" in GRAPH["josephson.cli._common"]
    assert "josephson.cli" not in GRAPH["josephson.cli._common"]
    assert "josephson.junction" in GRAPH["josephson.cli.demo"]


def test_no_import_cycles():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


CLI = f"{PACKAGE}.cli"
CLI_DOMAINS = sorted(  # josephson.cli.<name>; _common and __main__ are not domains
    m for m in MODULES if m.startswith(CLI + ".") and not m.rpartition(".")[2].startswith("_")
)


def test_cli_domains_are_registered():
    """Every public module of josephson.cli is a domain in ``_DOMAINS``, with ``register``."""
    from josephson import cli

    assert CLI_DOMAINS == sorted(f"{CLI}.{name}" for name in cli._DOMAINS)
    for module in CLI_DOMAINS:
        tree = ast.parse(MODULES[module][0].read_text())
        assert any(
            isinstance(node, ast.FunctionDef) and node.name == "register" for node in tree.body
        ), f"{module} defines no register(sub)"


@pytest.mark.parametrize("module", CLI_DOMAINS)
def test_cli_domain_imports_no_other_cli_module(module):
    cli_imports = {m for m in GRAPH[module] if m == CLI or m.startswith(CLI + ".")}
    assert cli_imports <= {f"{CLI}._common"}, f"{module} imports {sorted(cli_imports)}"


def test_cli_common_imports_no_domain():
    subpackages = {m for m, (_, is_pkg) in MODULES.items() if is_pkg and m != PACKAGE}
    bad = {
        m
        for m in GRAPH[f"{CLI}._common"]
        if m.startswith(CLI) or any(m == p or m.startswith(p + ".") for p in subpackages)
    }
    assert not bad, f"{CLI}._common imports {sorted(bad)}"


def test_importing_the_cli_loads_no_domain_package():
    """``import josephson.cli`` stays cheap: physics packages load when a command needs them."""
    heavy = (
        "josephson.junction",
        "josephson.open_system",
        "numba",
        "scipy",
        "xarray",
        "matplotlib",
    )
    code = (
        "import sys, josephson.cli\n"
        f"print(sorted({{m.split('.')[0] if not m.startswith('josephson') else m "
        f"for m in sys.modules if m.startswith({heavy!r})}}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
