"""The product's settings plus the ceiling pages of bench/ceilings.py, for the load benchmarks
only (bench/run.py starts gunicorn with DJANGO_SETTINGS_MODULE=bench.settings)."""

from readiness.settings import *  # noqa: F403
from readiness.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
