"""schemathesis against a real server's /openapi.json: no operation may answer 5xx.

    python tests/load/run_schemathesis.py [--max-examples 200]

Serves a fresh SQLite store holding the seeds and a hostile article (markup, quotes, bidi
overrides) on 127.0.0.1, runs ``schemathesis run`` with the ``not_a_server_error`` check over
every operation (positive and negative inputs), and writes its figures to
``test-artifacts/schemathesis/`` (the console output and a JUnit report).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/

from _server import ROOT, cli, serve
from reliability.helpers import SEEDS

HOSTILE = ROOT / "tests" / "reliability" / "hostile_article.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "schemathesis"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="csto-schemathesis-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for seed in SEEDS.glob("*.txt"):
            shutil.copy(seed, folder)
        shutil.copy(HOSTILE, folder)
        url = f"sqlite:///{Path(tmp) / 'site.db'}"
        ingested = cli("--db", url, "ingest", str(folder))
        if ingested.returncode != 0:
            raise SystemExit(f"ingest failed:\n{ingested.stderr}")
        with serve(url, log=out / "server.log") as base:
            command = [
                str(Path(sys.executable).with_name("schemathesis")),
                "run", f"{base}/openapi.json",
                "--checks", "not_a_server_error",
                "--max-examples", str(args.max_examples),
                "--seed", "1",
                "--no-color",
                "--suppress-health-check", "all",
                "--report", "junit",
                "--report-dir", str(out),
            ]  # fmt: skip
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    (out / "output.txt").write_text(output, encoding="utf-8")
    summary = [
        line for line in output.splitlines() if re.search(r"(passed|failed|cases|Test)", line)
    ]
    print("\n".join(summary[-15:]))
    print(f"schemathesis exit code {result.returncode}; full output in {out / 'output.txt'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
