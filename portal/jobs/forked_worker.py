"""gunicorn settings for `make run` (`gunicorn -c python:portal.jobs.forked_worker --preload …`):
the job worker is forked from gunicorn's master once the app is loaded, as the web workers are,
so that it shares the loaded code and data with them instead of importing it all again in a
process of its own (bench/load.py, the embedded stack after the load run: the job worker
87 → 49 MiB PSS). When it ends without being told (killed, out of memory, a crash), the master
forks a new one: within a second when it had run for a minute or more, else after 2, 4, … up
to 60 s. It stops with the master. Its options (those of `python -m
portal.jobs.consumer`) are in PORTAL_JOB_WORKER; empty or unset, no job worker is started.

The deployment (docs/deploy/) keeps the job worker a service of its own, on as many machines
as wanted: this is for the one-machine embedded setup.
"""

from __future__ import annotations

import os
import select
import shlex
import signal
import sys
import time
import traceback

_worker: dict[str, int | float] = {}  # in the master: the job worker's "pid", "pidfd", "started", and
# "retry_at"/"delay" when it has to be started again
_QUICK_END = 60  # seconds: a job worker that ends sooner is started again after a growing delay
_MAX_DELAY = 60

# gunicorn's master handles these; the job worker gets the defaults back before huey sets its own.
_SIGNALS = ("SIGHUP", "SIGQUIT", "SIGINT", "SIGTERM", "SIGTTIN", "SIGTTOU", "SIGUSR1", "SIGUSR2", "SIGWINCH",
            "SIGCHLD")


def when_ready(server) -> None:
    """In the master, after the app is loaded (--preload) and before the web workers are forked."""
    options = shlex.split(os.environ.get("PORTAL_JOB_WORKER", ""))
    if not options:
        return
    _start(server, options)
    manage = server.manage_workers  # called by the master's loop about once a second

    def manage_workers() -> None:
        manage()
        try:
            _restart_if_ended(server, options)
        except OSError:  # no fork now (out of memory, of processes, of descriptors): try again later,
            # without taking the master and its web workers down with it
            delay = _retry_after(_next_delay(), time.monotonic())
            server.log.exception("Job worker not started; trying again in %.0f s", delay)

    server.manage_workers = manage_workers


def _start(server, options: list[str]) -> None:
    pid = os.fork()
    if pid == 0:  # the job worker: it never returns into gunicorn's code
        _run_job_worker(server, options)
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:  # a job worker the master could not follow is not left running
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _worker.update(pid=pid, pidfd=pidfd, started=time.monotonic())
    server.log.info("Job worker started (pid: %s): %s", pid, " ".join(options))


def _restart_if_ended(server, options: list[str]) -> None:
    """A job worker that ended without being told is replaced: at once when it had run for a
    minute or more, else after 2, 4, … up to 60 s while each new one ends within a minute (a
    fault that ends it as it starts must not make the master fork without pause)."""
    now = time.monotonic()
    pidfd = _worker.get("pidfd")
    if pidfd is not None:
        if not _ended(pidfd):
            return  # still running
        pid, lived = _worker.pop("pid"), now - _worker.pop("started")
        os.close(_worker.pop("pidfd"))  # the zombie is gunicorn's to reap (its waitpid(-1) on SIGCHLD)
        delay = _retry_after(0.0 if lived >= _QUICK_END else _next_delay(), now)
        server.log.error("Job worker (pid: %s) ended after %.0f s; a new one starts in %.0f s", pid, lived, delay)
    if "retry_at" in _worker and now >= _worker["retry_at"]:
        del _worker["retry_at"]
        _start(server, options)


def _next_delay() -> float:
    """2 s after a first quick end, then twice the last delay, at most _MAX_DELAY."""
    return min(_MAX_DELAY, max(2.0, 2 * _worker.get("delay", 1.0)))


def _retry_after(delay: float, now: float) -> float:
    _worker.update(delay=delay or 1.0, retry_at=now + delay)
    return delay


def _ended(pidfd: int) -> bool:
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    return bool(poller.poll(0))


def _run_job_worker(server, options: list[str]) -> None:
    code = 1
    try:
        for listener in server.LISTENERS:  # the web workers' sockets are not the job worker's
            listener.close()
        for worker in server.WORKERS.values():  # nor their heartbeat files (when forked again later)
            worker.tmp.close()
        for name in _SIGNALS:
            signal.signal(getattr(signal, name), signal.SIG_DFL)
        from portal.jobs.consumer import main

        main(options)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - said on stderr; the process ends here whatever happened
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def on_exit(server) -> None:
    """The master is stopping: stop the job worker (as `kill` did in `make run`), wait for it."""
    pidfd = _worker.pop("pidfd", None)
    if pidfd is None:  # none started, or one is waiting to be started again
        return
    try:
        signal.pidfd_send_signal(pidfd, signal.SIGTERM)  # by pidfd: never another process that took its pid
    except ProcessLookupError:
        pass  # already ended
    ready, _, _ = select.select([pidfd], [], [], 30)
    if not ready:
        signal.pidfd_send_signal(pidfd, signal.SIGKILL)
        select.select([pidfd], [], [], 10)
    try:
        os.waitpid(int(_worker.pop("pid")), 0)
    except ChildProcessError:
        pass  # the master's own reaping took it first
    os.close(pidfd)
    server.log.info("Job worker stopped")
