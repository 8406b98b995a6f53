"""A slow task for the health tests: it holds a worker thread for as long as it is told."""

import time

from portal.jobs.queue import jobs


@jobs.task()
def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds
