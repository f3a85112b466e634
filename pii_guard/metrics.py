"""Counters a guarded app can read or export: never values, only counts."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Metrics:
    """Requests inspected, entities per type and action, rejections per reason."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests = 0
        self.inspected = 0
        self.modified = 0
        self.responses_scrubbed = 0
        self.entities: Counter[tuple[str, str]] = Counter()
        self.rejections: Counter[str] = Counter()

    def request(self, inspected: bool, modified: bool, entities: Counter[tuple[str, str]] | None = None) -> None:
        with self._lock:
            self.requests += 1
            self.inspected += inspected
            self.modified += modified
            if entities:
                self.entities.update(entities)

    def reject(self, reason: str) -> None:
        with self._lock:
            self.requests += 1
            self.rejections[reason] += 1

    def response(self, entities: Counter[tuple[str, str]]) -> None:
        with self._lock:
            self.responses_scrubbed += 1
            self.entities.update(entities)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "requests_inspected": self.inspected,
                "requests_modified": self.modified,
                "responses_scrubbed": self.responses_scrubbed,
                "entities": [{"entity": e, "action": a, "count": n} for (e, a), n in sorted(self.entities.items())],
                "rejections": dict(sorted(self.rejections.items())),
            }

    def prometheus(self) -> str:
        """The counters in Prometheus text exposition format."""
        snap = self.snapshot()
        lines = [
            "# TYPE pii_guard_requests_total counter",
            f"pii_guard_requests_total {snap['requests']}",
            "# TYPE pii_guard_requests_inspected_total counter",
            f"pii_guard_requests_inspected_total {snap['requests_inspected']}",
            "# TYPE pii_guard_requests_modified_total counter",
            f"pii_guard_requests_modified_total {snap['requests_modified']}",
            "# TYPE pii_guard_entities_total counter",
        ]
        lines += [f'pii_guard_entities_total{{entity="{e["entity"]}",action="{e["action"]}"}} {e["count"]}' for e in snap["entities"]]
        lines.append("# TYPE pii_guard_rejections_total counter")
        lines += [f'pii_guard_rejections_total{{reason="{r}"}} {n}' for r, n in snap["rejections"].items()]
        return "\n".join(lines) + "\n"
