#!/usr/bin/env bash
# The main job on embedded defaults: generate synthetic complaints, detect, score.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p benchmarks/out
.venv/bin/python -m benchmarks.corpus -n 2000 --seed 1 --family dev -o benchmarks/out/demo.jsonl
.venv/bin/pii-guard detect benchmarks/out/demo.jsonl -o benchmarks/out/demo.pred.jsonl
.venv/bin/python -m benchmarks.score benchmarks/out/demo.jsonl benchmarks/out/demo.pred.jsonl
echo
echo "One complaint, as the detector sees it (values masked):"
.venv/bin/pii-guard detect --text "投诉人身份证号110101199003074573，联系电话＋８６ 138-1234-5678，扣款卡6222 0212 3456 7890 128。客服95588无人处理。"
