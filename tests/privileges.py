"""Tests that need a folder root cannot write to: the tests run as root here and in CI, where permissions alone
do not stop a write."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

NOBODY = 65534  # the unprivileged user's id on Linux


def as_nobody(check: Callable[[], None]) -> None:
    """Run `check` without root's power to write anywhere: in a forked child (no exec: the interpreter may live
    where `nobody` cannot reach, so everything it needs is imported already) that gives root up."""
    if os.geteuid() != 0:
        check()
        return
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            os.close(reading)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            check()
            code = 0
        except BaseException:  # noqa: BLE001 - the parent shows what failed
            os.write(writing, traceback.format_exc().encode())
        finally:
            os._exit(code)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        failure = pipe.read().decode()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, failure
