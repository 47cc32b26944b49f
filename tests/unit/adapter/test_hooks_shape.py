"""The MkDocs hooks (``hooks/*.py``) are thin: each a screenful that passes MkDocs' objects
to ``privacy_site.adapter``, the one folder that imports ``mkdocs``; they share one context
per language build (``adapter.site_context.current``), never state hung on MkDocs' objects
or kept in a hook module (MkDocs loads the hook modules again for every rebuild)."""

from __future__ import annotations

import ast
from pathlib import Path

from sitebuild import ROOT

HOOKS = sorted((ROOT / "hooks").glob("*.py"))
SCREENFUL = 100  # lines


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_hooks_are_a_screenful_and_import_mkdocs_only_through_the_adapter() -> None:
    assert len(HOOKS) >= 12
    for path in HOOKS:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= SCREENFUL, f"hooks/{path.name}: {lines} lines; move its logic to adapter/"
        foreign = sorted(m for m in imported(path) if m.split(".")[0] in {"mkdocs", "material"})
        assert not foreign, f"hooks/{path.name} imports {foreign}: import from adapter/"


def test_no_state_is_hung_on_mkdocs_objects_or_kept_in_a_hook_module() -> None:
    for path in HOOKS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # config.x = ..., page.file.x = ..., file.x = ...: state hung on MkDocs' objects
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute):
                    owner = ast.unparse(target.value)
                    assert owner.split(".")[0] not in {"config", "page", "file", "files"}, (
                        f"hooks/{path.name}:{node.lineno}: sets {ast.unparse(target)}; keep it "
                        "in the build's context (adapter/site_context.py)"
                    )
        for node in tree.body:  # module level: only constants and functions
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                name = ast.unparse(node.value.func)
                assert name in {"re.compile", "N_"}, (
                    f"hooks/{path.name}:{node.lineno}: a module-level {name}(...) is made "
                    "again at every rebuild; keep state in adapter/site_context.py"
                )
