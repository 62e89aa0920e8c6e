"""The crawl state in SQLite: reports already emitted, and this run's held duplicates.

Every write commits at once (WAL journal), so a crawl killed at any point leaves a consistent
file: the next run sees what was emitted before the kill and nothing half-written.

Commits are not flushed to the disk one by one (``synchronous=NORMAL``): a committed transaction is
in the WAL file when the commit returns, so it survives the process being killed (SIGKILL, SIGTERM,
a crash of Python). Only an OS crash or a power cut can lose the last transactions; the file then
opens consistent as of a moment before the cut, and a report recorded in that moment may be emitted
again by the next run (a second line in the feed). Flushing every commit cost two disk syncs a
report, waited for in the reactor thread.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY,            -- index:<索引号> or text:<fingerprint>
    index_no TEXT,
    fingerprint TEXT NOT NULL,       -- of the content emitted
    title TEXT,
    urls TEXT NOT NULL,              -- JSON list of every page the report was seen on
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    run_id TEXT NOT NULL,            -- the run that last emitted it
    fingerprints TEXT                -- JSON list: the content of every page publishing it (NULL: [fingerprint])
);
CREATE TABLE IF NOT EXISTS candidates (
    key TEXT PRIMARY KEY,            -- one report found this run, not yet emitted
    richness INTEGER NOT NULL,
    url TEXT NOT NULL,               -- the page of the record held
    urls TEXT NOT NULL,
    item BLOB NOT NULL,
    fingerprints TEXT NOT NULL DEFAULT '[]'  -- of every page publishing it this run
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT
);
"""
# Columns added since the first release, for state files written before them.
ADDED_COLUMNS = {"reports": {"fingerprints": "TEXT"}, "candidates": {"fingerprints": "TEXT NOT NULL DEFAULT '[]'"}}
MAX_FINGERPRINTS = 16  # pages' contents remembered per report: a bound, however often it is republished


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Known:
    """A report emitted before: the contents of the pages it was seen on, and those pages. A page
    whose content is one of these is the report unchanged, whichever page it is."""

    fingerprints: list[str]
    urls: list[str]


@dataclass(frozen=True)
class Candidate:
    key: str
    urls: list[str]
    item: bytes


