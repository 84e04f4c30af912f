"""
Lighthouse scores (mobile) for a few pages, with Debian's Chromium in headless mode.

Lighthouse comes from bench/package.json (pinned in package-lock.json) and is
installed into bench/node_modules with `npm ci` the first time it is needed. When
npm or Chromium is missing, or time runs short, the step is skipped with a message.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def chromium_path() -> str | None:
    return os.environ.get("CHROME_PATH") or shutil.which("chromium") or None


def missing_tools() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not chromium_path():
        return "Chromium is not installed (apt-get install chromium)"
    if not LIGHTHOUSE.exists() and not shutil.which("npm"):
        return "npm is not installed, so Lighthouse cannot be installed"
    return None


def start_install() -> subprocess.Popen | None:
    """Start `npm ci` in the background when Lighthouse is missing (None when it is there)."""
    if LIGHTHOUSE.exists():
        return None
    print("Installing Lighthouse into bench/node_modules (npm ci) meanwhile...", flush=True)
    return subprocess.Popen(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=BENCH_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_install(install: subprocess.Popen | None, timeout: float) -> str | None:
    """Wait for the install; the reason Lighthouse cannot run, or None when it can."""
    if install is not None:
        try:
            _, errors = install.communicate(timeout=max(1, timeout))
        except subprocess.TimeoutExpired:
            install.kill()
            install.communicate()
            return "npm ci did not finish in time"
        if install.returncode != 0:
            reasons = [
                line.removeprefix("npm error").strip()
                for line in errors.splitlines()
                if line.startswith("npm error") and "complete log" not in line
            ]
            return "npm ci failed: " + " ".join(filter(None, reasons))[:300]
    return None if LIGHTHOUSE.exists() else "npm ci did not install lighthouse"


def run_lighthouse(url: str, timeout: float) -> dict:
    """The four category scores (0-100) for one page, and the few timings worth showing."""
    with tempfile.TemporaryDirectory(prefix="hcsite-lighthouse-") as workdir:
        report_path = Path(workdir) / "report.json"
        env = {**os.environ, "CHROME_PATH": chromium_path() or ""}
        started = time.monotonic()
        # Its own process group, so that a timeout also ends the Chromium it started.
        process = subprocess.Popen(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report_path}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--form-factor=mobile",
                f"--chrome-flags={CHROME_FLAGS}",
                "--max-wait-for-load=20000",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=workdir,
            start_new_session=True,
        )
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RuntimeError(f"lighthouse took over {timeout:.0f} s for {url}") from None
        if process.returncode != 0 or not report_path.exists():
            reason = errors.strip().splitlines()[-1] if errors.strip() else "no report"
            raise RuntimeError(f"lighthouse failed for {url}: {reason}")
        report = json.loads(report_path.read_text())
    scores = {
        name: round(report["categories"][name]["score"] * 100)
        if report["categories"][name]["score"] is not None
        else None
        for name in CATEGORIES
    }
    audits = report["audits"]
    # Only the audits that count toward a category's score.
    scored = {
        ref["id"]
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight")
    }
    failing = sorted(
        audit_id
        for audit_id in scored
        if audits[audit_id].get("score") is not None and audits[audit_id]["score"] < 1
    )
    console_errors = [
        item.get("description", "")[:200]
        for item in (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
    ]
    return {
        "scores": scores,
        "first_contentful_paint_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "largest_contentful_paint_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "total_byte_weight": audits["total-byte-weight"]["numericValue"],
        "audits_below_full_score": failing,
        "console_errors": console_errors,
        "seconds": round(time.monotonic() - started, 1),
    }
