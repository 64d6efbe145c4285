#!/usr/bin/env bash
# Start-up (issue #9): the commands schedulers and people run most, each a fresh process, RUNS times (default 7),
# median wall and CPU seconds — for the JIT-only Release build (`dotnet dlp.dll`) and the ReadyToRun publish
# (`make publish`, run as dist/dlp/dlp). Cases: `dlp --version`, `dlp inspect MODEL` (table), `dlp inspect MODEL
# --json`, and `dlp predict` of a 10-row file with a linear model. The page cache cannot be dropped here
# (no root in CI), so "cold" means a new process, not a cold disk. Prints a table, writes bench/results/startup.json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
config=${CONFIG:-Release}
echo "Building ($config) and publishing the ReadyToRun dlp…"
dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
make -s publish CONFIG="$config" >/dev/null
jit=(dotnet "src/Host/bin/$config/net10.0/linux-x64/dlp.dll")
r2r=(dist/dlp/dlp)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=bench/.cache/scoring
mkdir -p "$cache" bench/results
[ -f "$cache/train.csv" ] || python3 bench/scoring/make_data.py 20000 "$cache/train.csv" --seed 3
head -11 "$cache/train.csv" > "$work/tiny.csv"
cat > "$work/sdca.yaml" <<YAML
name: startup-sdca
task: regression
data: { train: $(realpath "$cache/train.csv") }
label: target
features: [age, sex, bmi, bp, s1_tc, s2_ldl, s3_hdl, s4_tch, s5_ltg, s6_glu]
trainer: { name: sdca }
seed: 42
YAML
"${jit[@]}" train "$work/sdca.yaml" --output "$work/model.zip" --json >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for build in jit r2r; do
  if [ $build = jit ]; then dlp=("${jit[@]}"); else dlp=("${r2r[@]}"); fi
  echo "$build: ${dlp[*]}"
  python3 bench/scoring/measure.py "$runs" -- "${dlp[@]}" --version > "$work/$build-version.json"
  python3 bench/scoring/measure.py "$runs" -- "${dlp[@]}" inspect "$work/model.zip" > "$work/$build-inspect.json"
  python3 bench/scoring/measure.py "$runs" -- "${dlp[@]}" inspect "$work/model.zip" --json > "$work/$build-inspect-json.json"
  python3 bench/scoring/measure.py "$runs" -- "${dlp[@]}" predict "$work/model.zip" --data "$work/tiny.csv" --output "$work/out.csv" > "$work/$build-predict.json"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$runs" "$load_before" "$load_after" <<'PY'
import json, os, sys, time
work, runs, load_before, load_after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
cases = [("version", "dlp --version"), ("inspect", "dlp inspect MODEL"), ("inspect-json", "dlp inspect MODEL --json"),
         ("predict", "dlp predict MODEL (10 rows, sdca)")]
result = {"runs": runs, "cores": os.cpu_count(), "load_average_before": load_before, "load_average_after": load_after,
          "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "builds": {"jit": "dotnet src/Host/bin/Release/net10.0/linux-x64/dlp.dll", "r2r": "dist/dlp/dlp (make publish)"}, "cases": {}}
print(f"\n{'case':36} {'JIT wall':>9} {'cpu':>6} {'R2R wall':>9} {'cpu':>6}")
for key, label in cases:
    jit = json.load(open(f"{work}/jit-{key}.json")); r2r = json.load(open(f"{work}/r2r-{key}.json"))
    result["cases"][key] = {"command": label, "jit": jit, "r2r": r2r}
    print(f"{label:36} {jit['wall_s']:9.3f} {jit['cpu_s']:6.3f} {r2r['wall_s']:9.3f} {r2r['cpu_s']:6.3f}")
print(f"median of {runs} runs, seconds; load average before/after: {load_before} / {load_after} ({os.cpu_count()} cores)")
json.dump(result, open("bench/results/startup.json", "w"), indent=2)
print("wrote bench/results/startup.json")
PY
