"""What the production image holds: the Dockerfile copies the whole build context (`COPY . .`),
so .dockerignore alone keeps development code out of it, and the code that stays must run
without that development code (issue 10).
"""

import ast
import fnmatch
import json
import os
import subprocess
import sys

import pytest

from tests.deploy_support import REPO, production_environment

# Development only: the demo content and its generators, the tests, the benchmark.
DEVELOPMENT_FOLDERS = ["demo", "tests", "bench"]


def ignore_patterns():
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def image_python_files():
    """The Python files that `COPY . .` puts in the image.

    A top-level entry is left out when a .dockerignore line without "/" matches its name (the
    other lines, such as **/__pycache__, never name Python source).
    """
    top_level = [pattern for pattern in ignore_patterns() if "/" not in pattern]
    for root, folders, files in os.walk(REPO):
        if root == str(REPO):
            folders[:] = [
                name
                for name in folders
                if not any(fnmatch.fnmatchcase(name, pattern) for pattern in top_level)
            ]
            files = [
                name
                for name in files
                if not any(fnmatch.fnmatchcase(name, pattern) for pattern in top_level)
            ]
        for name in files:
            if name.endswith(".py"):
                yield (REPO / root / name).relative_to(REPO)


def imported_modules(path):
    """The absolute module names a file imports, anywhere in it (functions included)."""
    tree = ast.parse((REPO / path).read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


@pytest.mark.parametrize("folder", DEVELOPMENT_FOLDERS)
def test_development_folders_are_left_out_of_the_build_context(folder):
    patterns = ignore_patterns()

    assert (REPO / folder).is_dir()
    # A folder's own line excludes everything under it, unless a later "!" line brings some
    # of it back; this project's file has no such line.
    assert folder in patterns
    assert not [pattern for pattern in patterns if pattern.startswith("!")]


def test_the_image_code_never_imports_the_demo():
    files = set(image_python_files())
    importers = {
        str(path)
        for path in files
        for module in imported_modules(path)
        if module == "demo" or module.startswith("demo.")
    }

    # The walk sees the production code and none of the development folders.
    assert {"manage.py", "portal/settings.py", "news/models/__init__.py", "news/views.py"} <= set(
        map(str, files)
    )
    assert not [path for path in files if path.parts[0] in DEVELOPMENT_FOLDERS]
    assert importers == set()


# As in the image, where the folder is missing: sys.modules["demo"] = None makes `import demo`
# fail and importlib.util.find_spec("demo") answer None. The URL configuration and every
# view are imported by the check.
SETTINGS_AND_COMMANDS = """
import json, sys
if sys.argv[1] == "hidden":
    sys.modules["demo"] = None
import django
django.setup()
from django.conf import settings
from django.core.management import call_command, get_commands
call_command("check", fail_level="WARNING")
print(json.dumps({"apps": settings.INSTALLED_APPS, "commands": sorted(get_commands())}))
"""


@pytest.mark.parametrize("demo", ["hidden", "present"])
def test_production_settings_install_the_demo_only_where_it_exists(demo):
    env = production_environment(
        DATABASE_URL="postgres://portal@localhost/portal", DJANGO_SETTINGS_MODULE="portal.settings"
    )

    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_AND_COMMANDS, demo],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert "news" in found["apps"] and "make_renditions" in found["commands"]
    installed = demo == "present"
    assert ("demo" in found["apps"]) is installed
    assert ("load_demo" in found["commands"]) is installed
    assert ("make_archive" in found["commands"]) is installed
