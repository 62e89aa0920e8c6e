"""``python -m gxcrawl.extract FILE`` prints what gxcrawl reads from one file on disk."""

import json
import subprocess
import sys

from gxcrawl.demo.documents import render_docx
from gxcrawl.extract.text import parse_text
from tests.conftest import ROOT

REPORT = "某县2020年政府信息公开工作年度报告\n據(jù)统计：\n指标 | 单位 | 数量 |\n收到申请数 | 件 | 58 |\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gxcrawl.extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_prints_normalised_text_and_tables(tmp_path):
    path = tmp_path / "downfile.jsp"  # no extension: the type comes from the bytes
    path.write_bytes(render_docx("标题", parse_text(REPORT)))
    result = run(str(path))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "标题",
        "某县2020年政府信息公开工作年度报告",
        "据统计：",
        "[table 3: 2 rows × 3 columns]",
        "指标 | 单位 | 数量",
        "收到申请数 | 件 | 58",
        "[end of table]",
    ]


def test_json_output_and_warnings_on_stderr(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<")
    result = run(str(path), "--json")
    document = json.loads(result.stdout)
    assert document["blocks"] == []
    assert [warning.split(":")[0] for warning in document["warnings"]] == ["corrupt_file"]
    assert result.stderr.startswith("warning: corrupt_file")


def test_missing_file_is_a_clear_error():
    result = run("/nonexistent/report.pdf")
    assert result.returncode == 2
    assert "cannot read /nonexistent/report.pdf: No such file or directory" in result.stderr
