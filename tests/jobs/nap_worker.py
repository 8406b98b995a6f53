"""The portal's worker with the test's slow task: `huey_consumer tests.jobs.nap_worker.huey`."""

from portal.worker import app, huey  # noqa: F401
from tests.jobs import naps  # noqa: F401  (declares `nap` in the worker too)