class StateStore:
    # A local crawl's result is its feed; the Redis store also publishes each report (one result set).
    publishes_items = False

    def __init__(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)  # autocommit: each statement commits at once
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # safe against kills, not power cuts: see above
        self.db.executescript(SCHEMA)
        for table, columns in ADDED_COLUMNS.items():
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, declaration in columns.items():
                if name not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")

    def close(self) -> None:
        self.db.close()

    # -- reports emitted ---------------------------------------------------------------------
    def known(self, key: str) -> Known | None:
        row = self.db.execute("SELECT fingerprint, fingerprints, urls FROM reports WHERE key = ?", (key,)).fetchone()
        return Known(json.loads(row[1]) if row[1] else [row[0]], json.loads(row[2])) if row else None

    def touch(self, key: str, url: str) -> None:
        """Seen again unchanged: remember when and where."""
        urls = self.known(key).urls
        self.db.execute(
            "UPDATE reports SET last_seen = ?, urls = ? WHERE key = ?",
            (now(), json.dumps(_merge(urls, [url])), key),
        )

    def record(self, key: str, index_no: str | None, fingerprint: str, title: str, urls: list[str], run_id: str,
               exported: str | None = None) -> bool:
        """The report was emitted: store it, with every page's content, and let go of its candidate.
        Always True: one process holds the file (the Redis store can find another worker has it)."""
        known = self.known(key)
        held = self.db.execute("SELECT fingerprints FROM candidates WHERE key = ?", (key,)).fetchone()
        fingerprints = merge_fingerprints(known, json.loads(held[0]) if held else [], fingerprint)
        stamp = now()
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT INTO reports (key, index_no, fingerprint, fingerprints, title, urls, first_seen, last_seen, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, fingerprints = excluded.fingerprints, title = excluded.title, "
                "urls = excluded.urls, last_seen = excluded.last_seen, run_id = excluded.run_id",
                (key, index_no, fingerprint, json.dumps(fingerprints), title,
                 json.dumps(_merge(known.urls if known else [], urls)), stamp, stamp, run_id),
            )
            self.db.execute("DELETE FROM candidates WHERE key = ?", (key,))
        return True

    # -- this run's candidates ---------------------------------------------------------------
    def hold(self, key: str, richness: int, url: str, fingerprint: str, item: bytes) -> bool:
        """Keep the richest record of a report; True when another page already held it.

        Equal records are decided by URL, so the same portal always yields the same record."""
        row = self.db.execute("SELECT richness, url, urls, fingerprints FROM candidates WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.db.execute("INSERT INTO candidates (key, richness, url, urls, item, fingerprints) VALUES (?, ?, ?, ?, ?, ?)",
                            (key, richness, url, json.dumps([url]), item, json.dumps([fingerprint])))
            return False
        urls = json.dumps(_merge(json.loads(row[2]), [url]))
        fingerprints = json.dumps(_merge(json.loads(row[3]), [fingerprint]))
        if (richness, row[1]) > (row[0], url):
            self.db.execute(
                "UPDATE candidates SET richness = ?, url = ?, urls = ?, fingerprints = ?, item = ? WHERE key = ?",
                (richness, url, urls, fingerprints, item, key),
            )
        else:
            self.db.execute("UPDATE candidates SET urls = ?, fingerprints = ? WHERE key = ?", (urls, fingerprints, key))
        return True

    def claim(self, key: str) -> bool:
        """One process holds the file: a held report is always its to release."""
        return True

    def others_busy(self) -> bool:
        """No other process shares this crawl."""
        return False

    def held_keys(self) -> list[str]:
        """The reports held, in the order they were found (their records are read one at a time)."""
        return [key for (key,) in self.db.execute("SELECT key FROM candidates ORDER BY rowid")]

    def candidate(self, key: str) -> Candidate | None:
        """The held record of a report; None once it was recorded."""
        row = self.db.execute("SELECT urls, item FROM candidates WHERE key = ?", (key,)).fetchone()
        return Candidate(key, json.loads(row[0]), row[1]) if row else None

    # -- runs --------------------------------------------------------------------------------
    def start_run(self, run_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, NULL)", (run_id, now()))

    def finish_run(self, run_id: str) -> None:
        self.db.execute("UPDATE runs SET finished = ? WHERE run_id = ?", (now(), run_id))

    def unfinished_runs(self, current: str) -> list[str]:
        rows = self.db.execute("SELECT run_id FROM runs WHERE finished IS NULL AND run_id != ?", (current,))
        return [row[0] for row in rows]

    def forget_unconfirmed(self, run_id: str, emitted_urls: set[str]) -> int:
        """After a killed run: reports it recorded that never reached the feed are to be emitted again."""
        rows = self.db.execute("SELECT key, urls FROM reports WHERE run_id = ?", (run_id,)).fetchall()
        lost = [key for key, urls in rows if not emitted_urls & set(json.loads(urls))]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM reports WHERE key = ?", [(key,) for key in lost])
            self.db.execute("UPDATE runs SET finished = ? WHERE run_id = ?", (now(), run_id))
        return len(lost)


def open_state(crawler: Any) -> StateStore:
    """The crawl's one state store, shared by its components: SQLite (``GXCRAWL_STATE``), or Redis
    when ``REDIS_URL`` is set."""
    if not hasattr(crawler, "gxcrawl_state"):
        settings = crawler.settings
        if settings.get("REDIS_URL"):
            from gxcrawl.distributed.store import RedisStateStore  # only distributed crawls need redis

            worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
            crawler.gxcrawl_state = RedisStateStore(settings["REDIS_URL"], worker, items_key=settings["GXCRAWL_REDIS_ITEMS_KEY"])
        else:
            crawler.gxcrawl_state = StateStore(settings.get("GXCRAWL_STATE"))
    return crawler.gxcrawl_state


def _merge(first: list[str], more: list[str]) -> list[str]:
    return first + [url for url in more if url not in first]


def merge_fingerprints(known: Known | None, held: list[str], emitted: str) -> list[str]:
    """What a report's pages contain, as far as this run and earlier ones saw: a page left unchanged
    while another changed is still the report unchanged. The newest are kept."""
    return list(dict.fromkeys([*(known.fingerprints if known else []), *held, emitted]))[-MAX_FINGERPRINTS:]
