# Benchmarks reuse the test suite's fixtures (media in a temporary folder, fast hashing, ...).
from tests.conftest import *  # noqa: F403
