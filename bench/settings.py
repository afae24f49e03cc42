"""Production settings plus the ceiling page's URL (bench/urls.py); nothing else differs."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
