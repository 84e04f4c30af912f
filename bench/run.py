"""
make bench: how close each page is to the fastest any Django page can be.

Starts the site under gunicorn on loopback with production settings (DEBUG off) on a
fresh SQLite database, then measures requests per second and p50/p99 latency with wrk
for a hashed static file, the floor (/healthz, a trivial view), the public pages, the
comparison page with its cache cold, the assessment form and valid assessment
submissions (each one stored). Targets alternate in rounds; the table shows medians
and each page's ratio to the floor measured in the same run. Then Lighthouse scores
three pages (mobile). Everything ends within three minutes; only 127.0.0.1 is targeted.

    .venv/bin/python bench/run.py [--seconds 3] [--rounds 3] [--no-lighthouse]

Numbers go to bench/results/latest.json.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
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
from submission import post_once, prepare_submission  # noqa: E402
from wrk import run_wrk, wrk_path  # noqa: E402

RESULTS_PATH = Path(__file__).resolve().parent / "results" / "latest.json"
COMPARE_PATH = "/compare/healthcare-management-vs-healthcare-administration/"
# The second server, for the comparison with its cache cold: pages are never cached.
COLD_CACHE_ENVIRONMENT = {"PAGE_CACHE_SECONDS": "0"}
LIGHTHOUSE_PAGES = {"home": "/", "compare": COMPARE_PATH, "assessment_form": "/assessment/"}
LIGHTHOUSE_SECONDS_PER_PAGE = 40


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
        Target("role", "role page", "/roles/healthcare-management/", goal=0.9),
        Target("compare", "comparison (cached)", COMPARE_PATH, goal=0.9),
        Target("compare_cold", "comparison (cache cold)", COMPARE_PATH, goal=0.3, server="cold"),
        Target("assessment_form", "assessment form", "/assessment/"),
        Target(
            "assessment_post",
            "assessment POST (stored)",
            "/assessment/",
            goal=0.2,
            method="POST",
            expected_statuses=frozenset({301, 302, 303}),
        ),
    ]


def hashed_static_path(static_root: Path, name: str = "css/bootstrap.min.css") -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_conditional_get(url: str) -> dict:
    """Whether the page sends a validator and answers 304 when it is sent back."""
    with urllib.request.urlopen(url, timeout=10) as response:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        cache_control = response.headers.get("Cache-Control")
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    status = None
    if headers:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10):
                status = 200
        except urllib.error.HTTPError as error:
            status = error.code
    return {
        "etag": etag,
        "last_modified": last_modified,
        "cache_control": cache_control,
        "conditional_status": status,
    }


def redirects(run: dict) -> int:
    """How many responses in a wrk run were redirects (a stored submission's answer)."""
    return sum(count for status, count in run["statuses"].items() if int(status) in {302, 303})


def median(values):
    return statistics.median(values) if values else None


def summarise(target: Target, floor_rps: float | None) -> dict:
    rps = median([run["rps"] for run in target.runs])
    summary = {
        "label": target.label,
        "path": target.path,
        "method": target.method,
        "skipped": target.skipped or None,
        "runs": target.runs,
        "rps": round(rps, 1) if rps else None,
        "p50_ms": round(median([run["p50_us"] for run in target.runs]) / 1000, 2)
        if target.runs
        else None,
        "p99_ms": round(median([run["p99_us"] for run in target.runs]) / 1000, 2)
        if target.runs
        else None,
        "goal": target.goal,
    }
    summary["ratio_to_floor"] = round(rps / floor_rps, 3) if rps and floor_rps else None
    summary["meets_goal"] = (
        summary["ratio_to_floor"] >= target.goal
        if target.goal is not None and summary["ratio_to_floor"] is not None
        else None
    )
    summary["round_ratios"] = []
    return summary


def print_table(results: dict) -> None:
    rows = results["targets"]
    print()
    print(f"{'target':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x floor':>8}  goal")
    print("-" * 72)
    for summary in rows.values():
        if summary["skipped"]:
            print(f"{summary['label']:<28} skipped: {summary['skipped']}")
            continue
        goal = ""
        if summary["goal"] is not None:
            verdict = "ok" if summary["meets_goal"] else "MISSED"
            goal = f">= {summary['goal']:<4} {verdict}"
        ratio = f"{summary['ratio_to_floor']:.2f}" if summary["ratio_to_floor"] else "-"
        print(
            f"{summary['label']:<28} {summary['rps']:>8.0f} {summary['p50_ms']:>8.2f} "
            f"{summary['p99_ms']:>8.2f} {ratio:>8}  {goal}"
        )
    post = results.get("assessment_post_storage")
    if post:
        print(
            f"\nAssessment POST: {post['posts_answered']} submissions answered with a redirect, "
            f"{post['results_stored']} results stored ({post['verdict']})."
        )
    for page, check in results.get("conditional_get", {}).items():
        validator = "ETag" if check["etag"] else "Last-Modified" if check["last_modified"] else None
        if validator:
            status = check["conditional_status"]
            print(f"Conditional GET {page}: {validator} sent, a repeat answers {status}")
        else:
            print(f"Conditional GET {page}: no ETag or Last-Modified")


def run_load_test(args, workdir: Path, results: dict, deadline: float) -> "server.Gunicorn":
    env = server.production_environment(workdir)
    print("Preparing the site: collectstatic, migrate, load_content...", flush=True)
    results["setup"] = server.prepare_site(env)
    static_path = hashed_static_path(Path(env["STATIC_ROOT"]))
    warm = server.Gunicorn(env, workdir / "gunicorn-warm.log", name="warm")
    cold = server.Gunicorn(
        server.production_environment(workdir, **COLD_CACHE_ENVIRONMENT),
        workdir / "gunicorn-cold.log",
        name="cold",
    )
    servers = {"warm": warm, "cold": cold}
    for running in servers.values():
        running.wait_until_healthy()
    print(f"gunicorn ({server.WORKERS} workers) on {warm.origin} and {cold.origin}", flush=True)

    targets = targets_for(static_path)
    submission = None
    results_before = server.count_results(env)
    probe_posts = 0
    for target in targets:
        url = servers[target.server].origin + target.path
        if target.method == "POST":
            try:
                submission = prepare_submission(url)
                status, location = post_once(url, submission)
                probe_posts += 1
            except (RuntimeError, urllib.error.URLError, OSError) as error:
                target.skipped = str(error).splitlines()[0][:80]
                continue
            if status not in target.expected_statuses:
                target.skipped = f"a valid-looking POST answered {status}, not a redirect"
        else:
            status = status_of(url)
            if status not in target.expected_statuses:
                target.skipped = f"GET {target.path} answered {status}"
    active = [target for target in targets if not target.skipped]
    for target in targets:
        if target.skipped:
            print(f"Skipping {target.label}: {target.skipped}", flush=True)

    def measure(target: Target, seconds: float) -> dict:
        url = servers[target.server].origin + target.path
        return run_wrk(
            url,
            seconds=seconds,
            connections=args.connections,
            method=target.method,
            body=submission.body if target.method == "POST" else "",
            cookie=submission.cookie if target.method == "POST" else "",
        )

    posts_answered = 0
    print("Warming up...", flush=True)
    for target in active:
        warmup = measure(target, 1)
        if target.method == "POST":
            posts_answered += redirects(warmup)
    rounds_done = 0
    per_run = args.seconds + 0.3
    for round_index in range(args.rounds):
        if time.monotonic() + per_run * len(active) > deadline:
            results["notes"].append(f"stopped after {rounds_done} rounds, for the time budget")
            break
        # Rotate the order each round so no target always runs first or last.
        order = active[round_index % len(active) :] + active[: round_index % len(active)]
        print(f"Round {round_index + 1} of {args.rounds}...", flush=True)
        for target in order:
            run = measure(target, args.seconds)
            run["round"] = round_index + 1
            unexpected = {
                status: count
                for status, count in run["statuses"].items()
                if int(status) not in target.expected_statuses
            }
            if unexpected:
                results["notes"].append(
                    f"{target.key} round {round_index + 1}: unexpected statuses {unexpected}"
                )
            if target.method == "POST":
                posts_answered += redirects(run)
            target.runs.append(run)
        rounds_done += 1

    results_after = server.count_results(env)
    floor = next(target for target in targets if target.key == "floor")
    floor_rps = median([run["rps"] for run in floor.runs])
    results["targets"] = {target.key: summarise(target, floor_rps) for target in targets}
    # Per-round ratios, each against the floor of the same round.
    floor_by_round = {run["round"]: run["rps"] for run in floor.runs}
    for target in targets:
        results["targets"][target.key]["round_ratios"] = [
            round(run["rps"] / floor_by_round[run["round"]], 3) for run in target.runs
        ]
    results["rounds"] = rounds_done
    if submission is not None and results_before is not None and results_after is not None:
        stored = results_after - results_before - probe_posts
        # A request still in flight when wrk stops may be stored without being counted as answered.
        in_flight_allowance = args.connections * (rounds_done + 1)
        ok = posts_answered <= stored <= posts_answered + in_flight_allowance
        results["assessment_post_storage"] = {
            "questions_answered": submission.questions,
            "posts_answered": posts_answered,
            "results_stored": stored,
            "verdict": "every answered submission stored" if ok else "MISMATCH",
        }
    results["conditional_get"] = {
        target.key: check_conditional_get(warm.origin + target.path)
        for target in targets
        if target.key in {"home", "role", "compare"} and not target.skipped
    }
    cold.stop()
    return warm


def run_lighthouse_step(origin: str, results: dict, deadline: float) -> None:
    problem = lighthouse.missing_tools()
    if problem:
        print(f"\nLighthouse skipped: {problem}.")
        results["lighthouse"] = {"skipped": problem}
        return
    scores = {}
    try:
        lighthouse.ensure_installed(timeout=max(10, deadline - time.monotonic() - 30))
    except Exception as error:  # noqa: BLE001 - any install failure means: skip, and say why
        print(f"\nLighthouse skipped: npm ci failed ({error}).")
        results["lighthouse"] = {"skipped": f"npm ci failed: {error}"}
        return
    print("\nLighthouse (mobile)...", flush=True)
    for page, path in LIGHTHOUSE_PAGES.items():
        remaining = deadline - time.monotonic()
        status = status_of(origin + path)
        if status != 200:
            scores[page] = {"skipped": f"GET {path} answered {status}"}
            continue
        if remaining < 15:
            scores[page] = {"skipped": "out of time"}
            continue
        try:
            scores[page] = lighthouse.run_lighthouse(
                origin + path, timeout=min(LIGHTHOUSE_SECONDS_PER_PAGE, remaining)
            )
        except Exception as error:  # noqa: BLE001 - report the failure and go on to the next page
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3, help="length of one measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--budget", type=float, default=175, help="seconds for everything")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()

    started = time.monotonic()
    deadline = started + args.budget
    if not wrk_path():
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 1
    lighthouse_reserve = 0 if args.no_lighthouse or lighthouse.missing_tools() else 75
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
        warm = run_load_test(args, workdir, results, deadline - lighthouse_reserve)
        print_table(results)
        if args.no_lighthouse:
            results["lighthouse"] = {"skipped": "--no-lighthouse"}
        else:
            run_lighthouse_step(warm.origin, results, deadline)
    finally:
        server.stop_all_servers()
        shutil.rmtree(workdir, ignore_errors=True)
        results["seconds"] = round(time.monotonic() - started, 1)
        RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_PATH.write_text(json.dumps(results, indent=2) + "\n")
    for note in results["notes"]:
        print(f"Note: {note}")
    print(f"\nDone in {results['seconds']} s; numbers in {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
