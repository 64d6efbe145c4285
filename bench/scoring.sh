#!/usr/bin/env bash
# Batch scoring (issue #9): `dlp predict`, CSV → CSV, on a ROWS-row (default 2,000,000) diabetes-shaped file with an
# id column, for a linear model trained by ols (our closed-form head) and by sdca (ML.NET's linear model). Each model
# is scored RUNS times (default 3) on the compiled path (--scoring auto) by the JIT Release build and by the
# ReadyToRun publish (`make publish`, dist/dlp/dlp), alternating, and once on the general ML.NET path
# (--scoring general); the outputs must be byte-identical. Prints a table (median wall and CPU seconds, rows/s end to
# end: process start, model load, parse, score, write) and writes bench/results/scoring.json.
# DLP="path/to/dlp" times that build only.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-2000000}
runs=${RUNS:-3}
config=${CONFIG:-Release}
if [ -z "${DLP:-}" ]; then
  echo "Building ($config) and publishing the ReadyToRun dlp…"
  dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
  make -s publish CONFIG="$config" >/dev/null
  dlp=(dotnet "src/Host/bin/$config/net10.0/linux-x64/dlp.dll")
  builds="jit r2r"
else
  dlp=($DLP)
  builds="given"
fi
command_of() { case "$1" in r2r) echo dist/dlp/dlp ;; *) echo "${dlp[*]}" ;; esac; }

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
  echo "scoring with $trainer: compiled path ×$runs per build (alternating), general path ×1…"
  for ((run = 1; run <= runs; run++)); do
    for build in $builds; do
      python3 bench/scoring/measure.py 1 -- $(command_of $build) predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-$build.csv" --keep id > "$work/$trainer-$build-$run.json"
    done
  done
  "${dlp[@]}" predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-auto.csv" --keep id --json > "$work/$trainer-path.json"
  python3 bench/scoring/measure.py 1 -- "${dlp[@]}" predict "$work/$trainer.zip" --data "$data" --output "$work/$trainer-general.csv" --keep id --scoring general > "$work/$trainer-general.json"
  echo same > "$work/$trainer-same"
  for output in "$work/$trainer-auto.csv" $(for build in $builds; do echo "$work/$trainer-$build.csv"; done); do
    cmp -s "$output" "$work/$trainer-general.csv" || echo differ > "$work/$trainer-same"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$rows" "$runs" "$load_before" "$load_after" "${dlp[*]}" "$builds" <<'PY'
import json, os, statistics, sys, time
work, rows, runs, load_before, load_after, dlp, builds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7].split()
names = {"jit": dlp, "r2r": "dist/dlp/dlp (make publish, ReadyToRun)", "given": dlp}
result = {"case": f"dlp predict, {rows:,} rows CSV -> CSV (11 numeric columns + id kept), linear regression",
          "builds": {b: names[b] for b in builds}, "rows": rows, "runs": runs, "cores": os.cpu_count(),
          "load_average_before": load_before, "load_average_after": load_after,
          "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "models": {}}
print(f"\n{'model':6} {'path':9} {'build':6} {'wall s':>8} {'cpu s':>8} {'rows/s (wall)':>14}  identical")
for trainer in ("ols", "sdca"):
    same = open(f"{work}/{trainer}-same").read().strip() == "same"
    path = json.load(open(f"{work}/{trainer}-path.json"))["scoring"]
    entry = {"compiled_path": path, "outputs_identical": same}
    for build in builds:
        each = [json.load(open(f"{work}/{trainer}-{build}-{run}.json")) for run in range(1, runs + 1)]
        walls, cpus = [m["wall_s"] for m in each], [m["cpu_s"] for m in each]
        m = {"wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus), "walls": walls, "cpus": cpus}
        m["rows_per_s"] = round(rows / m["wall_s"])
        entry[f"auto_{build}"] = m
        print(f"{trainer:6} {'auto':9} {build:6} {m['wall_s']:8.2f} {m['cpu_s']:8.2f} {m['rows_per_s']:14,}  {'yes' if same else 'NO'}")
    m = json.load(open(f"{work}/{trainer}-general.json"))
    m["rows_per_s"] = round(rows / m["wall_s"])
    entry["general"] = m
    print(f"{trainer:6} {'general':9} {builds[0]:6} {m['wall_s']:8.2f} {m['cpu_s']:8.2f} {m['rows_per_s']:14,}  {'yes' if same else 'NO'}")
    result["models"][trainer] = entry
print(f"compiled path: {result['models']['ols']['compiled_path']}")
print(f"load average before/after: {load_before} / {load_after} ({os.cpu_count()} cores)")
json.dump(result, open("bench/results/scoring.json", "w"), indent=2)
print("wrote bench/results/scoring.json")
if not all(e["outputs_identical"] for e in result["models"].values()):
    sys.exit("the compiled path's output differs from the general path's")
PY
