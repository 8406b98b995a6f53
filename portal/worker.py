"""Entry point for the job worker: `python -m portal.jobs.consumer` (or `huey_consumer portal.worker.huey`)."""

from portal import create_app

app = create_app()  # first: jobs.init_app imports huey for this site (portal.jobs.huey_import)

from portal.jobs import heartbeat  # noqa: E402,F401  (declares the worker's own tasks)
from portal.jobs.queue import jobs  # noqa: E402

huey = jobs.huey
