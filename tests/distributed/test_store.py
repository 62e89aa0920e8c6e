"""The Redis state store's claims: of two workers releasing held reports, one emits each."""

from __future__ import annotations

import pickle

import pytest

from gxcrawl.distributed.store import RedisStateStore


@pytest.fixture
def workers(redis_url):
    stores = [RedisStateStore(redis_url, name) for name in ("a", "b")]
    for store in stores:
        store.redis.set(store.alive_prefix + store.worker, 1)  # both beating
    yield stores
    for store in stores:
        store.close()


def test_a_report_another_worker_recorded_cannot_be_claimed_again(workers):
    a, b = workers
    a.hold("index:1", 1, "http://p/1", "fp:p/1", pickle.dumps("item"))
    [key] = b.held_keys()  # b saw it held...
    assert a.claim(key)
    a.record(key, "1", "f", "t", ["http://p/1"], "run", exported="{}")
    assert not b.claim(key) and b.candidate(key) is None  # ...but a emitted it meanwhile
    assert a.redis.llen("reports:items") == 1


def test_a_living_workers_claim_holds_and_a_dead_ones_passes_on(workers):
    a, b = workers
    a.hold("index:1", 1, "http://p/1", "fp:p/1", pickle.dumps("item"))
    assert a.claim("index:1")
    assert not b.claim("index:1")
    a.redis.delete(a.alive_prefix + a.worker)  # a's heartbeat expired
    assert b.claim("index:1")


def test_the_richer_record_of_one_report_is_held(workers):
    a, b = workers
    assert not a.hold("index:1", 1, "http://p/plain", "fp:p/plain", pickle.dumps("plain"))
    assert b.hold("index:1", 5, "http://p/rich", "fp:p/rich", pickle.dumps("rich"))
    candidate = a.candidate("index:1")
    assert a.held_keys() == ["index:1"] and pickle.loads(candidate.item) == "rich" and candidate.urls == ["http://p/plain", "http://p/rich"]


def test_a_worker_taken_for_dead_does_not_emit_what_another_took_over(workers):
    a, b = workers
    a.hold("index:1", 1, "http://p/1", "fp:p/1", pickle.dumps("item"))
    assert a.claim("index:1")
    a.redis.delete(a.alive_prefix + a.worker)  # a stalled past its heartbeat...
    assert b.claim("index:1")  # ...and b took the report over
    assert not a.record("index:1", "1", "fp:p/1", "t", ["http://p/1"], "run", exported='{"by": "a"}')
    assert b.record("index:1", "1", "fp:p/1", "t", ["http://p/1"], "run", exported='{"by": "b"}')
    assert a.redis.lrange("reports:items", 0, -1) == [b'{"by": "b"}']
