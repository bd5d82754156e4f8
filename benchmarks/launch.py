"""Start one command from a small process and report its wall time, CPU time and peak memory.

    python -I -S launch.py FD COMMAND [ARG ...]

A child's peak resident memory (``ru_maxrss``) is never below what the process that spawned
it held when it did: Linux carries that process's high-water mark over the exec. Spawned from
the suite itself, which has loaded codebench, SQLAlchemy and sometimes spaCy, every command
would show the suite's memory. So the suite starts this script, which imports nothing but
``os``, ``sys`` and ``time`` (about 10 MB), and it spawns the command, in a session of its
own, with the environment, folder and standard streams it was given. On file descriptor FD it
writes the child's pid and the monotonic time just before the spawn, one line, as soon as the
child runs (the caller may kill the child's group), then, once the child has been reaped,
one line: exit status, wall seconds from before the spawn, user + system CPU seconds and peak
resident KiB, all from ``os.wait4``.

Standalone on purpose: it is run as a script, with no site packages and no benchmark modules.
"""

import os
import sys
import time


def main() -> int:
    report = int(sys.argv[1])
    argv = sys.argv[2:]
    started = time.monotonic()
    pid = os.posix_spawnp(argv[0], argv, os.environ, setsid=True)
    os.write(report, f"{pid} {started!r}\n".encode())
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - started
    cpu = usage.ru_utime + usage.ru_stime
    os.write(report, f"{status} {wall!r} {cpu!r} {usage.ru_maxrss}\n".encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
