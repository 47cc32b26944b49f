"""The package's layers stay honest: each module imports only the layers below its own.

Every module under ``hooks/privacy_site/`` is parsed (never imported, so a module that
would fail to import is still read) and each of its imports, at any depth (inside a
function or under ``if TYPE_CHECKING:`` too), is resolved to a layer: the folder under
``privacy_site/`` it names, or ``content`` for ``content.py``. The rules are those of
each layer's ``__init__.py`` docstring and of README's "How it is built".
"""

from __future__ import annotations

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
PACKAGE = HOOKS / "privacy_site"
ENGINES = ("mkdocs", "material", "mkdocs_static_i18n")  # known only to the adapter

_BELOW_CONTENT = {"model", "html", "reading", "registry", "languages"}
# layer -> the layers its modules may import (its own included)
ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "html": {"model", "html"},
    "reading": {"model", "html", "reading"},
    "registry": {"model", "html", "reading", "registry"},
    "languages": {"model", "html", "reading", "languages"},
    "content": _BELOW_CONTENT | {"content"},
    "outputs": _BELOW_CONTENT | {"content", "outputs"},
    "staff": _BELOW_CONTENT | {"content", "outputs", "staff"},
    "adapter": _BELOW_CONTENT | {"content", "outputs", "staff", "adapter"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    """``privacy_site.reading.sources`` -> ``reading``; ``None`` outside the package or
    for the package itself."""
    parts = module.split(".")
    if parts[0] != "privacy_site" or len(parts) < 2:
        return None
    return parts[1]


def imports(path: Path, package: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, relative ones resolved
    against ``package`` (by default the file's own). ``from X import y`` yields ``X.y``
    too (``y`` may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = module_name(path)
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def own_layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def test_every_module_is_in_a_known_layer():
    """A new folder or a new top-level module must be given its place in ALLOWED."""
    strays = [
        str(p.relative_to(HOOKS))
        for p in package_modules()
        if p != PACKAGE / "__init__.py" and own_layer(p) not in ALLOWED
    ]
    assert strays == [], f"modules outside every layer: {strays}"


def upward(path: Path, layer: str, package: str | None = None) -> list[str]:
    """The file's imports of a layer its own layer may not import."""
    wrong = []
    for line, module in imports(path, package):
        target = layer_of(module)
        if module == "privacy_site" or (target is not None and target not in ALLOWED[layer]):
            wrong.append(f"{path.name}:{line}: {layer} imports {module}")
    return sorted(set(wrong))


def test_each_layer_imports_only_the_layers_below_it():
    wrong = [
        f"{path.parent.relative_to(HOOKS)}/{line}"
        for path in package_modules()
        if path != PACKAGE / "__init__.py"
        for line in upward(path, own_layer(path))
    ]
    assert wrong == [], "imports that run up the layers:\n" + "\n".join(wrong)


def engine_imports(paths: list[Path]) -> list[str]:
    return sorted(
        {
            f"{path.relative_to(HOOKS)}:{line}: imports {module}"
            for path in paths
            for line, module in imports(path)
            if module.split(".")[0] in ENGINES
        }
    )


def test_only_the_adapter_knows_the_engine():
    """Nothing in the package outside ``adapter/`` imports MkDocs, Material or i18n. The
    hook modules (``hooks/*.py``) are MkDocs' entry points and part of the adapter too."""
    outside = [p for p in package_modules() if own_layer(p) != "adapter"]
    assert engine_imports(outside) == []


def test_the_layer_test_sees_a_violation(tmp_path):
    """The resolver itself: relative imports, ``from .. import x``, an import inside a
    function and an engine import in a model module are each seen."""
    module = tmp_path / "dates.py"
    module.write_text(
        "from . import urls\n"
        "from ..outputs import changes\n"
        "def f():\n"
        "    from ..adapter.site_context import SiteContext\n"
        "    import mkdocs.config\n",
        encoding="utf-8",
    )
    assert upward(module, "model", "privacy_site.model") == [
        "dates.py:2: model imports privacy_site.outputs",
        "dates.py:2: model imports privacy_site.outputs.changes",
        "dates.py:4: model imports privacy_site.adapter.site_context",
        "dates.py:4: model imports privacy_site.adapter.site_context.SiteContext",
    ]
    found = [m for _, m in imports(module, "privacy_site.model") if m.split(".")[0] in ENGINES]
    assert found == ["mkdocs.config"]
