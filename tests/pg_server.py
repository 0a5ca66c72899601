"""A throwaway PostgreSQL server for the database tests: a real server, never a mock.

`pg_server` (session scope) finds Debian's server binaries (`/usr/lib/postgresql/*/bin`, or
`initdb` on PATH), creates a cluster in a fresh temporary directory, starts it on 127.0.0.1
on a free port with its unix socket in that directory, yields a superuser URL and stops
the server and removes the directory afterwards. PostgreSQL refuses to run as root, so as
root the binaries run as the `postgres` user (created by Debian's package) or `nobody`.
When psycopg or the binaries are missing the tests skip and say why;
`.ci/install-postgres.sh` installs the binaries.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SUPERUSER = "zhfacts"


def find_bin_dir() -> Path | None:
    """The newest Debian PostgreSQL bin directory holding initdb and pg_ctl, else initdb's on PATH."""

    def version(path: str) -> tuple[int, ...]:
        part = Path(path).parent.parent.name
        return tuple(int(x) for x in part.split(".") if x.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve()))
    for initdb in candidates:
        bin_dir = Path(initdb).parent
        if (bin_dir / "pg_ctl").is_file() and (bin_dir / "postgres").is_file():
            return bin_dir
    return None


def _run_as() -> dict[str, Any]:
    """subprocess arguments that drop root privileges; PostgreSQL will not start as root."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    pytest.skip("running as root and there is neither a `postgres` nor a `nobody` user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a superuser connection to a fresh, private PostgreSQL server (database `postgres`)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed (pip install 'zhfacts[postgres]')")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL tests skipped: no server binaries (/usr/lib/postgresql/*/bin/initdb and pg_ctl, "
            "or initdb on PATH); run .ci/install-postgres.sh as root"
        )
    run_as = _run_as()
    tmp = Path(tempfile.mkdtemp(prefix="zhfacts-pg-"))  # short: unix socket paths are limited to ~100 bytes
    if run_as:
        os.chown(tmp, run_as["user"], run_as["group"])
    data = tmp / "data"
    log = tmp / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C", "LANG": "C"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=tmp, env=env, capture_output=True, text=True, timeout=60, **run_as)

    started = False
    try:
        init = run(str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                   "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        assert init.returncode == 0, f"initdb failed:\n{init.stdout}\n{init.stderr}"
        for _ in range(3):  # the free port can be taken between probing and binding: retry
            port = _free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off -c full_page_writes=off"
            start = run(
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            )
            if start.returncode == 0:
                started = True
                break
        server_log = log.read_text(errors="replace") if log.exists() else ""
        assert started, f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{server_log}"
        yield f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            stop = run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
            pid_file = data / "postmaster.pid"
            if stop.returncode != 0 and pid_file.exists():  # last resort: the server we started
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)
