"""Run wrk against a loopback URL and read back the JSON summary that load.lua prints."""

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

LUA_SCRIPT = Path(__file__).resolve().parent / "load.lua"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 1,
    method: str = "GET",
    body: str = "",
    cookie: str = "",
) -> dict:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"the benchmark only targets loopback, not {host}")
    env = {
        **os.environ,
        "BENCH_METHOD": method,
        "BENCH_BODY": body,
        "BENCH_COOKIE": cookie,
    }
    completed = subprocess.run(
        [
            wrk_path() or "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={max(1, seconds)}s",
            "--timeout=5s",
            f"--script={LUA_SCRIPT}",
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line.removeprefix("BENCH_JSON "))
            result["rps"] = result["requests"] / (result["duration_us"] / 1_000_000)
            return result
    raise RuntimeError(f"wrk printed no summary for {url}:\n{completed.stdout}{completed.stderr}")
