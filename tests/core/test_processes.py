"""Whether a process still runs: the sweeps of temporary files and the job runs of dead
workers rely on it, and a zombie (killed, not yet reaped) runs nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from portal.core.processes import pid_alive


def test_a_running_process_is_alive_and_a_reaped_one_is_not():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert pid_alive(child.pid)
        assert pid_alive(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert not pid_alive(child.pid)


def test_a_killed_process_nobody_has_reaped_yet_counts_as_gone():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        child.kill()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # dead but not waited for: a zombie
            with open(f"/proc/{child.pid}/stat", "rb") as stat:
                if stat.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    break
            time.sleep(0.02)
        else:
            raise AssertionError("the child never became a zombie")
        assert not pid_alive(child.pid)
    finally:
        child.wait()
