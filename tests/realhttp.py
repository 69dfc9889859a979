"""Talking to real servers over loopback: gunicorn processes, a browser-like HTTP client, SSE."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from consult.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """gunicorn serving the app on a free loopback port, in its own process."""

    def __init__(self, database_url: str, workers: int = 1, threads: int = 8, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "CONSULT_DATABASE_URL": database_url, "CONSULT_SECRET_KEY": "test-secret",
                    "CONSULT_BIND": f"127.0.0.1:{self.port}", "CONSULT_WORKERS": str(workers),
                    "CONSULT_THREADS": str(threads), **{f"CONSULT_{k}": str(v) for k, v in env.items()}}
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), "--access-logfile", "/dev/null", "wsgi:app"],
            cwd=PROJECT_ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)  # its own process group, so a crash test can kill it whole
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # wait until it answers, not for a fixed time
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.process.stderr.read().decode()[-2000:])
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not start within 30 s")

    def kill(self, sig=signal.SIGTERM) -> None:
        """Stop the server; if a graceful stop takes more than 10 s, stop it hard."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __exit__(self, *exc):
        self.kill()


class Browserish:
    """Cookies and the page's CSRF token, like a browser tab."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = None

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def refresh_token(self) -> str:
        _, html = self.request("GET", "/")
        self.token = re.search(rb'<meta name="csrf-token" content="([^"]+)"', html)[1].decode()
        return self.token

    def log_in(self, email: str, password: str) -> None:
        from urllib.parse import urlencode

        self.refresh_token()
        status, _ = self.request("POST", "/login", urlencode(
            {"email": email, "password": password, "csrf_token": self.token}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, status  # the redirect was followed to the home page
        self.refresh_token()

    def post_json(self, path: str, payload: dict, method: str = "POST"):
        status, body = self.request(method, path, json.dumps(payload).encode(),
                                    {"Content-Type": "application/json", "X-CSRFToken": self.token})
        return status, json.loads(body or b"null")


class EventStream:
    """A Server-Sent Events connection, read event by event with a deadline."""

    def __init__(self, base_url: str, path: str, last_event_id: str | None = None, timeout: float = 15):
        host, port = base_url.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.last_id = last_event_id
        self.comments_seen: list[int] = []

    def events(self):
        """(event, id, data) for each event until the server ends the stream."""
        kind, event_id, data = None, None, []
        while True:
            raw = self.response.readline()
            if not raw:
                return
            line = raw.decode().rstrip("\n")
            if line == "":
                if data:
                    payload = json.loads("\n".join(data))
                    if event_id is not None:
                        self.last_id = event_id
                    if kind == "comment":
                        self.comments_seen.append(payload["id"])
                    yield kind, event_id, payload
                kind, event_id, data = None, None, []
            elif line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("id:"):
                event_id = line[3:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())

    def wait_for(self, predicate, limit: float = 10):
        """The first event matching predicate(kind, data), reading no longer than `limit` seconds."""
        deadline = time.monotonic() + limit
        for kind, _, data in self.events():
            if predicate(kind, data):
                return kind, data
            if time.monotonic() > deadline:
                break
        raise AssertionError("the expected event did not arrive")

    def close(self) -> None:
        self.connection.close()
