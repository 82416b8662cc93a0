"""Gunicorn settings for `make serve` and the benchmarks: `gunicorn -c readiness/gunicorn.conf.py`.

Environment: PORT (8000), HOST (127.0.0.1: only a proxy on the same machine reaches it; set it
to the address the load balancer connects to), WEB_CONCURRENCY (workers; default 2 x CPUs + 1),
GUNICORN_TIMEOUT (30 s), GUNICORN_ACCESS_LOG (off; the load balancer logs requests)."""

import multiprocessing
import os

wsgi_app = "readiness.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Sync workers: requests are short and CPU-bound (template rendering), and the load balancer
# in front buffers slow clients. Two per core keeps a core busy while one waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20

# Import Django once before forking: faster start, shared memory. Django opens no database
# connection at import, so no connection is shared between workers.
preload_app = True

# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 5000
max_requests_jitter = 500

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the local proxy; Django reads X-Forwarded-Proto itself.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
