"""`make bench`: our public pages side by side with nginx's limit and Django's floors.

    .venv/bin/python -m bench.run                    # 10 s a row (make bench)
    .venv/bin/python -m bench.run --seconds 2 --check   # CI (make bench-ci)

On this machine, with wrk (`-t2 -c16` by default): nginx sending a saved copy of the article
from disk (the limit); a Django view returning a 40 KB string (the floor) and a page of
teasers from a template (the template floor), both through our middleware; then our article,
home, section and search pages from Django's page cache, with it off (PAGE_CACHE_SECONDS=0),
and through the front cache (deploy/nginx/, as `make front` runs it) for readers carrying
our cookies, a different csrftoken on every request (bench/readers.lua). Django runs as `make serve` runs it (gunicorn, one process per core, no Redis)
over the demo newsroom in a SQLite file of its own (or BENCH_DATABASE_URL).

With --check (make bench-ci) it exits non-zero if a page Django marks public reached Django
(missed the front cache) for a reader with cookies, if a front-cache row had errors, if a
page did not answer 200, if `make serve` ran a single process on a machine of several cores,
or if a process built the article more than once when 32 connections asked for it right
after an invalidation; without it, those are printed as warnings.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Readers with cookies: each request another reader, with a csrftoken of its own (one in ten
# malformed) and an analytics cookie (bench/readers.lua); the warm-up asks as one of them.
READERS = Path(__file__).resolve().parent / "readers.lua"
READER_COOKIES = "csrftoken=" + "a" * 32 + "; _ga=GA1.2.123.456"
# Statuses of a request answered from the front cache's copy (STALE, UPDATING: an expired
# copy served while one request refreshes it).
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}

URLS = """
import json
from articles.models import Article, Category
from sites.models import Site
site = Site.objects.get(slug="benluc")
articles = Article.objects.published().for_site(site)
article = articles.filter(title__icontains="Dân vận").first() or articles.first()
print(json.dumps({"host": site.host, "article": article.get_absolute_url(),
                  "section": article.category.get_absolute_url()}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """The servers this run started, each in a session of its own, all stopped at the end."""

    def __init__(self, run_dir):
        self.run_dir, self.started = run_dir, []

    def start(self, name, argv, env, port):
        log = (self.run_dir / f"{name}.log").open("w")
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.started.append(proc)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                sys.exit(f"bench: {name} stopped: see {self.run_dir / (name + '.log')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return proc
            except OSError:
                time.sleep(0.2)
        sys.exit(f"bench: {name} did not listen on port {port}")

    def stop_all(self):
        for proc in self.started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def django_env(database_url, run_dir, **extra):
    """make serve's environment, production-like, with the floors' URLs."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CACHE_URL", "REDIS_URL", "DEBUG", "PAGE_CACHE_SECONDS", "DJANGO_SETTINGS_MODULE")}
    env.update(
        ENV_FILE="", DEBUG="false", HTTPS="false", LOG_LEVEL="ERROR",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost,.localhost", DATABASE_URL=database_url,
        SITE_URL="http://127.0.0.1:8000", TRUSTED_PROXIES="127.0.0.1",
        MEDIA_ROOT=str(run_dir / "media"), DJANGO_SETTINGS_MODULE="bench.settings",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args, env):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, headers, seconds, threads, connections, script=None):
    """(req/s, p99 ms, errors) of one wrk run."""
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if script:
        argv[1:1] = ["-s", str(script)]
    for name, value in headers.items():
        argv[1:1] = ["-H", f"{name}: {value}"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1])
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
    return rate, p99, errors


def machine():
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    return f"{model}, {len(os.sched_getaffinity(0))} cores{memory}, {platform.system()} {platform.release()}"


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def check_serving(master, site, article, port, builds_log, setup_env, args):
    """make serve's processes, and the builds of a page read by many after an invalidation.

    Without Redis every process keeps its own copies: after an edit each process may build a
    page once, never more, however many readers ask for it at that moment.
    """
    failures = []
    workers = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout.split()
    cores = len(os.sched_getaffinity(0))
    print(f"make serve: {len(workers)} worker processes on {cores} cores")
    if len(workers) < min(cores, 2):
        failures.append(f"make serve ran {len(workers)} worker process(es) on {cores} cores")
    host = {"Host": site["host"]}
    url = f"http://127.0.0.1:{port}{article}"
    get(url, host)
    manage("shell", "-c", "from sites.models import Site; Site.objects.bump([Site.objects.get(slug='benluc').pk])",
           env=setup_env)
    builds_log.write_text("")
    wrk(url, host, 2, args.threads, args.connections * 2)
    builds = [line.split()[0] for line in builds_log.read_text().splitlines() if line.split()[1] == article]
    print(f"after an invalidation, {args.connections * 2} connections for 2 s on the article: built "
          f"{len(builds)} time(s), by {len(set(builds))} process(es)")
    if len(builds) != len(set(builds)):
        failures.append(f"the article was built {len(builds)} times by {len(set(builds))} processes "
                        "after one invalidation (once per process at most)")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration of each row")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (every row once per round); medians are shown")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the front cache missed for a reader with cookies (CI)")
    parser.add_argument("--run-dir", default=str(ROOT / ".bench"))
    parser.add_argument("--pages", default="article,home,section,search",
                        help="which of our pages to measure (comma-separated), beside the limit and floors")
    args = parser.parse_args()
    if not shutil.which("wrk") or not Path(NGINX).exists():
        sys.exit("bench: needs wrk and nginx (make front-deps installs them)")

    run_dir = Path(args.run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{run_dir / 'bench.sqlite3'}"
    setup_env = django_env(database_url, run_dir)
    started = time.monotonic()
    manage("migrate", "--noinput", env=setup_env)
    manage("collectstatic", "--noinput", "-v0", env=setup_env)
    manage("load_demo", "--force", env=setup_env)  # idempotent; DEBUG is off here
    site = json.loads(manage("shell", "-c", URLS, env=setup_env).strip().splitlines()[-1])
    pages = {"article": site["article"], "home": "/", "section": site["section"],
             "search": "/tim-kiem/?q=hoi+nghi+dan+van"}

    processes = Processes(run_dir)
    try:
        cached_port, uncached_port, front_port, static_port = (free_port() for _ in range(4))
        gunicorn = [GUNICORN, "benluc.wsgi", "-c", "python:benluc.gunicorn_conf"]
        builds_log = run_dir / "builds.log"
        builds_log.write_text("")
        cached = processes.start("gunicorn-cached", gunicorn, django_env(
            database_url, run_dir, BIND=f"127.0.0.1:{cached_port}", CACHE_DIR=run_dir / "cache-on",
            BENCH_BUILDS_LOG=builds_log), cached_port)
        processes.start("gunicorn-uncached", gunicorn, django_env(
            database_url, run_dir, BIND=f"127.0.0.1:{uncached_port}", PAGE_CACHE_SECONDS=0,
            CACHE_DIR=run_dir / "cache-off"), uncached_port)
        front_dir = run_dir / "front"
        shutil.rmtree(front_dir / "cache", ignore_errors=True)
        access_log = front_dir / "access.log"
        conf = subprocess.run(
            [sys.executable, str(ROOT / "deploy/nginx/render.py"), "--port", str(front_port),
             "--upstream", f"127.0.0.1:{cached_port}", "--run-dir", str(front_dir),
             "--static-port", str(static_port), "--access-log", str(access_log)],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        processes.start("nginx", [NGINX, "-p", f"{front_dir}/", "-c", conf, "-e",
                                  str(front_dir / "error.log"), "-g", "daemon off;"], None, front_port)

        host = {"Host": site["host"]}
        status, _headers, article_html = get(f"http://127.0.0.1:{cached_port}{pages['article']}", host)
        assert status == 200, status
        (front_dir / "static-copy").mkdir(exist_ok=True)
        (front_dir / "static-copy" / "article.html").write_bytes(article_html)

        # The limit is asked by the same readers (bench/readers.lua), so that wrk's own cost of
        # making their cookies weighs on both sides of the ratio.
        rows = [("nginx: saved copy of the article (the limit)", f"http://127.0.0.1:{static_port}/article.html", {}, "limit"),
                ("Django floor: a 40 KB string", f"http://127.0.0.1:{cached_port}/__bench/floor/", {"Host": "localhost"}, None),
                ("Django template floor", f"http://127.0.0.1:{cached_port}/__bench/template-floor/", {"Host": "localhost"}, None)]
        for name, path in pages.items():
            if name not in args.pages.split(","):
                continue
            rows += [
                (f"{name}, page cache", f"http://127.0.0.1:{cached_port}{path}", host, None),
                (f"{name}, page cache off", f"http://127.0.0.1:{uncached_port}{path}", host, None),
                (f"{name}, front cache, reader cookies", f"http://127.0.0.1:{front_port}{path}",
                 {**host, "Cookie": READER_COOKIES}, "front"),
            ]
            if name == "search":  # the search goal: p99 with 32 readers at once
                rows.append((f"search, page cache, {args.connections * 2} connections",
                             f"http://127.0.0.1:{cached_port}{path}", host, "double"))

        print(f"machine: {machine()}; load average before: {load()}")
        print(f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, {args.repeat} round(s), medians; "
              f"gunicorn as make serve runs it ({len(os.sched_getaffinity(0))} processes × "
              f"{os.environ.get('GUNICORN_THREADS', '4')} threads, no Redis); "
              f"database {database_url.split(':', 1)[0]}; "
              f"{subprocess.run([NGINX, '-v'], capture_output=True, text=True).stderr.strip()}")
        failures = []
        prepared = [{"label": label, "url": url, "headers": headers, "kind": kind, "runs": [], "statuses": []}
                    for label, url, headers, kind in rows]
        # Rounds: every row once, then again. The machine's speed drifts (other work, its
        # neighbours); a row and the floors it is compared with are measured close together,
        # and each ratio is the median of the rounds' ratios.
        for round_number in range(args.repeat):
            for row in prepared:
                # Warm right before each measurement: Django's page cache, and the front
                # cache's copy (older than 5 s, it is refetched: FRONT_CACHE_SECONDS in sites/cache.py).
                for _ in range(3):
                    status, response_headers, _body = get(row["url"], row["headers"])
                if round_number == 0:
                    if status != 200:
                        failures.append(f"{row['label']}: status {status}")
                    row["public"] = "public" in (response_headers.get("Cache-Control") or "")
                if row["kind"] == "front":
                    time.sleep(1.5)  # the warm-up's lines out of nginx's log buffer first
                offset = access_log.stat().st_size if access_log.exists() else 0
                script = READERS if row["kind"] in ("front", "limit") else None
                connections = args.connections * (2 if row["kind"] == "double" else 1)
                row["runs"].append(wrk(row["url"], row["headers"], args.seconds, args.threads,
                                       connections, script))
                if row["kind"] == "front":
                    time.sleep(1.5)  # nginx flushes its buffered log every second
                    with access_log.open() as log:
                        log.seek(offset)
                        row["statuses"] += [line.split(" ", 1)[0] for line in log]

        results = []
        for row in prepared:
            label, statuses = row["label"], row["statuses"]
            rate = statistics.median(r[0] for r in row["runs"])
            p99 = statistics.median(r[1] for r in row["runs"])
            errors = sum(r[2] for r in row["runs"])
            ratios = [statistics.median(run[0] / ref["runs"][n][0] for n, run in enumerate(row["runs"]))
                      for ref in prepared[:3]]
            note = f"{errors} errors or timeouts; " if errors else ""
            if row["kind"] == "front":
                if errors:
                    failures.append(f"{label}: {errors} errors or timeouts")
                served = sum(s in FROM_CACHE for s in statuses)
                note += f"{served / max(len(statuses), 1):.1%} from the front cache"
                if row["public"] and served != len(statuses):
                    failures.append(f"{label}: {len(statuses) - served} of {len(statuses)} requests "
                                    f"reached Django ({sorted(set(statuses) - FROM_CACHE)})")
                elif not row["public"]:
                    note += " (Django does not mark it public)"
            results.append((label, rate, p99, ratios, note.rstrip("; ")))

        failures += check_serving(cached, site, pages["article"], cached_port, builds_log, setup_env, args)
        print()
        print("| page | req/s | p99 | vs limit | vs floor | vs template floor | note |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for label, rate, p99, (to_limit, to_floor, to_template), note in results:
            print(f"| {label} | {rate:,.0f} | {p99:.1f} ms | {to_limit:.3f} | {to_floor:.2f} | "
                  f"{to_template:.2f} | {note} |")
        print(f"\nload average after: {load()}; {time.monotonic() - started:.0f} s in all")
    finally:
        processes.stop_all()
    if failures:
        print(f"\nbench: {'FAILED' if args.check else 'warning'}\n  " + "\n  ".join(failures))
        if args.check:
            sys.exit(1)
    else:
        print("bench: the front cache served every reader with cookies, without errors; "
              "a process per core; at most one build per process after an invalidation")


if __name__ == "__main__":
    main()
