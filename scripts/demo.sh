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
for policy in complaints display; do
    printf '%-11s' "$policy:"
    echo "$SAMPLE" | "$PG" scrub --policy "$policy" --keyring "$KEYS" - 2>/dev/null | cut -c1-160
done
# The audit policy only detects and counts: its output is the input, so say so rather than print it.
printf '%-11s' "audit:"
if [ "$(echo "$SAMPLE" | "$PG" scrub --policy audit --keyring "$KEYS" - 2>/dev/null)" = "$SAMPLE" ]; then
    echo "text unchanged; it counts: $(echo "$SAMPLE" | "$PG" scrub --policy audit --keyring "$KEYS" - 2>&1 >/dev/null | tail -n 1)"
else
    echo "text changed (unexpected for an audit policy)"; exit 1
fi

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

echo
echo "== 4. The complaint-intake service behind PIIGuardMiddleware (uvicorn on 127.0.0.1, SQLite)"
PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
TOKEN="demo-handler-$("$PY" -c 'import secrets; print(secrets.token_hex(12))')"
rm -f "$WORK/intake.db" "$WORK/intake.log"
# the handler token in the environment: a command line is visible to every local user (ps)
PII_GUARD_HANDLERS="handler-07:$TOKEN" "$PG" intake --port "$PORT" --db "sqlite:///$WORK/intake.db" --keyring "$KEYS" --log-file "$WORK/intake.log" \
    --audit-log "$WORK/intake-audit.jsonl" >"$WORK/intake.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
"$PY" - "$PORT" "$TOKEN" "$WORK" <<'PYEOF'
import json, random, sqlite3, sys, time
import httpx
from benchmarks import synth

port, token, work = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        if httpx.get(f"{base}/health").status_code == 200:
            break
    except httpx.HTTPError:
        time.sleep(0.1)
rng = random.Random(7)
ids = []
for i in range(3):
    pid, mobile, card = synth.resident_id(rng), synth.mobile_number(rng), synth.bank_card(rng, prefix="622202", length=19)
    doc = {"complainant": {"name": "张某", "id_number": pid, "phone": int(mobile)},
           "text": f"代理退保中介索要我的银行卡{card[:4]} {card[4:8]} {card[8:12]} {card[12:16]} {card[16:]}，请回电＋８６ {mobile}。"}
    ids.append(httpx.post(f"{base}/complaints", json=doc).json()["id"])
httpx.get(f"{base}/complaints/{ids[0]}", params={"callback": mobile})  # a number in a query string, for the access log
print(f"posted complaints {ids}; what the database holds (first row, first 240 characters):")
row = sqlite3.connect(f"{work}/intake.db").execute("SELECT payload FROM complaints ORDER BY id LIMIT 1").fetchone()[0]
print("  ", row[:240], "…")
print("GET /complaints/1 (masked by default):")
print("  ", json.dumps(httpx.get(f"{base}/complaints/{ids[0]}").json()["complaint"], ensure_ascii=False)[:240])
r = httpx.get(f"{base}/complaints/{ids[0]}", params={"reveal": "1"})
print(f"GET /complaints/1?reveal=1 without a handler token: HTTP {r.status_code}")
r = httpx.get(f"{base}/complaints/{ids[0]}", params={"reveal": "1"},
              headers={"authorization": f"Bearer {token}", "x-purpose": "call the customer back"})
print(f"GET /complaints/1?reveal=1 as handler-07 with a purpose: HTTP {r.status_code}, revealed={r.json()['revealed']}")
print("middleware counters:", httpx.get(f"{base}/metrics").text.count("\n"), "lines at /metrics")
PYEOF
echo "what the log file holds:"
sed 's/^/   /' "$WORK/intake.log" | cut -c1-200
echo "reveal audit record:"; tail -n 1 "$WORK/intake-audit.jsonl"
