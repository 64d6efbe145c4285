#!/usr/bin/env bash
# Batch scoring (issue #9): `dlp predict`, CSV → CSV, on a ROWS-row (default 2,000,000) diabetes-shaped file with an
# id column, for a linear model trained by ols (our closed-form head) and by sdca (ML.NET's linear model). Each model
# is scored RUNS times (default 3) on the compiled path (--scoring auto) and once on the general ML.NET path
# (--scoring general); the outputs must be byte-identical. Prints a table (median wall and CPU seconds, rows/s end to
# end: process start, model load, parse, score, write) and writes bench/results/scoring.json.
# DLP="path/to/dlp" times another build (e.g. DLP=dist/dlp/dlp after `make publish`); default: the Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-2000000}
runs=${RUNS:-3}
config=${CONFIG:-Release}
if [ -z "${DLP:-}" ]; then
  echo "Building ($config)…"
  dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
  dlp=(dotnet "src/Host/bin/$config/net10.0/linux-x64/dlp.dll")
else
  dlp=($DLP)
fi

cache=bench/.cache/scoring
mkdir -p "$cache" bench/results
data="$cache/score-$rows.csv"
[ -f "$data" ] || { echo "Generating $rows rows…"; python3 bench/scoring/make_data.py "$rows" "$data.tmp" && mv "$data.tmp" "$data"; }
[ -f "$cache/train.csv" ] || python3 bench/scoring/make_data.py 20000 "$cache/train.csv" --seed 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for trainer in ols sdca; do
  cat > "$work/$trainer.yaml" <<YAML
name: scoring-$trainer
task: regression
data: { train: $(realpath "$cache/train.csv") }
label: target
features: [age, sex, bmi, bp, s1_tc, s2_ldl, s3_hdl, s4_tch, s5_ltg, s6_glu]
trainer: { name: $trainer }
seed: 42
YAML
  "${dlp[@]}" train "$work/$trainer.yaml" --output "$work/$trainer.zip" --json >/dev/null
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for trainer in ols sdca; do
  echo "scoring with $trainer: compiled path ×$runs, general path ×1…"
  python3 bench/scoring/measure.py "$runs" -- "${dlp[@]}" predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-auto.csv" --keep id > "$work/$trainer-auto.json"
  "${dlp[@]}" predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-auto.csv" --keep id --json > "$work/$trainer-path.json"
  python3 bench/scoring/measure.py 1 -- "${dlp[@]}" predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-general.csv" --keep id --scoring general > "$work/$trainer-general.json"
  if cmp -s "$work/$trainer-auto.csv" "$work/$trainer-general.csv"; then echo same > "$work/$trainer-same"; else echo differ > "$work/$trainer-same"; fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$rows" "$runs" "$load_before" "$load_after" "${dlp[*]}" <<'PY'
import json, os, sys, time
work, rows, runs, load_before, load_after, dlp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
result = {"case": f"dlp predict, {rows:,} rows CSV -> CSV (11 numeric columns + id kept), linear regression",
          "dlp": dlp, "rows": rows, "runs": runs, "cores": os.cpu_count(),
          "load_average_before": load_before, "load_average_after": load_after,
          "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "models": {}}
print(f"\n{'model':6} {'path':9} {'wall s':>8} {'cpu s':>8} {'rows/s (wall)':>14}  identical")
for trainer in ("ols", "sdca"):
    same = open(f"{work}/{trainer}-same").read().strip() == "same"
    path = json.load(open(f"{work}/{trainer}-path.json"))["scoring"]
    entry = {"compiled_path": path, "outputs_identical": same}
    for kind in ("auto", "general"):
        m = json.load(open(f"{work}/{trainer}-{kind}.json"))
        m["rows_per_s"] = round(rows / m["wall_s"])
        entry[kind] = m
        print(f"{trainer:6} {kind:9} {m['wall_s']:8.2f} {m['cpu_s']:8.2f} {m['rows_per_s']:14,}  {'yes' if same else 'NO'}")
    result["models"][trainer] = entry
print(f"load average before/after: {load_before} / {load_after} ({os.cpu_count()} cores)")
json.dump(result, open("bench/results/scoring.json", "w"), indent=2)
print("wrote bench/results/scoring.json")
if not all(e["outputs_identical"] for e in result["models"].values()):
    sys.exit("the compiled path's output differs from the general path's")
PY
