"""Production settings, read from the environment only, as the compose stack gives them.

Each check starts a fresh process with a production environment: settings are read once, at
start, so that is the only honest way to see what a given environment produces.
"""

import ipaddress
import json
import re
import socket
import subprocess
import sys

import pytest
import yaml

from tests.deploy_support import REPO, free_port, production_environment

SETTINGS_DUMP = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "TRUSTED_PROXIES": settings.TRUSTED_PROXIES,
    "cache": caches["default"].__class__.__module__ + "." + caches["default"].__class__.__name__,
    "storage": default_storage.__class__.__module__ + "." + default_storage.__class__.__name__,
    "photo_url": default_storage.url("photos/2020/10/anh.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_under(env):
    result = run_python(SETTINGS_DUMP, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def example_environment():
    """What the `web` container gets: .env.example (its "change" values changed, as the
    operator must) plus the environment docker-compose.yml adds for the portal's services."""
    values = {}
    for line in (REPO / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"} <= values.keys()
    values["SECRET_KEY"] = "k3Yq9-Xw2vLr8Tn5Bz1Hs6Jd4Mf0Pc7Ga-Ue2Ri9Ot5Sy3Wl8Vb6Nh1Qk4Zx7Cj"
    values["POSTGRES_PASSWORD"] = "9f2c4e7a1b8d3f6e0a5c2b7d4e1f8a3c"
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    for key, value in compose["x-portal"]["environment"].items():
        value = re.sub(r"\$\{POSTGRES_PASSWORD[^}]*\}", values["POSTGRES_PASSWORD"], value)
        values[key] = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", value)
    return values


def test_check_deploy_finds_nothing_with_the_example_production_values():
    env = production_environment(**example_environment())

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_is_the_default_https_only_behind_the_trusted_proxy():
    env = production_environment(**example_environment())
    del env["DEBUG"]

    settings = settings_under(env)

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]
    assert settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert settings["TRUSTED_PROXIES"] == ["172.30.80.2"]  # nginx, and nothing else
    assert settings["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert settings["storage"] == "portal.storage.MediaStorage"
    assert settings["photo_url"] == "/media/photos/2020/10/anh.jpg"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": None}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "change-me-to-a-long-random-string"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "short-but-random-Xw2vLr8Tn5"}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "Set ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "Set DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_real_values(change, message):
    env = production_environment(**example_environment())
    for key, value in change.items():
        if value is None:
            del env[key]
        else:
            env[key] = value

    result = run_python("import django; django.setup()", env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


@pytest.mark.parametrize(
    ("storage_env", "photo_url", "origin"),
    [
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.example.vn"},
            "https://s3.example.vn/portal-media/photos/2020/10/anh.jpg",
            "https://s3.example.vn",
        ),
        (
            {
                "AWS_S3_ENDPOINT_URL": "https://s3.example.vn",
                "AWS_S3_CUSTOM_DOMAIN": "anh.example.vn",
            },
            "https://anh.example.vn/photos/2020/10/anh.jpg",
            "https://anh.example.vn",
        ),
    ],
)
def test_media_move_to_s3_compatible_storage_by_environment_alone(storage_env, photo_url, origin):
    env = production_environment(
        **example_environment(),
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_ACCESS_KEY_ID="portal",
        AWS_SECRET_ACCESS_KEY="khoa-bi-mat-cua-kho-anh",
        **storage_env,
    )

    settings = settings_under(env)

    assert settings["storage"] == "storages.backends.s3.S3Storage"
    assert settings["photo_url"] == photo_url  # plain, cacheable, no signature
    assert settings["img_src"] == ["'self'", origin]  # the CSP lets pages show those photos


def test_cache_is_shared_through_redis_when_cache_url_says_so():
    env = production_environment(**example_environment(), CACHE_URL="redis://127.0.0.1:6379/15")

    assert settings_under(env)["cache"] == "django.core.cache.backends.redis.RedisCache"

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379 to round-trip through")
    round_trip = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('deploy-test', 'Đài Kim Bảng', 30)\n"
        "print(cache.get('deploy-test')); cache.delete('deploy-test')\n"
    )
    result = run_python(round_trip, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Đài Kim Bảng"


def test_a_failing_request_is_logged_to_stdout_with_its_traceback():
    env = production_environment(
        **{
            **example_environment(),
            "DATABASE_URL": f"postgres://portal:secret@127.0.0.1:{free_port()}/portal",
        }
    )
    request = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "response = Client(raise_request_exception=False).get(\n"
        "    '/', HTTP_HOST='tintuc.example.vn', secure=True)\n"
        "print('status', response.status_code)\n"
    )

    result = run_python(request, env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "status 500"
    assert re.search(r"ERROR django\.request \d+: Internal Server Error: /", result.stdout)
    assert "Traceback (most recent call last):" in result.stdout
    assert "OperationalError" in result.stdout


def test_compose_keeps_web_behind_nginx_and_data_in_named_volumes():
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]

    assert [name for name, service in services.items() if "ports" in service] == ["nginx"]
    # web believes X-Forwarded-For from nginx's fixed address only (tests/test_stack.py proves
    # the lockout through nginx with this value), and the address lies in the stack's subnet.
    nginx_address = services["nginx"]["networks"]["default"]["ipv4_address"]
    trusted = re.sub(
        r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", compose["x-portal"]["environment"]["TRUSTED_PROXIES"]
    )
    assert trusted == nginx_address
    (subnet,) = [entry["subnet"] for entry in compose["networks"]["default"]["ipam"]["config"]]
    assert ipaddress.ip_address(nginx_address) in ipaddress.ip_network(subnet)
    assert services["db"]["image"].startswith("postgres:17")
    assert services["backup"]["image"] == services["db"]["image"]  # pg_dump of the same major
    assert "db-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "media:/app/media" in services["web"]["volumes"]
    assert "state:/app/var" in services["web"]["volumes"]  # the content version, shared
    assert "static:/srv/static" in services["migrate"]["volumes"]
    assert {"db-data", "media", "static", "state"} <= compose["volumes"].keys()
    for name, service in services.items():
        assert "no-new-privileges:true" in service["security_opt"], name
        assert service["cap_drop"] == ["ALL"], name
    dockerfile = (REPO / "Dockerfile").read_text()
    (user,) = re.findall(r"^USER (\S+)$", dockerfile, re.M)
    assert not user.startswith(("0", "root"))
    # A new volume takes the owner of the image's folder it is mounted on: the portal's user
    # must own those folders, or `migrate` and `web` could not write their first files.
    owned = re.search(rf"chown {user} (.+)$", dockerfile, re.M)[1].split()
    for name in ["migrate", "web"]:
        for mount in services[name]["volumes"]:
            assert mount.split(":")[1] in owned, mount
    assert services["backup"]["environment"]["MEDIA_OWNER"] == user  # restored files too
