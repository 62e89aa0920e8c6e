"""The report state store in Redis, shared by every worker: the SQLite store's contract, atomic.

Holding a report and claiming it for release are Lua scripts, so two workers that meet the same
索引号 at the same moment keep one record and emit it once. Recording a report and pushing it to the
shared result list happen in one transaction: a worker killed between the two leaves neither.
"""

from __future__ import annotations

import json
from typing import Any

import redis

from gxcrawl.dedup.store import Candidate, Known, _merge, merge_fingerprints, now

WORKERS = "gxcrawl:workers"  # every worker that joined and has not left cleanly


def in_flight_key(worker: str) -> str:
    """The requests a worker has taken and not finished (see gxcrawl.distributed.worker)."""
    return f"gxcrawl:inflight:{worker}"

HOLD = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
local richness = tonumber(ARGV[2])
if not current then
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({richness = richness, url = ARGV[3], urls = {ARGV[3]}, fingerprints = {ARGV[5]}}))
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
  return 0
end
local held = cjson.decode(current)
local function add(list, value)
  for _, present in ipairs(list) do if present == value then return end end
  table.insert(list, value)
end
add(held.urls, ARGV[3])
add(held.fingerprints, ARGV[5])
if richness > held.richness or (richness == held.richness and ARGV[3] < held.url) then
  held.richness = richness
  held.url = ARGV[3]
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(held))
return 1
"""

# A claim is taken when the report is still held (not recorded by another worker meanwhile) and the
# claim is free, or its owner's heartbeat has expired (the owner died).
CLAIM = """
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  return 0
end
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner and owner ~= ARGV[2] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
"""


class RedisStateStore:
    publishes_items = True

    def __init__(self, url: str, worker: str, prefix: str = "gxcrawl", items_key: str = "reports:items") -> None:
        self.redis = redis.Redis.from_url(url)
        self.worker = worker
        self.items_key = items_key
        self.keys = {name: f"{prefix}:{name}" for name in ("reports", "candidates", "candidate-items", "claims")}
        self.alive_prefix = f"{prefix}:alive:"
        self._hold = self.redis.register_script(HOLD)
        self._claim = self.redis.register_script(CLAIM)

    def close(self) -> None:
        self.redis.close()

    def known(self, key: str) -> Known | None:
        return _known(self._report(key))

    def _report(self, key: str) -> dict | None:
        raw = self.redis.hget(self.keys["reports"], key)
        return json.loads(raw) if raw is not None else None

    def touch(self, key: str, url: str) -> None:
        def update(pipe: Any) -> None:
            raw = pipe.hget(self.keys["reports"], key)
            if raw is None:
                return  # flushed meanwhile
            report = json.loads(raw)
            report.update(last_seen=now(), urls=_merge(report["urls"], [url]))
            pipe.multi()
            pipe.hset(self.keys["reports"], key, json.dumps(report, ensure_ascii=False))

        self.redis.transaction(update, self.keys["reports"])

    def record(self, key: str, index_no: str | None, fingerprint: str, title: str, urls: list[str], run_id: str,
               exported: str | None = None) -> bool:
        """Store the emitted report and push it to the results, if this worker still holds its claim
        (a worker that stalled past its heartbeat may have been taken for dead and replaced): False
        when another worker has it. Optimistic: redone when another worker writes meanwhile."""
        recorded = False

        def write(pipe: Any) -> None:
            nonlocal recorded
            owner = pipe.hget(self.keys["claims"], key)
            if owner is not None and owner.decode() != self.worker:
                recorded = False
                return
            previous = json.loads(raw) if (raw := pipe.hget(self.keys["reports"], key)) else None
            known = _known(previous)
            held = pipe.hget(self.keys["candidates"], key)
            report = {
                "index_no": index_no, "fingerprint": fingerprint, "title": title,
                "fingerprints": merge_fingerprints(known, json.loads(held)["fingerprints"] if held else [], fingerprint),
                "urls": _merge(known.urls if known else [], urls),
                "first_seen": previous["first_seen"] if previous else now(), "last_seen": now(), "run_id": run_id,
            }
            pipe.multi()
            pipe.hset(self.keys["reports"], key, json.dumps(report, ensure_ascii=False))
            for name in ("candidates", "candidate-items", "claims"):
                pipe.hdel(self.keys[name], key)
            if exported is not None:
                pipe.rpush(self.items_key, exported)
            recorded = True

        self.redis.transaction(write, self.keys["reports"], self.keys["claims"], self.keys["candidates"])
        return recorded

    def hold(self, key: str, richness: int, url: str, fingerprint: str, item: bytes) -> bool:
        keys = [self.keys["candidates"], self.keys["candidate-items"]]
        return bool(self._hold(keys=keys, args=[key, richness, url, item, fingerprint]))

    def held_keys(self) -> list[str]:
        return [key.decode() for key in self.redis.hkeys(self.keys["candidates"])]

    def candidate(self, key: str) -> Candidate | None:
        held, item = self.redis.hmget(self.keys["candidates"], key), self.redis.hget(self.keys["candidate-items"], key)
        return Candidate(key, json.loads(held[0])["urls"], item) if held[0] is not None and item is not None else None

    def others_busy(self) -> bool:
        """Another worker has requests in hand (a dead one's count until they are taken back)."""
        return any(
            raw.decode() != self.worker and self.redis.hlen(in_flight_key(raw.decode()))
            for raw in self.redis.smembers(WORKERS)
        )

    def claim(self, key: str) -> bool:
        return bool(self._claim(keys=[self.keys["claims"], self.keys["candidates"]], args=[key, self.worker, self.alive_prefix]))

    # The feed-based recovery of the SQLite store has no Redis counterpart: worker liveness
    # (gxcrawl.distributed.worker) hands a dead worker's work to the living instead.
    def start_run(self, run_id: str) -> None: ...

    def finish_run(self, run_id: str) -> None: ...

    def unfinished_runs(self, current: str) -> list[str]:
        return []

    def forget_unconfirmed(self, run_id: str, emitted_urls: set[str]) -> int:
        return 0

    def flush(self, everything: bool = False) -> None:
        """Forget this crawl's held reports; with ``everything``, the emitted ones and results too."""
        names = ["candidates", "candidate-items", "claims"] + (["reports"] if everything else [])
        workers = [in_flight_key(raw.decode()) for raw in self.redis.smembers(WORKERS)]
        self.redis.delete(*(self.keys[name] for name in names), *([self.items_key] if everything else []),
                          WORKERS, *workers)


def _known(report: dict | None) -> Known | None:
    return Known(report["fingerprints"], report["urls"]) if report else None
