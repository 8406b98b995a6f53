"""Entry point for the job worker: `huey_consumer portal.worker.huey`."""

from portal import create_app
from portal.jobs import heartbeat  # noqa: F401  (declares the worker's own tasks)
from portal.jobs.queue import jobs

app = create_app()
huey = jobs.huey
