#!/usr/bin/env bash
# End to end: the sample's POST /login (two tokens per request: ES256 access + HS256 refresh) under wrk,
# against the same endpoint written by hand with JsonWebTokenHandler
# (benchmarks/TokenIssuer.Benchmarks.HandWrittenLogin). Both are Release builds run in Production on
# loopback with the same keys; the rounds alternate between the two apps and the table gives the medians.
#
#   benchmarks/wrk-login.sh                      # -t2 -c32 -d15s, 3 rounds each
#   THREADS=1 CONNECTIONS=16 DURATION=10s ROUNDS=5 benchmarks/wrk-login.sh
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. wrk runs on the same machine as the server, so
# on few cores it takes part of the CPU the server would have: compare the two rows, not absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-5s}

for tool in wrk curl python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "wrk-login.sh: $tool is missing (wrk: apt-get install wrk)" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building both apps (Release)..." >&2
dotnet publish samples/TokenIssuer.Sample.WebApi -c Release -o "$work/sample" -v q -nologo >&2
dotnet publish benchmarks/TokenIssuer.Benchmarks.HandWrittenLogin -c Release -o "$work/handwritten" -v q -nologo >&2

# The same keys for both: the conformance test keys the benchmarks use (never for anything real). Production
# wants an https PublicUrl (only announced in the discovery document, never fetched here). The sample's Service
# profile signs with its managed key (not used by /login), kept in a folder of this run (Sample:DataDirectory).
keys="$PWD/benchmarks/TokenIssuer.Benchmarks/Keys"
secret="wrk-login-refresh-secret-0123456789-abcdefghijkl"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start() { # name dll port env...
  local name=$1 dll=$2 port=$3; shift 3
  # exec: the pid kept for the clean-up is the app itself, not a subshell that would leave it running.
  (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" dotnet "$dll" >"$work/$name.log" 2>&1) &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    if curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
         -d '{"username":"alice","password":"wonderland"}' "http://127.0.0.1:$port/login" 2>/dev/null | grep -q 200; then
      return 0
    fi
    sleep 0.5
  done
  echo "wrk-login.sh: $name did not answer POST /login with 200 on port $port; its log:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

sample_port=$(free_port)
start sample "$work/sample/TokenIssuer.Sample.WebApi.dll" "$sample_port" \
  JwtIssuer__PublicUrl="https://id.sample.local" \
  JwtIssuer__Keys__access__PemFile="$keys/ec-p256-private.pem" JwtIssuer__Keys__access__KeyId=access-1 \
  JwtIssuer__Keys__refresh__Secret="$secret" JwtIssuer__Keys__refresh__KeyId=refresh-1 \
  JwtIssuer__Profiles__Access__SigningKey=access \
  JwtIssuer__Profiles__Refresh__SigningKey=refresh \
  Sample__DataDirectory="$work/sample-data"
hand_port=$(free_port)
start handwritten "$work/handwritten/TokenIssuer.Benchmarks.HandWrittenLogin.dll" "$hand_port" \
  HandWrittenLogin__AccessPemFile="$keys/ec-p256-private.pem" HandWrittenLogin__AccessKeyId=access-1 \
  HandWrittenLogin__RefreshSecret="$secret" HandWrittenLogin__RefreshKeyId=refresh-1

# Same endpoint: both answer with the same JSON members and tokens of the same algorithms, types and claim names.
login() { curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"alice","password":"wonderland"}' "http://127.0.0.1:$1/login"; }
python3 - "$(login "$sample_port")" "$(login "$hand_port")" <<'PY'
import base64, json, sys
def part(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
def shape(body):
    response = json.loads(body)
    out = {"members": sorted(response), "token_type": response["token_type"], "expires_in": response["expires_in"]}
    for name in ("access_token", "refresh_token"):
        header, payload, _ = response[name].split(".")
        h, p = part(header), part(payload)
        out[name] = {"header": {k: h[k] for k in sorted(h)}, "claims": sorted(p),
                     "lifetime": p["exp"] - p["iat"],
                     "values": {k: p[k] for k in ("sub", "name", "role", "tenant_id", "scope", "iss", "aud") if k in p}}
    return out
sample, hand = shape(sys.argv[1]), shape(sys.argv[2])
if sample != hand:
    print("wrk-login.sh: the two /login responses differ:\n sample:      %s\n handwritten: %s" % (json.dumps(sample), json.dumps(hand)), file=sys.stderr)
    sys.exit(1)
print("Both /login responses: %s" % json.dumps(sample), file=sys.stderr)
PY

run() { # name port -> "req/s p50 p99"
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/wrk-login.lua "http://127.0.0.1:$2")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk-login.sh: $1 answered errors:" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "Warming up both ($WARMUP each)..." >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s benchmarks/wrk-login.lua "http://127.0.0.1:$sample_port" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s benchmarks/wrk-login.lua "http://127.0.0.1:$hand_port" >/dev/null

results="$work/results"
for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS..." >&2
  echo "sample $round $(run sample "$sample_port")" >>"$results"
  echo "handwritten $round $(run handwritten "$hand_port")" >>"$results"
done

python3 - "$results" "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
path, threads, connections, duration, rounds, cores, load = sys.argv[1:]
def ms(text):  # wrk prints 850.00us, 1.23ms, 1.02s
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)
rows = {}
for line in open(path):
    app, _, rps, p50, p99 = line.split()
    rows.setdefault(app, []).append((float(rps), ms(p50), ms(p99)))
print(f"POST /login, two tokens per request; wrk -t{threads} -c{connections} -d{duration}, median of {rounds} alternating rounds;")
print(f"Release, Production, loopback, {cores} cores shared with wrk; load average before the table: {load}")
print()
print("| App | Requests/s | Latency p50 | Latency p99 | Requests/s of each round |")
print("| --- | ---: | ---: | ---: | --- |")
names = {"sample": "Sample (TokenIssuer, generated IssueAccess/IssueRefresh)", "handwritten": "Hand-written (JsonWebTokenHandler)"}
medians = {}
for app in ("sample", "handwritten"):
    r = rows[app]
    medians[app] = statistics.median(x[0] for x in r)
    print(f"| {names[app]} | {medians[app]:,.0f} | {statistics.median(x[1] for x in r):.2f} ms | {statistics.median(x[2] for x in r):.2f} ms | {', '.join(f'{x[0]:,.0f}' for x in r)} |")
print()
print(f"Sample / hand-written requests/s: {medians['sample'] / medians['handwritten']:.2f}x")
PY
