"""The apps depend one way (README, "Layout"): each imports only apps below it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "readiness"
# Lowest first. An app may import any app before it in this list, and itself.
LAYERS = [
    "security",
    "mail",
    "content",
    "assessments",
    "benchmarks",
    "schemes",
    "reports",
    "advisors",
    "workspaces",
    "firms",
]


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "readiness" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def test_every_app_imports_only_the_apps_below_it():
    upward = []
    for app in LAYERS:
        allowed = set(LAYERS[: LAYERS.index(app) + 1])
        for path in sorted((ROOT / app).rglob("*.py")):
            for other in imported_apps(path) - allowed:
                upward.append(f"{path.relative_to(ROOT)} imports readiness.{other}")
    assert upward == []


def test_the_project_package_imports_no_app_but_through_urls_and_settings():
    # settings.py names apps as strings; urls.py mounts them; nothing else reaches into them.
    for path in sorted(ROOT.glob("*.py")):
        if path.name in {"urls.py"}:
            continue
        assert imported_apps(path) <= {"security", "content"}, path.name
