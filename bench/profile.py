"""
Where a page's time goes: profile requests to one address with pyinstrument.

Sets the site up as `make bench` does (production settings, DEBUG off, a fresh SQLite
database with the starting content), then sends the requests in this process through
Django's whole stack, middleware included, and prints the call tree. `--cold` turns the
page cache off, so that every request builds the page; `--post` sends valid assessment
submissions instead of GETs.

    .venv/bin/python bench/profile.py --cold \
        /compare/healthcare-management-vs-healthcare-administration/
    .venv/bin/python bench/profile.py /assessment/ --post

The tree also goes to bench/results/profile.html.
"""

import argparse
import os
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="the address to profile, e.g. /compare/a-vs-b/")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--cold", action="store_true", help="with the page cache off")
    parser.add_argument("--post", action="store_true", help="valid assessment submissions")
    args = parser.parse_args()

    from pyinstrument import Profiler

    with tempfile.TemporaryDirectory(prefix="hcsite-profile-") as workdir:
        overrides = {"PAGE_CACHE_SECONDS": "0"} if args.cold else {}
        env = server.production_environment(Path(workdir), **overrides)
        print("Preparing the site: collectstatic, migrate, load_content...", flush=True)
        server.prepare_site(env)
        os.environ.update(env)
        sys.path.insert(0, str(server.REPO))
        os.chdir(server.REPO)

        import django

        django.setup()
        send = request_sender(args)
        for _ in range(20):  # warm up: compiled templates and queries, connections
            send()

        profiler = Profiler(interval=0.0002)
        started = time.perf_counter()
        profiler.start()
        for _ in range(args.requests):
            send()
        profiler.stop()
        per_request = (time.perf_counter() - started) * 1000 / args.requests

    print(f"\n{args.requests} requests, {per_request:.2f} ms each with the profiler on")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "profile.html").write_text(profiler.output_html())
    print(f"The tree is also in {RESULTS_DIR / 'profile.html'}")
    return 0


def request_sender(args):
    """A function that sends one request as the options say, and checks the answer."""
    from django.test import Client

    # The headers wrk sends (bench/load.lua): a cached page is answered gzipped, as browsers get it.
    client = Client(
        enforce_csrf_checks=True, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, br"
    )
    if not args.post:

        def get():
            response = client.get(args.path)
            if response.status_code != 200:
                raise SystemExit(f"GET {args.path} answered {response.status_code}")

        return get

    from submission import answers_from_form

    # The client keeps the CSRF cookie from this GET; the answers carry the matching token.
    data, _ = answers_from_form(client.get(args.path).content.decode(), args.path)
    body = urllib.parse.urlencode(data)

    def post():
        response = client.post(args.path, body, content_type="application/x-www-form-urlencoded")
        if response.status_code not in (302, 303):
            raise SystemExit(f"POST {args.path} answered {response.status_code}")

    return post


if __name__ == "__main__":
    sys.exit(main())
