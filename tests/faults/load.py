"""A small threaded HTTP load generator for the fault suite (standard library only).

Each client thread keeps one HTTP/1.1 connection and asks for its paths in turn at a steady
rate; every answer is recorded with its start time, latency and status (0: no HTTP answer at
all, e.g. a connection reset). Faults are injected at given offsets by the main thread.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Answer:
    started: float  # seconds since the run began
    seconds: float
    status: int
    path: str


@dataclass
class Run:
    answers: list = field(default_factory=list)
    marks: dict = field(default_factory=dict)  # name → seconds since the run began

    def between(self, start=0.0, end=float("inf"), path=None):
        return [a for a in self.answers
                if start <= a.started < end and (path is None or a.path == path)]

    def figures(self, label, start=0.0, end=float("inf")):
        """Count, statuses, throughput and latency percentiles of the answers in a window."""
        answers = self.between(start, end)
        if not answers:
            return {"label": label, "requests": 0}
        times = sorted(a.seconds * 1000 for a in answers)
        span = min(end, max(a.started for a in answers)) - start
        statuses = {}
        for a in answers:
            statuses[a.status] = statuses.get(a.status, 0) + 1
        return {
            "label": label,
            "requests": len(answers),
            "per_second": round(len(answers) / span, 1) if span > 0 else None,
            "statuses": dict(sorted(statuses.items())),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
            "max_ms": round(times[-1], 1),
        }


def _client(port, paths, rate, headers, stop, run, origin, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    interval = 1.0 / rate
    i = 0
    next_at = time.monotonic()
    while not stop.is_set():
        path = paths[i % len(paths)]
        i += 1
        started = time.monotonic()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
        with lock:
            run.answers.append(Answer(started - origin, time.monotonic() - started, status, path))
        next_at = max(next_at + interval, time.monotonic() - interval)
        delay = next_at - time.monotonic()
        if delay > 0:
            stop.wait(delay)
    conn.close()


def generate(port, paths, seconds, actions=(), clients=4, rate=25, headers=None):
    """Ask `clients` threads × `rate` requests a second for `seconds`; run `actions` meanwhile.

    `actions`: (offset in seconds, name, callable); each mark's time is recorded in the run.
    """
    run, stop, lock = Run(), threading.Event(), threading.Lock()
    origin = time.monotonic()
    threads = [
        threading.Thread(target=_client, daemon=True,
                         args=(port, list(paths)[n:] + list(paths)[:n], rate,
                               {"Host": "127.0.0.1", **(headers or {})}, stop, run, origin, lock))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    try:
        for offset, name, action in sorted(actions, key=lambda a: a[0]):
            delay = origin + offset - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            run.marks[name] = time.monotonic() - origin
            action()
            run.marks[name + " done"] = time.monotonic() - origin
        delay = origin + seconds - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    return run
