"""
make bench: how close each page is to the fastest any Django page can be.

Starts the site under gunicorn on loopback with production settings (DEBUG off) on a
fresh SQLite database, then measures requests per second and p50/p99 latency with wrk
for a hashed static file, the floor (/healthz, a trivial view), the public pages, the
comparison page with its cache cold, the assessment form and valid assessment
submissions (each one stored). Targets alternate in rounds; the table shows medians
and each page's ratio to the floor measured in the same run. Then Lighthouse scores
three pages (mobile). Everything ends within three minutes; only 127.0.0.1 is targeted.

    .venv/bin/python bench/run.py [--seconds 2] [--rounds 3] [--no-lighthouse]

Numbers go to bench/results/latest.json.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lighthouse  # noqa: E402
import server  # noqa: E402
from submission import Submission, post_once, prepare_submission  # noqa: E402
from wrk import run_wrk, wrk_path  # noqa: E402

RESULTS_PATH = Path(__file__).resolve().parent / "results" / "latest.json"
ROLE_PATH = "/roles/healthcare-management/"
COMPARE_PATH = "/compare/healthcare-management-vs-healthcare-administration/"
# The second server, for the comparison with its cache cold: it never keeps a page.
COLD_CACHE_ENVIRONMENT = {"PAGE_CACHE_SECONDS": "0"}
LIGHTHOUSE_PAGES = {"home": "/", "compare": COMPARE_PATH, "assessment_form": "/assessment/"}
LIGHTHOUSE_SECONDS_PER_PAGE = 45
# Set aside for Lighthouse out of the whole budget, when it can run.
LIGHTHOUSE_RESERVE_SECONDS = 65
STORED_SUBMISSION_STATUSES = frozenset({302, 303})
CONDITIONAL_GET_REPEATS = 6


@dataclass
class Target:
    key: str
    label: str
    path: str
    goal: float | None = None
    server: str = "warm"
    method: str = "GET"
    expected_statuses: frozenset = frozenset({200})
    runs: list = field(default_factory=list)
    skipped: str = ""


def targets_for(static_path: str) -> list[Target]:
    return [
        Target("static", "static CSS (whitenoise)", static_path),
        Target("floor", "/healthz (the floor)", "/healthz"),
        Target("home", "home", "/", goal=0.9),
        Target("role", "role page", ROLE_PATH, goal=0.9),
        Target("compare", "comparison (cached)", COMPARE_PATH, goal=0.9),
        Target("compare_cold", "comparison (cache cold)", COMPARE_PATH, goal=0.02, server="cold"),
        Target("assessment_form", "assessment form", "/assessment/"),
        Target(
            "assessment_post",
            "assessment POST (stored)",
            "/assessment/",
            goal=0.1,
            method="POST",
            expected_statuses=STORED_SUBMISSION_STATUSES,
        ),
    ]


def hashed_static_path(static_root: Path, name: str = "css/bootstrap.min.css") -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def status_of(url: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_conditional_get(url: str) -> dict:
    """
    Whether the page sends a validator and answers 304 when it comes back. The repeats
    go out on new connections, so they reach every gunicorn worker.
    """
    with urllib.request.urlopen(url, timeout=10) as response:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        cache_control = response.headers.get("Cache-Control")
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    statuses = [status_of(url, headers) for _ in range(CONDITIONAL_GET_REPEATS)] if headers else []
    return {
        "etag": etag,
        "last_modified": last_modified,
        "cache_control": cache_control,
        "repeat_statuses": statuses,
    }


def redirects(run: dict) -> int:
    """How many responses in a wrk run were redirects, the answer to a stored submission."""
    return sum(
        count
        for status, count in run["statuses"].items()
        if int(status) in STORED_SUBMISSION_STATUSES
    )


def median(values):
    return statistics.median(values) if values else None


def summarise(target: Target, floor: Target) -> dict:
    """Medians over the rounds, and the ratio to the floor measured in the same run."""
    rps = median([run["rps"] for run in target.runs])
    floor_rps = median([run["rps"] for run in floor.runs])
    floor_by_round = {run["round"]: run["rps"] for run in floor.runs}
    ratio = round(rps / floor_rps, 3) if rps and floor_rps else None
    cpu_ms = median([run["server_cpu_ms"] for run in target.runs if run["server_cpu_ms"]])
    floor_cpu_ms = median([run["server_cpu_ms"] for run in floor.runs if run["server_cpu_ms"]])
    return {
        "label": target.label,
        "path": target.path,
        "method": target.method,
        "skipped": target.skipped or None,
        "rps": round(rps, 1) if rps else None,
        "p50_ms": round(median([run["p50_us"] for run in target.runs]) / 1000, 2)
        if target.runs
        else None,
        "p99_ms": round(median([run["p99_us"] for run in target.runs]) / 1000, 2)
        if target.runs
        else None,
        "ratio_to_floor": ratio,
        "server_cpu_ms_per_request": cpu_ms,
        "cpu_ratio_to_floor": round(floor_cpu_ms / cpu_ms, 3) if cpu_ms and floor_cpu_ms else None,
        "round_ratios": [
            round(run["rps"] / floor_by_round[run["round"]], 3)
            for run in target.runs
            if floor_by_round.get(run["round"])
        ],
        "goal": target.goal,
        "meets_goal": ratio >= target.goal if target.goal is not None and ratio else None,
        "runs": target.runs,
    }


def print_table(results: dict) -> None:
    print()
    print(
        f"{'target':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'x floor':>7}  "
        f"{'goal':<14} {'CPU ms':>6} {'CPU x':>7}"
    )
    print("-" * 92)
    for summary in results["targets"].values():
        if summary["skipped"]:
            print(f"{summary['label']:<28} skipped: {summary['skipped']}")
            continue
        if not summary["rps"]:
            print(f"{summary['label']:<28} not measured")
            continue
        goal = ""
        if summary["goal"] is not None:
            verdict = "ok" if summary["meets_goal"] else "MISSED"
            goal = f">= {summary['goal']:<4} {verdict}"
        ratio = f"{summary['ratio_to_floor']:.2f}" if summary["ratio_to_floor"] else "-"
        cpu = summary["server_cpu_ms_per_request"]
        cpu_ratio = summary["cpu_ratio_to_floor"]
        print(
            f"{summary['label']:<28} {summary['rps']:>7.0f} {summary['p50_ms']:>7.2f} "
            f"{summary['p99_ms']:>7.2f} {ratio:>7}  {goal:<14} "
            f"{f'{cpu:.2f}' if cpu else '-':>6} {f'{cpu_ratio:.2f}' if cpu_ratio else '-':>7}"
        )
    post = results.get("assessment_post_storage")
    if post:
        print(
            f"\nAssessment POST: {post['posts_answered']} submissions answered with a redirect, "
            f"{post['results_stored']} results stored ({post['verdict']})."
        )
    for page, check in results.get("conditional_get", {}).items():
        validator = "ETag" if check["etag"] else "Last-Modified" if check["last_modified"] else None
        if not validator:
            print(f"Conditional GET {page}: no ETag or Last-Modified")
            continue
        statuses = check["repeat_statuses"]
        print(
            f"Conditional GET {page}: {validator} sent; sent back, "
            f"{statuses.count(304)} of {len(statuses)} repeats answered 304"
        )


class LoadTest:
    """The two servers (page cache on, and off for the cold comparison) and the wrk runs."""

    def __init__(self, args, workdir: Path, results: dict):
        self.args = args
        self.results = results
        self.env = server.production_environment(workdir)
        print("Preparing the site: collectstatic, migrate, load_content...", flush=True)
        results["setup"] = server.prepare_site(self.env)
        self.targets = targets_for(hashed_static_path(Path(self.env["STATIC_ROOT"])))
        self.servers = {
            "warm": server.Gunicorn(self.env, workdir / "gunicorn-warm.log", name="warm"),
            "cold": server.Gunicorn(
                server.production_environment(workdir, **COLD_CACHE_ENVIRONMENT),
                workdir / "gunicorn-cold.log",
                name="cold",
            ),
        }
        for running in self.servers.values():
            running.wait_until_healthy()
        origins = " and ".join(running.origin for running in self.servers.values())
        print(f"gunicorn ({server.WORKERS} workers each) on {origins}", flush=True)
        self.submission: Submission | None = None
        self.probe_posts = 0
        self.posts_answered = 0

    @property
    def warm_origin(self) -> str:
        return self.servers["warm"].origin

    def url(self, target: Target) -> str:
        return self.servers[target.server].origin + target.path

    def check_targets(self) -> None:
        """Leave out, with the reason, any target that does not answer as expected yet."""
        for target in self.targets:
            if target.method == "POST":
                try:
                    self.submission = prepare_submission(self.url(target))
                    status, _ = post_once(self.url(target), self.submission)
                    self.probe_posts += 1
                except (RuntimeError, OSError) as error:
                    target.skipped = str(error).splitlines()[0][:80]
                    continue
                if status not in target.expected_statuses:
                    target.skipped = f"a complete submission answered {status}, not a redirect"
            else:
                status = status_of(self.url(target))
                if status not in target.expected_statuses:
                    target.skipped = f"GET {target.path} answered {status}"
            if target.skipped:
                print(f"Skipping {target.label}: {target.skipped}", flush=True)

    def measure(self, target: Target, seconds: int) -> dict:
        post = target.method == "POST"
        cpu_before = self.servers[target.server].worker_cpu_seconds()
        run = run_wrk(
            self.url(target),
            seconds=seconds,
            connections=self.args.connections,
            method=target.method,
            body=self.submission.body if post else "",
            cookie=self.submission.cookie if post else "",
        )
        cpu = self.servers[target.server].worker_cpu_seconds() - cpu_before
        # Server CPU per request: unlike throughput, hardly moved by other load on the machine.
        run["server_cpu_ms"] = round(cpu * 1000 / run["requests"], 3) if run["requests"] else None
        if post:
            self.posts_answered += redirects(run)
        return run

    def run(self, deadline: float) -> None:
        self.check_targets()
        active = [target for target in self.targets if not target.skipped]
        results_before = server.count_results(self.env)
        print("Warming up...", flush=True)
        for target in active:
            self.measure(target, 1)
        rounds_done = 0
        for round_index in range(self.args.rounds):
            if time.monotonic() + (self.args.seconds + 0.5) * len(active) > deadline:
                self.results["notes"].append(
                    f"stopped after {rounds_done} rounds, to stay within the time budget"
                )
                break
            # Rotate the order each round so that no target always runs first or last.
            shift = round_index % len(active)
            print(f"Round {round_index + 1} of {self.args.rounds}...", flush=True)
            for target in active[shift:] + active[:shift]:
                run = self.measure(target, self.args.seconds)
                run["round"] = round_index + 1
                unexpected = {
                    status: count
                    for status, count in run["statuses"].items()
                    if int(status) not in target.expected_statuses
                }
                if unexpected:
                    self.results["notes"].append(
                        f"{target.key}, round {round_index + 1}: unexpected statuses {unexpected}"
                    )
                target.runs.append(run)
            rounds_done += 1
        self.results["rounds"] = rounds_done

        floor = next(target for target in self.targets if target.key == "floor")
        self.results["targets"] = {target.key: summarise(target, floor) for target in self.targets}
        self.record_storage(results_before, server.count_results(self.env), rounds_done)
        self.results["conditional_get"] = {
            target.key: check_conditional_get(self.url(target))
            for target in self.targets
            if target.key in {"home", "role", "compare"} and not target.skipped
        }
        self.servers["cold"].stop()

    def record_storage(self, before: int | None, after: int | None, rounds_done: int) -> None:
        """Every submission answered with a redirect must have stored exactly one result."""
        if self.submission is None or before is None or after is None:
            return
        stored = after - before
        # A request still in flight when wrk stops is stored without being counted as answered.
        in_flight_allowance = self.args.connections * (rounds_done + 1)
        ok = self.posts_answered <= stored <= self.posts_answered + in_flight_allowance
        self.results["assessment_post_storage"] = {
            "questions_answered": self.submission.questions,
            "posts_answered": self.posts_answered,
            "results_stored": stored,
            "verdict": "every answered submission stored" if ok else "MISMATCH",
        }


def run_lighthouse_step(origin: str, results: dict, deadline: float) -> None:
    print("\nLighthouse (mobile)...", flush=True)
    scores = {}
    for page, path in LIGHTHOUSE_PAGES.items():
        remaining = deadline - time.monotonic()
        status = status_of(origin + path)
        if status != 200:
            scores[page] = {"skipped": f"GET {path} answered {status}"}
        elif remaining < 15:
            scores[page] = {"skipped": "out of time"}
        else:
            try:
                scores[page] = lighthouse.run_lighthouse(
                    origin + path, timeout=min(LIGHTHOUSE_SECONDS_PER_PAGE, remaining)
                )
            except Exception as error:  # noqa: BLE001 - report it and go on to the next page
                scores[page] = {"skipped": str(error).splitlines()[0][:200]}
    results["lighthouse"] = scores
    print(f"{'page':<18} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  FCP ms  below 100")
    for page, report in scores.items():
        if "skipped" in report:
            print(f"{page:<18} skipped: {report['skipped']}")
            continue
        values = report["scores"]
        below = ", ".join(report["audits_below_full_score"]) or "-"
        print(
            f"{page:<18} {values['performance']:>5} {values['accessibility']:>5} "
            f"{values['best-practices']:>5} {values['seo']:>5}  "
            f"{report['first_contentful_paint_ms']:>6}  {below}"
        )
        for error in report["console_errors"]:
            print(f"{'':<18} console: {error}")


def stop_at_deadline(budget: float) -> None:
    """A last resort: whatever hangs, the run ends (and its servers stop) soon after the budget."""

    def out_of_time(signum, frame):
        print(f"\nbench: over the {budget:.0f} s budget; stopping.", file=sys.stderr)
        server.stop_all_servers()
        os._exit(2)

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(budget) + 5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=int, default=2, help="length of one measurement (wrk takes whole seconds)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--budget", type=float, default=175, help="seconds for everything")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()

    started = time.monotonic()
    deadline = started + args.budget
    stop_at_deadline(args.budget)
    if not wrk_path():
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 1
    lighthouse_problem = "--no-lighthouse" if args.no_lighthouse else lighthouse.missing_tools()
    # The install (first run only) overlaps the site's setup, never the measurements.
    install = None if lighthouse_problem else lighthouse.start_install()
    results = {
        "started_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "settings": {
            "gunicorn_workers": server.WORKERS,
            "wrk_connections": args.connections,
            "seconds_per_measurement": args.seconds,
        },
        "notes": [],
    }
    workdir = Path(tempfile.mkdtemp(prefix="hcsite-bench-"))
    try:
        load_test = LoadTest(args, workdir, results)
        if not lighthouse_problem:
            lighthouse_problem = lighthouse.finish_install(install, timeout=60)
        reserve = 0 if lighthouse_problem else LIGHTHOUSE_RESERVE_SECONDS
        load_test.run(deadline - reserve)
        print_table(results)
        if lighthouse_problem:
            print(f"\nLighthouse skipped: {lighthouse_problem}.")
            results["lighthouse"] = {"skipped": lighthouse_problem}
        else:
            run_lighthouse_step(load_test.warm_origin, results, deadline)
    finally:
        server.stop_all_servers()
        if install is not None and install.poll() is None:
            install.kill()
        shutil.rmtree(workdir, ignore_errors=True)
        results["seconds"] = round(time.monotonic() - started, 1)
        RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_PATH.write_text(json.dumps(results, indent=2) + "\n")
    for note in results["notes"]:
        print(f"Note: {note}")
    print(f"\nDone in {results['seconds']} s; the numbers are in {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
