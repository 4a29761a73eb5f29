#!/usr/bin/env bash
# Lighthouse (mobile, simulated slow 4G) performance score and LCP of a seeded QR page, in Debian's
# chromium. Usage: bash bench/lighthouse.sh   (prints the figures; full report in bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8766}
OUT=bench/out
mkdir -p "$OUT"
command -v chromium >/dev/null || { echo "needs Debian's chromium (make test-system-deps)"; exit 1; }
[ -x bench/node_modules/.bin/lighthouse ] || \
  npm install --prefix bench --no-save --no-audit --no-fund --loglevel=error lighthouse@13 >/dev/null

export MINGLIANG_DATA_DIR=${MINGLIANG_DATA_DIR:-$(mktemp -d)} MINGLIANG_DB_NAME=lighthouse PORT
.venv/bin/python -m backend serve --no-worker > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/api/v1/businesses?pageSize=1" -o "$OUT/first.json" 2>/dev/null && break
  sleep 1
done
# The page with the most reviews among the first 50: grade, stars, reviews and form all shown.
CODE=$(.venv/bin/python - "$PORT" <<'PY'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}/api/v1/businesses"
codes = [row["code"] for row in json.load(urllib.request.urlopen(f"{base}?pageSize=50"))["data"]]
count = lambda code: json.load(urllib.request.urlopen(f"{base}/{code}/reviews?pageSize=1"))["meta"]["totalCount"]
print(max(codes, key=count))
PY
)
SIG=$(.venv/bin/python -c "from backend.qr.signature import sign; print(sign('$CODE'))")
URL="http://127.0.0.1:$PORT/b/$CODE?s=$SIG"
CHROME_PATH=$(command -v chromium) bench/node_modules/.bin/lighthouse "$URL" --quiet \
  --only-categories=performance --form-factor=mobile --output=json --output=html \
  --output-path="$OUT/lighthouse" \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking"
.venv/bin/python - "$OUT/lighthouse.report.json" "$URL" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
print(f"url {sys.argv[2]}")
print(f"performance score {report['categories']['performance']['score']:.2f}  "
      f"LCP {audits['largest-contentful-paint']['numericValue'] / 1000:.2f} s  "
      f"FCP {audits['first-contentful-paint']['numericValue'] / 1000:.2f} s  "
      f"TBT {audits['total-blocking-time']['numericValue']:.0f} ms  "
      f"CLS {audits['cumulative-layout-shift']['numericValue']:.3f}  "
      f"transfer {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB")
PY
