#!/usr/bin/env bash
# Training from CSV files larger than memory (#9, scale): generates synthetic regression CSVs of three sizes with
# `dlp generate`, trains each with `data.streaming: true` (sdca and the MLP) under a memory cap on the process, and
# records wall time and peak RSS (/usr/bin/time -v) per run. Prints a table and writes bench/results/scale.json.
#
#   bench/scale.sh [--cap-mib 256] [--sizes "275MB 550MB 1100MB"] [--features 50] [--trainers "sdca mlp"]
#                  [--workdir /tmp/dlp-scale] [--keep]
#
# The cap: a cgroup-v1 memory cgroup when this process may create one (its limit counts the process's memory
# and the page cache it fills; the kernel reclaims cache, and kills the process when that is not enough), else
# cgroup v2 through `systemd-run --user --scope -p MemoryMax=…`, else DOTNET_GCHeapHardLimit (managed heap only,
# said so in the results). `prlimit --as` does not work: .NET reserves far more address space than it uses.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

cap_mib=256
sizes="275MB 550MB 1100MB"
features=50
trainers="sdca mlp"
work=/tmp/dlp-scale
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cap-mib) cap_mib=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --features) features=$2; shift 2 ;;
    --trainers) trainers=$2; shift 2 ;;
    --workdir) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "bench/scale.sh: unknown argument '$1'; see the comment at the top of the script" >&2; exit 2 ;;
  esac
done

config=${CONFIG:-Release}
# DLP_DLL: a dlp.dll elsewhere (e.g. a copy of the build, so rebuilding meanwhile does not change the runs).
dll=${DLP_DLL:-$root/src/Host/bin/$config/net10.0/linux-x64/dlp.dll}
[ -f "$dll" ] || make build CONFIG="$config" >/dev/null
dlp() { dotnet "$dll" "$@"; }
command -v /usr/bin/time >/dev/null || { echo "bench/scale.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
cap_bytes=$((cap_mib * 1024 * 1024))

# Which cap works here.
mechanism=none
parent=$(awk -F: '$2=="memory"{print $3}' /proc/self/cgroup 2>/dev/null || true)
if [ -n "$parent" ] && mkdir "/sys/fs/cgroup/memory$parent/dlp-scale-probe-$$" 2>/dev/null; then
  rmdir "/sys/fs/cgroup/memory$parent/dlp-scale-probe-$$"
  mechanism=cgroup-v1
elif command -v systemd-run >/dev/null && systemd-run --user --scope -q -p MemoryMax=64M true 2>/dev/null; then
  mechanism=cgroup-v2-systemd-run
else
  mechanism=gc-heap-hard-limit
fi

# capped OUT_TIME CMD...: runs CMD under the cap with /usr/bin/time -v writing to OUT_TIME.
capped() {
  local timing=$1; shift
  case $mechanism in
    cgroup-v1)
      local cg="/sys/fs/cgroup/memory$parent/dlp-scale-$$-$RANDOM"
      mkdir "$cg"
      echo "$cap_bytes" > "$cg/memory.limit_in_bytes"
      local rc=0
      sh -c "echo \$\$ > $cg/cgroup.procs; exec /usr/bin/time -v -o \"\$0\" \"\$@\"" "$timing" "$@" || rc=$?
      echo "cgroup_max_usage_bytes: $(cat "$cg/memory.max_usage_in_bytes")" >> "$timing"
      echo "cgroup_oom_kills: $(awk '$1=="oom_kill"{print $2}' "$cg/memory.oom_control")" >> "$timing"
      rmdir "$cg" 2>/dev/null || true
      return $rc ;;
    cgroup-v2-systemd-run)
      systemd-run --user --scope -q -p MemoryMax="$cap_bytes" -p MemorySwapMax=0 /usr/bin/time -v -o "$timing" "$@" ;;
    *)
      DOTNET_GCHeapHardLimit=$(printf '0x%x' "$cap_bytes") /usr/bin/time -v -o "$timing" "$@" ;;
  esac
}

