"""The product's settings, with the bench URLconf (baseline view) on top. Bench only."""
from longtoblog.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
