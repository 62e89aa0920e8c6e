"""Deploy the project to a real scrapyd on 127.0.0.1, schedule a demo crawl over its HTTP API, read the items."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

BIN = Path(sys.executable).parent


def api(base: str, path: str, data: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + path, data=body, timeout=10) as response:
        return json.load(response)


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = eggs\nlogs_dir = logs\n"
        "items_dir = items\ndbs_dir = dbs\nmax_proc = 1\n"
    )
    server = subprocess.Popen([BIN / "scrapyd"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                api(base, "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        yield base, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def deploy(base: str, workdir: Path) -> dict:
    """scrapyd-deploy from a copy of the project, as a user does from a checkout."""
    project = workdir / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "output", "tests", "bench", "__pycache__", "*.egg-info", "build"))
    config = (project / "scrapy.cfg").read_text()
    (project / "scrapy.cfg").write_text(config.replace("[deploy]\n", f"[deploy]\nurl = {base}\n"))
    result = subprocess.run([BIN / "scrapyd-deploy"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout[result.stdout.index("{"):])


def test_deployed_project_runs_a_scheduled_demo_crawl(scrapyd):
    base, workdir = scrapyd
    deployed = deploy(base, workdir)
    assert deployed["status"] == "ok" and deployed["spiders"] == 1
    job = api(base, "schedule.json", {"project": "gxcrawl", "spider": "reports", "portal": "demo"})["jobid"]
    for _ in range(600):
        finished = {j["id"]: j for j in api(base, "listjobs.json?project=gxcrawl")["finished"]}
        if job in finished:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the scheduled crawl did not finish within two minutes")
    with urllib.request.urlopen(base + finished[job]["items_url"].lstrip("/"), timeout=10) as feed:
        items = [json.loads(line) for line in feed.read().decode("utf-8").splitlines()]
    assert sorted(item["index_no"] or "" for item in items) == [
        "", "007542912/2022-00019", "007542912/2023-00021", "014109457/2020-00012", "014421017/2018-00546",
        "11430100MB1234567X/2022-00015", "371002ZJ/2012-00007", "430700ZJ/2014-00031", "430921ZJ/2021-00004",
        "430S00/2013-03310", "430S00/2019-16610",
    ]
