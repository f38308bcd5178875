"""Status accuracy of control changes on ../shared/dev: over the output records that
match a gold change (by ../shared/dev/score.py's own matching), the share whose
`status` (reported / claimed / disputed) equals the gold's.

    python3 bench/control_status.py ../shared/dev/gold.json out/dev/storyline.json
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCORE = Path(__file__).resolve().parents[2] / "shared" / "dev" / "score.py"


def main(gold_path: str, out_path: str) -> None:
    spec = importlib.util.spec_from_file_location("dev_score", SCORE)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    data = json.loads(Path(out_path).read_text(encoding="utf-8"))
    out, gn = score.Out(data), score.GoldNames(gold)
    matched = right = 0
    for g in gold["control"]:
        for r in data.get("control_changes") or []:
            if score.control_match(out, r, g, gn):
                matched += 1
                right += r.get("status") == g["status"]
                break
    print(f"control.status {right}/{matched} = {right / matched if matched else 0:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
