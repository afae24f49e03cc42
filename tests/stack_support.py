"""Plumbing of tests/test_stack.py: the Dockerfile's and the compose file's own commands and
values, nginx's configuration as the nginx image builds it, servers as subprocesses, and a
minimal HTTPS browser with cookies and a chosen loopback source address."""

import http.client
import http.cookies
import io
import json
import re
import ssl
import subprocess
import time
import uuid
from urllib.parse import urlencode

import yaml
from PIL import Image

from tests.deploy_support import REPO, require_program

# The stack's host name and admin address (not the default one: ADMIN_URL must be honoured).
HOST = "tintuc.example.vn"
ADMIN_URL = "quan-tri-an/"
READER_ADDRESS = "127.0.0.5"  # a reader's or an editor's machine, as nginx sees it


def dockerfile_command():
    """The image's ENTRYPOINT and CMD, exec form, as the Dockerfile declares them."""
    text = (REPO / "Dockerfile").read_text()
    entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", text, re.M)[1])
    command = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M)[1])
    return entrypoint, command


def compose_service(name):
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"][name]


def compose_value(value):
    """A compose value with its `${VARIABLE:-default}` parts at their defaults."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", str(value))


def trusted_proxies_on_loopback():
    """The compose web's TRUSTED_PROXIES, carried over to loopback, where nginx reaches gunicorn
    from 127.0.0.1 and the test's clients come from other 127.x addresses: nginx's own compose
    address becomes 127.0.0.1; anything wider (a network holding nginx's clients as well)
    becomes all of loopback, clients included, as it would hold them in the compose stack."""
    trusted = compose_value(compose_service("web")["environment"]["TRUSTED_PROXIES"]).split(",")
    nginx_address = compose_service("nginx").get("networks", {}).get("default", {})
    if trusted == [nginx_address.get("ipv4_address")]:
        return "127.0.0.1"
    return "127.0.0.0/8"


def size_in_bytes(size):
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", size).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def wait_until(ready, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up within {timeout} s")


def answers(port, path="/", scheme="http"):
    try:
        if scheme == "https":
            conn = http.client.HTTPSConnection(
                "127.0.0.1", port, timeout=2, context=ssl._create_unverified_context()
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", path)
        status = conn.getresponse().status
        conn.close()
        return status == 200
    except OSError:
        return False


class Process:
    """A server started for the module; its output kept in a file for the log checks."""

    def __init__(self, args, log, **kwargs):
        self.log = log
        self._file = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(args, stdout=self._file, stderr=subprocess.STDOUT, **kwargs)

    def output(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._file.close()


def render_nginx_template(values, output):
    """What the nginx image's envsubst step does: only the variables its filter admits."""
    service = compose_service("nginx")
    environment = {key: compose_value(value) for key, value in service["environment"].items()}
    name_filter = environment["NGINX_ENVSUBST_FILTER"]
    (template_mount,) = [v for v in service["volumes"] if v.endswith(".conf.template:ro")]
    template = REPO / template_mount.split(":")[0]
    variables = {key for key in environment if re.search(name_filter, key)}
    assert set(re.findall(r"\$\{(PORTAL_\w+)\}", template.read_text())) == variables, (
        "the template and the compose service's variables differ"
    )
    assert set(values) <= variables
    environment.update(values)
    shell_format = " ".join(f"${{{key}}}" for key in sorted(variables))
    rendered = subprocess.run(
        [require_program("envsubst", "gettext-base"), shell_format],
        input=template.read_text(),
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    output.write_text(rendered)
    return environment


def nginx_values(root, tls, *, http_port, https_port, upstream_port, static_root, media_root):
    """The PORTAL_* values of the compose nginx service for servers on loopback ports, with
    its folders under `root` (the stack test's and the bench's nginx)."""
    return {
        "PORTAL_HTTP_LISTEN": f"127.0.0.1:{http_port}",
        "PORTAL_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        "PORTAL_UPSTREAM": f"127.0.0.1:{upstream_port}",
        "PORTAL_RESOLVER": "127.0.0.1",
        "PORTAL_STATIC_ROOT": str(static_root),
        "PORTAL_MEDIA_ROOT": str(media_root),
        "PORTAL_ERROR_ROOT": str(REPO / "docker" / "nginx" / "errors"),
        "PORTAL_TLS_DIR": str(tls),
        "PORTAL_ACME_ROOT": str(root / "acme"),
        "PORTAL_CACHE_ROOT": str(root / "nginx-cache"),
    }


def nginx_main_config(prefix, server_config):
    """The nginx.conf of the official image, around the rendered server configuration."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    return f"""
worker_processes 1;
pid {prefix / "nginx.pid"};
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
{temp}
    include {server_config};
}}
"""


class Browser:
    """A minimal browser: HTTPS to nginx from a given loopback address, with cookies."""

    def __init__(self, port, source=READER_ADDRESS):
        self.port = port
        self.source = source
        self.origin = f"https://{HOST}:{port}"
        self.cookies = {}  # name -> Morsel, as last set by the site

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPSConnection(
            "127.0.0.1",
            self.port,
            timeout=15,
            source_address=(self.source, 0),
            context=ssl._create_unverified_context(),
        )
        sent = {"Host": f"{HOST}:{self.port}", "User-Agent": "stack-test", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if body is not None and method == "POST":
            sent.setdefault("Origin", self.origin)
            sent.setdefault("Referer", self.origin + path)
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        response.content = response.read()
        conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            self.cookies.update(jar)
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, fields):
        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def upload(self, filename, content, content_type):
        """An image sent from the body editor's toolbar, as its upload adapter sends it."""
        from django.urls import reverse

        body, multipart_type = multipart("upload", filename, content, content_type)
        return self.request(
            "POST",
            reverse("news:editor_upload"),
            body=body,
            headers={
                "Content-Type": multipart_type,
                "X-CSRFToken": self.cookies["csrftoken"].value,
            },
        )

    def log_in(self, username, password):
        login = f"/{ADMIN_URL}login/"
        page = self.get(login)
        assert page.status == 200, page.status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content)[1]
        return self.post_form(
            login,
            {
                "csrfmiddlewaretoken": token.decode(),
                "username": username,
                "password": password,
                "next": f"/{ADMIN_URL}",
            },
        )


def multipart(field, filename, content, content_type):
    boundary = uuid.uuid4().hex
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def png_bytes(width=640, height=360):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()