mkdir -p "$work" bench/results
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "cap: $cap_mib MiB ($mechanism); sizes: $sizes; features: $features; trainers: $trainers; load average: $load_before; cores: $(nproc)"
runs="$work/runs.tsv"
: > "$runs"
for size in $sizes; do
  data="$work/regression-$size.csv"
  dlp generate --task regression --size "$size" --features "$features" --seed 42 --output "$data" >/dev/null
  bytes=$(stat -c %s "$data")
  for trainer in $trainers; do
    spec="$work/$trainer-$size.yaml"
    case $trainer in
      sdca) trainer_yaml="{ name: sdca, max_iterations: 2, threads: 1 }" ;;
      mlp) trainer_yaml="{ name: mlp, hidden: [32], epochs: 2, batch_size: 256, cache: stream, threads: 1, optimizer: { name: adam, learning_rate: 0.01 } }" ;;
      *) echo "bench/scale.sh: no spec for trainer '$trainer' (sdca, mlp)" >&2; exit 2 ;;
    esac
    cat > "$spec" <<EOF
name: scale-$trainer-$size
task: regression
data: { train: $data, streaming: true }
label: y
trainer: $trainer_yaml
seed: 42
EOF
    timing="$work/$trainer-$size.time"
    rc=0
    capped "$timing" dotnet "$dll" train "$spec" --output "$work/$trainer-$size.zip" --json > "$work/$trainer-$size.json" 2> "$work/$trainer-$size.err" || rc=$?
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$trainer" "$size" "$bytes" "$rc" "$timing" "$work/$trainer-$size.json" >> "$runs"
    echo "  $trainer on $size: exit $rc"
  done
  [ "$keep" = 1 ] || rm -f "$data"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$runs" "$cap_mib" "$mechanism" "$features" "$load_before" "$load_after" "$(git rev-parse --short HEAD)" <<'EOF'
import json, re, sys, datetime, os
runs, cap_mib, mechanism, features, load_before, load_after, commit = sys.argv[1:]
rows = []
for line in open(runs):
    trainer, size, nbytes, rc, timing, out = line.rstrip('\n').split('\t')
    t = open(timing).read()
    def field(name):
        m = re.search(re.escape(name) + r':\s*(.+)', t)
        return m.group(1).strip() if m else None
    wall = field('Elapsed (wall clock) time (h:mm:ss or m:ss)')
    parts = [float(p) for p in wall.split(':')] if wall else []
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts))) if parts else None
    rss_kb = int(field('Maximum resident set size (kbytes)') or 0)
    result = {}
    try:
        result = json.load(open(out))
    except Exception:
        pass
    metrics = result.get('metrics') or {}
    rows.append({
        'trainer': trainer, 'size': size, 'file_bytes': int(nbytes), 'exit_code': int(rc),
        'rows': (result.get('train_rows') or 0) + (result.get('test_rows') or 0) or None,
        'wall_seconds': seconds, 'user_seconds': float(field('User time (seconds)') or 0),
        'peak_rss_mib': round(rss_kb / 1024, 1),
        'cgroup_max_usage_mib': round(int(field('cgroup_max_usage_bytes') or 0) / 2**20, 1) if field('cgroup_max_usage_bytes') else None,
        'oom_kills': int(field('cgroup_oom_kills') or 0) if field('cgroup_oom_kills') else None,
        'r_squared': metrics.get('r_squared'), 'rmse': metrics.get('rmse'),
        'file_over_cap': round(int(nbytes) / (int(cap_mib) * 2**20), 2),
    })
doc = {
    'benchmark': 'dlp train with data.streaming: true on synthetic regression CSVs under a memory cap (bench/scale.sh)',
    'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
    'commit': commit, 'cores': os.cpu_count(), 'load_average_before': load_before, 'load_average_after': load_after,
    'memory_cap_mib': int(cap_mib), 'cap_mechanism': mechanism, 'features': int(features),
    'specs': {'sdca': 'sdca, max_iterations 2, threads 1', 'mlp': 'mlp hidden [32], 2 epochs, batch 256, cache stream, adam 0.01, threads 1'},
    'runs': rows,
}
json.dump(doc, open('bench/results/scale.json', 'w'), indent=2)
print(f"\n| trainer | file | × cap | rows | exit | wall s | user s | peak RSS MiB | R² |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    r2 = f"{r['r_squared']:.4f}" if r['r_squared'] is not None else '—'
    print(f"| {r['trainer']} | {r['file_bytes']/1e6:.0f} MB | {r['file_over_cap']} | {r['rows'] or '—'} | {r['exit_code']} | {r['wall_seconds']:.0f} | {r['user_seconds']:.0f} | {r['peak_rss_mib']} | {r2} |")
print(f"\ncap {cap_mib} MiB via {mechanism}; load average before {load_before}, after {load_after}; written bench/results/scale.json")
EOF
[ "$keep" = 1 ] || rm -f "$work"/*.zip "$work"/*.csv
