import pickle
import signal
import sqlite3
import subprocess
import sys

from gxcrawl.dedup.store import StateStore
from tests.conftest import CRAWL_ENV


def test_the_richer_record_is_held_and_every_page_listed(tmp_path):
    store = StateStore(tmp_path / "state.sqlite")
    assert store.hold("index:1", 10, "http://a/1", "fp:a/1", b"poor") is False
    assert store.hold("index:1", 20, "http://b/1", "fp:b/1", b"rich") is True
    assert store.hold("index:1", 5, "http://c/1", "fp:c/1", b"poorer") is True
    [key] = store.held_keys()
    candidate = store.candidate(key)
    assert candidate.item == b"rich"
    assert candidate.urls == ["http://a/1", "http://b/1", "http://c/1"]


def test_equal_records_are_decided_by_url_whatever_the_order(tmp_path):
    first, second = StateStore(tmp_path / "1.sqlite"), StateStore(tmp_path / "2.sqlite")
    first.hold("k", 1, "http://x/zwgk/a", "fp:x/zwgk/a", b"zwgk")
    first.hold("k", 1, "http://x/art/a", "fp:x/art/a", b"art")
    second.hold("k", 1, "http://x/art/a", "fp:x/art/a", b"art")
    second.hold("k", 1, "http://x/zwgk/a", "fp:x/zwgk/a", b"zwgk")
    assert first.candidate("k").item == second.candidate("k").item == b"art"


def test_recording_a_report_releases_its_candidate_and_survives_reopening(tmp_path):
    store = StateStore(tmp_path / "state.sqlite")
    store.hold("index:1", 1, "http://a/1", "fp:a/1", pickle.dumps({"x": 1}))
    store.record("index:1", "1", "fp", "title", ["http://a/1"], "run")
    assert store.held_keys() == [] and store.candidate("index:1") is None
    store.close()
    reopened = StateStore(tmp_path / "state.sqlite")
    assert reopened.known("index:1").fingerprints == ["fp:a/1", "fp"]
    reopened.touch("index:1", "http://b/1")
    assert reopened.known("index:1").urls == ["http://a/1", "http://b/1"]


def test_a_killed_run_forgets_only_what_its_feed_did_not_receive(tmp_path):
    store = StateStore(tmp_path / "state.sqlite")
    store.start_run("killed")
    store.record("index:1", "1", "fp1", "one", ["http://a/1"], "killed")
    store.record("index:2", "2", "fp2", "two", ["http://a/2"], "killed")
    assert store.unfinished_runs(current="next") == ["killed"]
    assert store.forget_unconfirmed("killed", emitted_urls={"http://a/1"}) == 1
    assert store.known("index:1") is not None and store.known("index:2") is None
    assert store.unfinished_runs(current="next") == []


def test_a_report_remembers_the_content_of_every_page_publishing_it(tmp_path):
    """A report on two pages with different markup: crawled again, neither page is a change."""
    store = StateStore(tmp_path / "state.sqlite")
    store.hold("index:1", 2, "http://x/zwgk/1", "fp:zwgk", b"rich")
    store.hold("index:1", 1, "http://x/art/1", "fp:art", b"poor")
    store.record("index:1", "1", "fp:zwgk", "t", ["http://x/zwgk/1", "http://x/art/1"], "run")
    assert store.known("index:1").fingerprints == ["fp:zwgk", "fp:art"]
    # Next run, one page changed: the other page's content still counts as known.
    store.hold("index:1", 2, "http://x/zwgk/1", "fp:zwgk-corrected", b"corrected")
    store.record("index:1", "1", "fp:zwgk-corrected", "t", ["http://x/zwgk/1"], "run2")
    assert store.known("index:1").fingerprints == ["fp:zwgk", "fp:art", "fp:zwgk-corrected"]


def test_a_state_file_from_before_page_fingerprints_is_upgraded_in_place(tmp_path):
    path = tmp_path / "state.sqlite"
    with sqlite3.connect(path) as old:
        old.executescript("""
            CREATE TABLE reports (key TEXT PRIMARY KEY, index_no TEXT, fingerprint TEXT NOT NULL, title TEXT,
                urls TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, run_id TEXT NOT NULL);
            CREATE TABLE candidates (key TEXT PRIMARY KEY, richness INTEGER NOT NULL, url TEXT NOT NULL,
                urls TEXT NOT NULL, item BLOB NOT NULL);
            INSERT INTO reports VALUES ('index:1', '1', 'fp-old', 't', '["http://x/1"]', 'then', 'then', 'run0');
        """)
    store = StateStore(path)
    assert store.known("index:1").fingerprints == ["fp-old"]
    store.hold("index:2", 1, "http://x/2", "fp-2", b"item")
    store.record("index:2", "2", "fp-2", "t", ["http://x/2"], "run1")
    assert store.known("index:2").fingerprints == ["fp-2"] and store.known("index:2").urls == ["http://x/2"]


def test_what_was_committed_survives_the_process_being_killed(tmp_path):
    """Commits are not flushed one by one (synchronous=NORMAL): still safe against a kill."""
    path = tmp_path / "state.sqlite"
    script = f"""
import os, signal
from gxcrawl.dedup.store import StateStore
store = StateStore({str(path)!r})
store.hold("index:1", 1, "http://x/1", "fp-1", b"item")
store.record("index:1", "1", "fp-1", "t", ["http://x/1"], "run")
store.hold("index:2", 1, "http://x/2", "fp-2", b"item")
os.kill(os.getpid(), signal.SIGKILL)
"""
    assert subprocess.run([sys.executable, "-c", script], env=CRAWL_ENV).returncode == -signal.SIGKILL  # this tree's gxcrawl
    store = StateStore(path)
    assert store.known("index:1").fingerprints == ["fp-1"] and store.held_keys() == ["index:2"]
