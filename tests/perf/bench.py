"""Benchmark: server time and SQL queries per page at 100, 10,000 and 100,000 comments (not a test).

    .venv/bin/python -m tests.perf.bench                 # in-process, all sizes; table + bench-results/bench.json
    .venv/bin/python -m tests.perf.bench --sizes 100 10000
    .venv/bin/python -m tests.perf.bench --data /tmp/bench   # keep the databases and reuse them next time
    .venv/bin/python -m tests.perf.bench --server        # requests/s through gunicorn -w 4 over loopback

Each figure is the median and p95 of repeated requests in one process, beside GET /healthz
measured the same way (the floor), as a ratio to that floor and to the same page at 100
comments. Runs are interleaved across pages and sizes in a shuffled order, so the machine's
noise falls on all alike. The XLSX report is run once per size in a child process to read its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, select

from consult import create_app, schema
from consult.config import PROJECT_ROOT
from consult.db import engine_for, get_session
from consult.models import Comment, LiveSession, Paragraph
from consult.services import accounts, demo, drafts, live
from consult.services.sources import read_source

RUNS = int(os.environ.get("CONSULT_BENCH_RUNS", "25"))
API_PAGE = 25
RESULTS = PROJECT_ROOT / "bench-results"


def bench_app(url: str):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})


def build(folder: Path, size: int) -> str:
    url = f"sqlite:///{folder / f'bench-{size}.sqlite3'}"
    app = bench_app(url)
    schema.upgrade(app)
    with app.app_context():
        session = get_session()
        for source in sorted((PROJECT_ROOT / "modules").glob("*.md")):
            drafts.publish_new_module(session, read_source(source))
        demo.seed_accounts(session)
        demo.seed_synthetic(session, size)
        module = drafts.get_module(session, "isacs-05-30")
        live.create(session, accounts.find_by_email(session, "facilitator@example.org"), module, "Bench")
        session.commit()
    engine_for(app).dispose()
    return url


def reuse(folder: Path, size: int) -> str:
    """A database kept from an earlier run, brought up to the present schema."""
    url = f"sqlite:///{folder / f'bench-{size}.sqlite3'}"
    app = bench_app(url)
    before, after = schema.upgrade(app)
    if before != after:
        with app.app_context():
            session = get_session()
            schema.refresh_statistics(session)
            session.commit()
    engine_for(app).dispose()
    return url


def timed(client, url: str, engine, before=None) -> tuple[float, int, int]:
    if before is not None:
        before()  # untimed: what must happen ahead of this request
    statements = []
    listener = lambda *a: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    started = time.perf_counter()
    response = client.get(url)
    body = response.get_data()
    elapsed = time.perf_counter() - started
    event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, (url, response.status_code, body[:300])
    return elapsed, len(statements), len(body)


@dataclass
class Target:
    """One database size under test: the pages to time, each with a signed-in editor's client
    (and, for some, a step to take ahead of each request)."""

    pages: dict[str, str]
    apps: dict[str, tuple]  # page name -> (client, engine) of the app that serves it
    before: dict[str, object] = field(default_factory=dict)
    samples: dict[str, list] = field(default_factory=dict)

    def time(self, name: str) -> tuple[float, int, int]:
        client, engine = self.apps[name]
        return timed(client, self.pages[name], engine, self.before.get(name))


def editor_client(url: str):
    """An app of its own on the database, and a client signed in as the demo editor."""
    app = bench_app(url)
    with app.app_context():
        editor_id = accounts.find_by_email(get_session(), "editor@example.org").get_id()
    client = app.test_client()
    with client.session_transaction() as web_session:
        web_session["_user_id"] = editor_id
        web_session["_fresh"] = True
    return app, client


def target(url: str) -> Target:
    app, client = editor_client(url)
    with app.app_context():
        session = get_session()
        module = drafts.get_module(session, "isacs-05-30")
        busiest = session.scalar(select(Paragraph.uid).where(Paragraph.module_id == module.id)
                                 .order_by(Paragraph.comment_count.desc()).limit(1))
        ids = session.scalars(select(Comment.id).where(Comment.module_id == module.id).order_by(Comment.id)).all()
        newest = ids[-1] if ids else 0
        # An API page that is full at every size: API_PAGE comments after the first fifth of the
        # module's comments (a page of 100 at 100 comments would hold only what exists).
        api_after = ids[len(ids) // 5] if ids else 0
        code = session.scalar(select(LiveSession.code))
    pages = {
        "healthz (floor)": "/healthz",
        "module page": "/modules/isacs-05-30",
        "thread (busiest paragraph)": f"/modules/isacs-05-30/paragraphs/{busiest}",
        "comments API page": f"/api/v1/modules/isacs-05-30/comments?after={api_after}&limit={API_PAGE}",
        "what's new (poll)": f"/api/v1/live/{code}/poll?cursor={max(0, newest - 5)}.0",
        "triage filtered": "/editor/modules/isacs-05-30/comments?type=technical&state=undecided",
        "triage searched": "/editor/modules/isacs-05-30/comments?q=polymer+frames",
    }
    apps = dict.fromkeys(pages, (client, engine_for(app)))
    # The triage counts are kept while the module's comment stamp holds. These two measure the
    # first view after someone wrote, when they are computed afresh: in an app of their own
    # that forgets its kept counts before each request (as a moved stamp would make it), so
    # the plain pages above keep theirs.
    fresh_app, fresh_client = editor_client(url)

    def forget_counts() -> None:
        fresh_app.extensions.get("consult.fragments", {}).pop("triage-counts", None)

    before = {}
    for name in ("triage filtered", "triage searched"):
        pages[f"{name}, after a write"] = pages[name]
        apps[f"{name}, after a write"] = (fresh_client, engine_for(fresh_app))
        before[f"{name}, after a write"] = forget_counts
    return Target(pages, apps, before)


def measure(urls: dict[str, str]) -> dict:
    """Time every page at every size, interleaved: each round requests every page at every size
    once, in a shuffled order."""
    targets = {size: target(url) for size, url in urls.items()}
    names = list(next(iter(targets.values())).pages)
    for t in targets.values():
        for name in t.pages:
            for _ in range(2):
                t.time(name)  # warm caches
    order = random.Random(7)
    for _ in range(RUNS):
        # every page at every size once per round, in a shuffled order, so that neither a cold
        # cache after a heavy page nor a noisy spell favours one size
        rounds = [(name, t) for name in names for t in targets.values()]
        order.shuffle(rounds)
        for name, t in rounds:
            t.samples.setdefault(name, []).append(t.time(name))
    results = {}
    for size, t in targets.items():
        results[size] = {}
        for name in names:
            samples = t.samples[name]
            times = sorted(sample[0] for sample in samples)
            results[size][name] = {"median_ms": statistics.median(times) * 1000,
                                   "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
                                   "queries": samples[-1][1], "bytes": samples[-1][2]}
        for engine in {engine for _, engine in t.apps.values()}:
            engine.dispose()
    for size, url in urls.items():
        results[size]["xlsx report"] = xlsx_report(url)
    return results


def xlsx_report(url: str) -> dict:
    """Export the XLSX report in a child process; its time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.xlsx"
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c",
             "import resource, sys; from consult import create_app; from consult.db import get_session;"
             "from consult.services import drafts, reports;"
             f"app = create_app({{'DATABASE_URL': {url!r}, 'SECRET_KEY': 'bench'}});"
             "ctx = app.app_context(); ctx.push(); s = get_session();"
             f"reports.write_xlsx(s, drafts.get_module(s, 'isacs-05-30'), {str(out)!r});"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
            cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - started
        return {"median_ms": elapsed * 1000, "p95_ms": elapsed * 1000, "queries": None,
                "peak_rss_mb": int(child.stdout.strip()) / 1024, "bytes": out.stat().st_size}


