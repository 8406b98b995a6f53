"""gunicorn settings for the portal behind nginx: `gunicorn -c docs/deploy/gunicorn.conf.py wsgi:app`.

Every value can be changed without editing this file through the environment variables read
below (set them in /etc/portal/env). nginx buffers whole requests and responses, so a resident
on a 2G link holds an nginx connection, never a gunicorn worker: plain sync workers and short
timeouts are right here.
"""

import multiprocessing
import os
import re

# One instance per port; a second instance on the same or another server uses another bind.
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")

# Requests are short and mostly CPU (templates, compression): (2 x cores) + 1 sync workers.
workers = int(os.environ.get("PORTAL_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# nginx has the whole request before it reaches us and takes the whole answer at once:
# 30 s is plenty (a PDF upload to the library is parsed by the job worker, not here).
timeout = int(os.environ.get("PORTAL_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 2

# Load the app once in the master, then fork: less memory per worker, faster restarts.
preload_app = True

# Recycle workers now and then (a slow leak never grows for ever); the jitter keeps them
# from restarting all at once.
max_requests = 1000
max_requests_jitter = 100

# Request-line and header limits well above what the portal's own URLs need.
limit_request_line = 4094
limit_request_fields = 60

# Only nginx on this machine may set X-Forwarded-Proto (set PROXY_COUNT=1 for the client address).
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log: method, path without the query string (%(U)s, never %(r)s or %(q)s: search
# words and tracking codes may hold personal data), status, bytes, duration; no Referer
# (it carries other pages' query strings) and no client address (nginx logs what it must).
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# gunicorn's control socket (for `gunicornc`) in the instance folder, one per bind: by default
# every server on the machine would take the same ~/.gunicorn/gunicorn.ctl (and the hardened
# unit may not write there). PORTAL_CONTROL_SOCKET names another path, or "off".
_checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_instance = os.environ.get("PORTAL_INSTANCE") or os.path.join(_checkout, "instance")
control_socket = os.environ.get("PORTAL_CONTROL_SOCKET") or os.path.join(
    _instance, "gunicorn-" + re.sub(r"[^A-Za-z0-9.]+", "-", bind) + ".ctl")
control_socket_disable = control_socket == "off"

# The heartbeat files on a RAM disk: a worker is never killed because /tmp's disk is slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

proc_name = "portal-web"


def post_fork(server, worker):
    """A connection opened in the master before the fork must not be shared by workers."""
    from portal.db import db

    if db.engine is not None:
        db.engine.dispose(close=False)
