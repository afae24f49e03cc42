"""The production servers on loopback ports, as tests/test_stack.py runs them: gunicorn with the
image's command and configuration, nginx with the compose template and a throwaway certificate.
"""

import shutil
import subprocess
import sys

from tests.deploy_support import REPO, free_port
from tests.stack_support import (
    HOST,
    Process,
    answers,
    dockerfile_command,
    nginx_main_config,
    nginx_values,
    render_nginx_template,
    wait_until,
)


def program(name, package):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if not path:
        raise SystemExit(f"{name} is missing: apt-get install {package}")
    return path


def gunicorn_workers(env):
    """The number of workers docker/gunicorn.conf.py gives gunicorn in `env`."""
    code = "import runpy; print(runpy.run_path('docker/gunicorn.conf.py')['workers'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


def start_gunicorn(env, port, log):
    """The Dockerfile's CMD (gunicorn --config docker/gunicorn.conf.py ...) on 127.0.0.1:`port`."""
    _, command = dockerfile_command()
    web = Process(command, log, cwd=REPO, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"})
    try:
        wait_until(lambda: web.popen.poll() is None and answers(port, "/healthz"), "gunicorn", 60)
    except AssertionError:
        web.stop()
        raise RuntimeError(f"gunicorn did not start:\n{web.output()[-3000:]}") from None
    return web


def main_config(prefix, server_config):
    """The official image's nginx.conf: tests/stack_support.py's, with the image's worker
    settings (one worker process per core, 1024 connections each)."""
    config = nginx_main_config(prefix, server_config)
    for test_value, image_value in [
        ("worker_processes 1;", "worker_processes auto;"),
        ("worker_connections 256;", "worker_connections 1024;"),
    ]:
        assert test_value in config, test_value
        config = config.replace(test_value, image_value)
    return config


def start_nginx(root, upstream_port, static_root, media_root):
    """nginx in front of gunicorn at `upstream_port`; returns the process and its HTTPS port.

    `root` must be readable by nginx's workers, which run as nobody when nginx starts as root.
    """
    tls, prefix = root / "tls", root / "nginx"
    for folder in (tls, prefix / "conf.d"):
        folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [program("openssl", "openssl"), "req", "-x509", "-newkey", "ec",
         "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", tls / "privkey.pem", "-out", tls / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    https_port = free_port()
    render_nginx_template(
        nginx_values(
            root,
            tls,
            http_port=free_port(),
            https_port=https_port,
            upstream_port=upstream_port,
            static_root=static_root,
            media_root=media_root,
        ),
        prefix / "conf.d" / "default.conf",
    )
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "conf.d" / "*.conf"))
    error_log = prefix / "error.log"
    proxy = Process(
        [program("nginx", "nginx"), "-p", prefix, "-c", prefix / "nginx.conf", "-e", error_log,
         "-g", "daemon off;"],
        root / "nginx-access.log",
    )  # fmt: skip
    try:
        wait_until(
            lambda: proxy.popen.poll() is None and answers(https_port, "/healthz", "https"),
            "nginx",
        )
    except AssertionError:
        proxy.stop()
        errors = error_log.read_text() if error_log.exists() else ""
        raise RuntimeError(f"nginx did not start:\n{errors}") from None
    return proxy, https_port