def table(results: dict) -> str:
    sizes = sorted(results, key=int)
    smallest = sizes[0]
    lines = [f"{'page':<28} {'comments':>9} {'median':>9} {'p95':>9} {'queries':>7} {'× floor':>8} {'× at ' + smallest:>9}"]
    for name in results[smallest]:
        for size in sizes:
            row = results[size][name]
            floor = results[size]["healthz (floor)"]["median_ms"]
            base = results[smallest][name]["median_ms"]
            extra = f"  peak {row['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in row else ""
            lines.append(f"{name:<28} {int(size):>9,} {row['median_ms']:>7.1f}ms {row['p95_ms']:>7.1f}ms "
                         f"{row['queries'] if row['queries'] is not None else '-':>7} {row['median_ms'] / floor:>8.1f} "
                         f"{row['median_ms'] / base:>9.2f}{extra}")
    return "\n".join(lines)


def server_mode(size: int, url: str) -> dict:
    """Requests per second through gunicorn over loopback, each page beside /healthz."""
    from tests.realhttp import Browserish, ServerProcess

    api = target(url).pages["comments API page"]
    pages = {"healthz (floor)": "/healthz", "module page": "/modules/isacs-05-30", "comments API page": api}
    results = {}
    with ServerProcess(url, workers=4, threads=8, RATELIMIT_ENABLED="0") as server:
        print(f"{'page':<20} {'requests/s':>11} {'cost × floor':>13}   "
              f"(gunicorn -w 4 --threads 8, {size:,} comments, 8 clients × 5 s, anonymous)")
        for name, page in pages.items():
            rate = throughput(server.url, page, Browserish)
            floor = results.get("healthz (floor)", {}).get("requests_per_s", rate)
            results[name] = {"requests_per_s": rate, "cost_x_floor": floor / rate}
            print(f"{name:<20} {rate:>11.0f} {floor / rate:>13.2f}")
    return results


def throughput(base: str, page: str, client_class, seconds: float = 5.0, clients: int = 8) -> float:
    deadline = time.monotonic() + seconds

    def loop(_):
        client, n = client_class(base), 0
        while time.monotonic() < deadline:
            status, _ = client.request("GET", page)
            assert status == 200
            n += 1
        return n

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return sum(pool.map(loop, range(clients))) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--server", action="store_true", help="requests per second through gunicorn instead")
    parser.add_argument("--data", type=Path, help="build the databases in this folder, or reuse those already there")
    args = parser.parse_args()
    urls = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in [max(args.sizes)] if args.server else args.sizes:
            if args.data and (folder / f"bench-{size}.sqlite3").exists():
                urls[str(size)] = reuse(folder, size)
                continue
            started = time.perf_counter()
            urls[str(size)] = build(folder, size)
            print(f"built {size:,} comments in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        if args.server:
            [(size, url)] = urls.items()
            results = {"server": {size: server_mode(int(size), url)}}
        else:
            results = measure(urls)
            print(table(results))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / ("bench-server.json" if args.server else "bench.json")
    out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
