"""Benchmark: delay from a comment's 201 to its arrival on a live stream (not a test).

    .venv/bin/python -m tests.perf.bench_live [--comments 200] [--poll 0.5]

Runs gunicorn with one and with four worker processes on a copy of a fresh database, opens
one event stream, posts comments one after another from a signed-in expert, and reports the
p50 and p95 delay between each 201 and the moment the stream delivered that comment.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests.realhttp import Browserish, EventStream, ServerProcess

PASSWORD = "bench password 1"


def prepare_database(folder: Path) -> str:
    """A migrated database with both drafts and one expert, built by the CLI like a real set-up."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    env = {**os.environ, "CONSULT_DATABASE_URL": url}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "consult"]
    subprocess.run([*flask, "init"], env=env, check=True, capture_output=True)
    subprocess.run([*flask, "user", "create", "bench@example.org", "--name", "Bench Expert", "--country", "NZ",
                    "--group", "member_state", "--password-stdin"], env=env, check=True, input=PASSWORD.encode(),
                   capture_output=True)
    return url


def measure(url: str, workers: int, comments: int, poll: float) -> list[float]:
    with ServerProcess(url, workers=workers, threads=8, STREAM_POLL_SECONDS=poll,
                       STREAM_LIFETIME_SECONDS=3600) as server:
        expert = Browserish(server.url)
        expert.log_in("bench@example.org", PASSWORD)
        _, module = expert.request("GET", "/api/v1/modules/isacs-05-30")
        uids = [p["uid"] for p in json.loads(module)["paragraphs"] if p["kind"] != "heading"]
        arrived: dict[int, float] = {}
        # The second run finds the first run's comments; start the stream after them.
        newest = 0
        while True:
            _, page = expert.request("GET", f"/api/v1/modules/isacs-05-30/comments?after={newest}&limit=500")
            batch = json.loads(page)
            if not batch["comments"]:
                break
            newest = batch["next_after"]
        stream = EventStream(server.url, f"/api/v1/modules/isacs-05-30/events?after={newest}", timeout=60)

        def read():
            for kind, _, data in stream.events():
                if kind == "comment":
                    arrived[data["id"]] = time.perf_counter()
                if len(arrived) >= comments:
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        answered: dict[int, float] = {}
        for n in range(comments):
            status, body = expert.post_json(f"/api/v1/paragraphs/{uids[n % len(uids)]}/comments",
                                            {"type": "technical", "body": f"Benchmark comment {n}."})
            assert status == 201, (status, body)
            answered[body["id"]] = time.perf_counter()
        reader.join(timeout=30)
        stream.close()
        missing = set(answered) - set(arrived)
        if missing:
            raise SystemExit(f"{len(missing)} comments never arrived on the stream")
        return [arrived[i] - answered[i] for i in answered]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--poll", type=float, default=0.5, help="the stream's polling interval in seconds")
    args = parser.parse_args()
    print(f"{'processes':>9} {'comments':>9} {'poll':>6} {'p50':>8} {'p95':>8} {'max':>8}")
    with tempfile.TemporaryDirectory() as folder:
        url = prepare_database(Path(folder))
        for workers in (1, 4):
            delays = measure(url, workers, args.comments, args.poll)
            print(f"{workers:>9} {len(delays):>9} {args.poll:>5.2f}s {percentile(delays, 50) * 1000:>6.0f}ms "
                  f"{percentile(delays, 95) * 1000:>6.0f}ms {max(delays) * 1000:>6.0f}ms   (mean {statistics.mean(delays) * 1000:.0f}ms)")


if __name__ == "__main__":
    main()
