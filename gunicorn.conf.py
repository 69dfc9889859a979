"""gunicorn settings for Consult: `gunicorn -c gunicorn.conf.py wsgi:app`.

Live event streams hold a worker thread for their whole life (bounded by
CONSULT_STREAM_LIFETIME_SECONDS, after which browsers reconnect and resume). Threaded workers
keep them from blocking pages: each process serves at most CONSULT_MAX_STREAMS streams
(threads minus two by default, so two threads always remain for ordinary requests) and
answers 503 beyond that, which sends projectors to the polling endpoint.

Capacity: workers x (threads - 2) concurrent streams; the defaults (4 x 16) hold 56 projectors
or control pages at once, on top of normal traffic.
"""

import os

bind = os.environ.get("CONSULT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CONSULT_WORKERS", "4"))
threads = int(os.environ.get("CONSULT_THREADS", "16"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then; streams end by themselves so none is cut for long.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"

os.environ.setdefault("CONSULT_MAX_STREAMS", str(max(1, threads - 2)))
