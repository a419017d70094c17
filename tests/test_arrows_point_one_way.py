"""The house has a direction (docs/adr/0002-layers.md): the import-linter contract holds, no two apps import each
other by any route — imports inside functions and import_module("literal") included — and no code outside the
tests reaches into Django's or Wagtail's private internals or disconnects signals at runtime."""
import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Django apps, most specific first: a module belongs to the longest app name it starts with.
APPS = ["cms.site", "cms.policies", "cms.guides", "cms.demo", "cms.setup", "cms", "importers", "publishing", "search",
        "openness_catalog", "portal", "timeliness", "inspection", "ratings", "sitegroup", "reporting"]
PRIVATE = ["_prepare_cursor", "run_on_commit", "savepoint_ids", "_find_for_request", "_wagtail_cached_site_root_paths"]


def app_of(module):
    for app in APPS:
        if module == app or module.startswith(app + "."):
            return app
    return None


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files():
    for top in sorted({a.split(".")[0] for a in APPS}):
        yield from sorted((ROOT / top).rglob("*.py"))


def imports_of(path):
    name = module_name(path)
    return imports_in(path.read_text(encoding="utf-8"), name, name if path.name == "__init__.py" else name.rpartition(".")[0])


def imports_in(text, name, package):
    """Every module path named by an import statement anywhere in the text, or by import_module/__import__("...")."""
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            yield node.lineno, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            yield node.lineno, [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
                yield node.lineno, [str(node.args[0].value)]


def app_graph():
    edges = defaultdict(list)
    for path in source_files():
        source = app_of(module_name(path))
        for line, targets in imports_of(path):
            for target in targets:
                target_app = app_of(target)
                if target_app and target_app != source:
                    edges[(source, target_app)].append(f"{path.relative_to(ROOT)}:{line} {target}")
                    break
    return edges


def test_import_linter_contract_holds():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_no_two_apps_import_each_other_by_any_route():
    edges = app_graph()
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, seen + (n,))) for n in graph[start])

    cycles = sorted((a, b) for (a, b) in edges if reaches(b, a))
    assert not cycles, {pair: edges[pair][:3] for pair in cycles}


def test_no_private_internals_and_no_runtime_disconnects_outside_tests():
    found = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        for word in PRIVATE:
            if word in text:
                found.append(f"{path.relative_to(ROOT)}: {word}")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "disconnect":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .disconnect()")
    assert not found, found


def test_the_scan_sees_imports_inside_functions_and_by_name():
    """The scanner itself must not be blind: hidden imports are edges like any other."""
    probe = (
        "def later():\n"
        "    from cms.policies.models import PolicyDocumentPage\n"
        "    from ..site import roles\n"
        "    importlib.import_module('portal.api')\n"
    )
    named = {target for _, targets in imports_in(probe, "cms.guides.x", "cms.guides") for target in targets}
    assert {"cms.policies.models", "cms.site", "portal.api"} <= named
    assert {app_of(t) for t in named} >= {"cms.policies", "cms.site", "portal"}
