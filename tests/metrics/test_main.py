import json
import subprocess
import sys
from pathlib import Path

from gxcrawl.metrics.__main__ import main

SEED = Path(__file__).resolve().parents[2] / "gxcrawl" / "demo" / "seeds" / "004_c1329069217d429a.txt"


def test_the_command_prints_facts_metrics_with_origin_and_warnings(capsys):
    assert main([str(SEED)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "year: 2019", "agency: 如东县住房和城乡建设局", "era: 2019",
        "proactive.total\t627\tprose\t主动公开政府信息627条",
        "applications.new.total\t58\tprose\t受理政府信息公开申请58件",
    ]


def test_the_command_prints_json_with_provenance(capsys):
    assert main([str(SEED), "--json", "--agency", "如东县住建局"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["year"], result["agency"], result["era"], result["warnings"]) == (2019, "如东县住建局", "2019", [])
    assert result["metrics"] == {"proactive.total": 627, "applications.new.total": 58}
    assert result["provenance"]["proactive.total"]["raw"] == "2019年,我局主动公开政府信息627条。"


def test_the_command_runs_as_a_module_and_reports_a_missing_file():
    run = subprocess.run([sys.executable, "-m", "gxcrawl.metrics", "no-such-report.pdf"], capture_output=True, text=True)
    assert (run.returncode, run.stderr) == (2, "cannot read no-such-report.pdf: No such file or directory\n")
