"""The shape of reader/: no import circles, lower layers never import higher ones, no mixins, a small App.

Imports are read from the source (ast), every one of them: at the top, under TYPE_CHECKING and inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"

# From the bottom up; a module may import its own layer and those below it, never one above. Within a layer the
# circle test keeps the order.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("model", ("reader", "reader.model", "reader.resources", "reader.display", "reader.stores", "reader.settings")),
    ("analysis steps", ("reader.sources", "reader.webpage", "reader.clean", "reader.sentences", "reader.summary",
                        "reader.news_summary", "reader.speakers", "reader.topics", "reader.report", "reader.feeds",
                        "reader.links")),
    ("analysis", ("reader.analysis", "reader.warm_workers")),
    ("library and session", ("reader.library", "reader.session")),
    ("user interface", ("reader.ui",)),
    ("commands", ("reader.cli", "reader.feeds_cli", "reader.__main__")),
]
# Only the user interface may import these.
UI_ONLY = ("textual", "rich")
# Bases that make no mixin.
PLAIN_BASES = {"Generic", "Protocol"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every module of reader/ (and every outside package) that `path` imports, wherever the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:  # `from . import session` imports the module reader.session
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in known else module)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imported(name, path, known) if m in known and m != name} for name, path in known.items()}


def layer_of(name: str) -> int:
    best = None
    for number, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or (prefix != "reader" and name.startswith(prefix + ".")):
                best = number
    assert best is not None, f"{name} is in no layer: add it to LAYERS"
    return best


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module, or of one importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges[node]:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_import_walk_sees_every_kind_of_import() -> None:
    edges = graph()
    assert "reader.ui.app" in edges["reader.cli"]  # inside a function
    assert "reader.library" in edges["reader.session"]  # under TYPE_CHECKING, and inside functions
    assert "reader.session" in edges["reader.ui.messages"]  # relative, from the package above


def test_no_import_circles() -> None:
    assert cycles(graph()) == []


def test_the_circle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_lower_layers_never_import_higher_ones() -> None:
    wrong = [
        f"{name} ({LAYERS[layer_of(name)][0]}) imports {other} ({LAYERS[layer_of(other)][0]})"
        for name, others in graph().items()
        for other in sorted(others)
        if layer_of(other) > layer_of(name)
    ]
    assert wrong == []


def test_only_the_user_interface_imports_textual() -> None:
    known = modules()
    wrong = [
        f"{name} imports {module}"
        for name, path in known.items()
        if not name.startswith("reader.ui")
        for module in sorted(imported(name, path, known))
        if module.split(".")[0] in UI_ONLY
    ]
    assert wrong == []


def base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Subscript):  # Generic[T], App[None]
        base = base.value
    if isinstance(base, ast.Attribute):
        return base.attr
    return base.id if isinstance(base, ast.Name) else ast.unparse(base)


def test_no_class_has_more_than_one_base_besides_generic_and_protocol() -> None:
    wrong = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [base_name(base) for base in node.bases if base_name(base) not in PLAIN_BASES]
                if len(bases) > 1:
                    wrong.append(f"{name}.{node.name}({', '.join(bases)})")
    assert wrong == []


def test_the_base_count_sees_a_mixin() -> None:
    tree = ast.parse("class A(Loading, Listing, App[None]): pass\nclass B(Base, Protocol): pass")
    counts = [len([b for b in node.bases if base_name(b) not in PLAIN_BASES]) for node in tree.body
              if isinstance(node, ast.ClassDef)]
    assert counts == [3, 1]


def test_the_app_is_small() -> None:
    lines = (PACKAGE / "ui" / "app.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 300, f"reader/ui/app.py has {lines} lines"
