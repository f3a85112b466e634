#!/usr/bin/env bash
# The main job on embedded defaults: detect and protect synthetic complaints, then reveal them
# back for an authorised handler. Uses a key file it generates (.pii-guard/demo-keys.json, 0600).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PG=.venv/bin/pii-guard
PY=.venv/bin/python
WORK=.pii-guard
mkdir -p "$WORK"
KEYS="$WORK/demo-keys.json"
[ -f "$KEYS" ] || "$PG" keys init --keyring "$KEYS"

echo "== 1. Detect: 2,000 synthetic complaints (benchmarks/corpus.py), scored against their labels"
"$PY" -m benchmarks.corpus -n 2000 --seed 1 --family dev -o "$WORK/complaints.jsonl" >/dev/null 2>&1
"$PG" detect "$WORK/complaints.jsonl" -o "$WORK/findings.jsonl"
"$PY" -m benchmarks.score "$WORK/complaints.jsonl" "$WORK/findings.jsonl" | sed -n '1,7p'

echo
echo "== 2. Protect one complaint with each shipped policy"
SAMPLE='投诉人身份证号110101199003074573，联系电话＋８６ 138-1234-5678，扣款卡6222 0212 3456 7890 128。客服95588无人处理。'
echo "input:     (the sample above; synthetic numbers with valid check digits)"
for policy in complaints display audit; do
    printf '%-11s' "$policy:"
    echo "$SAMPLE" | "$PG" scrub --policy "$policy" --keyring "$KEYS" - 2>/dev/null | cut -c1-160
done

echo
echo "== 3. Scrub the whole file (complaints policy: encrypt), reveal it for a handler, compare"
"$PG" scrub --policy complaints --keyring "$KEYS" "$WORK/complaints.jsonl" -o "$WORK/complaints.protected.jsonl"
"$PG" detect "$WORK/complaints.protected.jsonl" -o "$WORK/left.jsonl"
"$PY" - "$WORK/left.jsonl" <<'PYEOF'
import json, sys
left = sum(len(json.loads(line)["entities"]) for line in open(sys.argv[1], encoding="utf-8"))
print(f"detector findings left in the protected file: {left}")
PYEOF
"$PG" reveal --keyring "$KEYS" --as demo-handler --purpose "demo: call the customer back" \
    --audit-log "$WORK/audit.jsonl" "$WORK/complaints.protected.jsonl" -o "$WORK/complaints.revealed.jsonl"
cmp "$WORK/complaints.jsonl" "$WORK/complaints.revealed.jsonl" && echo "revealed file is byte-identical to the input"
echo "last audit record:"; tail -n 1 "$WORK/audit.jsonl"
