#!/usr/bin/env bash
# `make bench` (issues #4 and #9): dlp against its peers, side by side, on the same files and the same rows.
#  1. scikit-learn cases (bench/sklearn_cases.py driving bench/Cases, the library warm and in-process): linear
#     regression, L-BFGS logistic regression, k-means, PCA, boosted trees, text, and embedded scoring; peers at 1 and
#     2 threads; alternating per repetition; table + bench/results/sklearn.json.
#  2. the MLP case: dlp's MLP (examples/mnist-mlp.yaml) against the same model in PyTorch (bench/mnist_mlp.py) on
#     mnist_10k, one thread each, alternating dlp / PyTorch; table + bench/results/mnist-mlp.json.
#  3. every bench/cases/*.sh: each prints its own rows of the closing table and writes bench/results/<name>.json.
# Then one closing table of all cases: case | dlp | peer | ratio | dlp metric | peer metric.
# BENCH_CASES=a,b selects cases: scikit-learn case names (see bench/sklearn_cases.py), `embedded`, `mlp`, or a
# bench/cases script's name without .sh; unset = all. RUNS=n sets the repetitions (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
config=${CONFIG:-Release}
selected=${BENCH_CASES:-}
sklearn_all="diabetes_ols,diabetes_sdca,digits_logistic,mnist_logistic,digits_kmeans,mnist_kmeans,digits_pca,mnist_pca,shuttle_lightgbm,shuttle_fasttree,spam_text,embedded"
wants() { [ -z "$selected" ] || [[ ",$selected," == *",$1,"* ]]; }
sklearn_cases=""
for c in ${sklearn_all//,/ }; do if wants "$c"; then sklearn_cases="$sklearn_cases${sklearn_cases:+,}$c"; fi; done

# Debian's python3-torch and python3-sklearn are built for the system python; a pyenv python3 earlier on PATH cannot
# import them.
py=/usr/bin/python3
missing=()
if wants mlp && ! "$py" -c "import torch" >/dev/null 2>&1; then missing+=(python3-torch); fi
if [ -n "$sklearn_cases" ] && ! "$py" -c "import sklearn, threadpoolctl" >/dev/null 2>&1; then missing+=(python3-sklearn python3-threadpoolctl); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "bench: $py lacks ${missing[*]}; install them with apt-get (needs root)" >&2; exit 1; fi
  echo "Installing Debian's ${missing[*]}…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
fi

# Debian's torch and numpy/scipy call whatever libblas.so.3 the system selects; with only netlib's reference BLAS
# installed PyTorch ran the MLP 3.7× slower than with OpenBLAS, which would make any ratio flatter dlp. So the peers
# get Debian's OpenBLAS, unpacked under bench/.cache and put on LD_LIBRARY_PATH for their runs only: installing the
# package would switch every program's BLAS on a machine others share. BENCH_BLAS=system skips this.
blas_dir=""
blas="system: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
if [ "${BENCH_BLAS:-openblas}" = openblas ]; then
  cache=bench/.cache/openblas
  blas_dir=$cache/usr/lib/x86_64-linux-gnu/openblas-pthread
  if [ ! -f "$blas_dir/libblas.so.3" ]; then
    echo "Fetching Debian's libopenblas0-pthread for the peers' runs…"
    rm -rf "$cache" && mkdir -p "$cache"
    (cd "$cache" && apt-get download -qq libopenblas0-pthread 2>/dev/null && dpkg -x libopenblas0-pthread_*.deb . && rm -f ./*.deb)
  fi
  blas="openblas: $(basename "$(ls "$blas_dir"/libopenblasp-r*.so)")"
fi
peer_env=(env "LD_LIBRARY_PATH=${blas_dir:+$blas_dir:}${LD_LIBRARY_PATH:-}")

echo "Building ($config)…"
dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
mkdir -p bench/results
summary=()

# 1. scikit-learn
if [ -n "$sklearn_cases" ]; then
  dotnet build bench/Cases/Cases.csproj -c "$config" -v quiet -clp:NoSummary >/dev/null
  echo "scikit-learn cases: $sklearn_cases ($runs runs each)…"
  "${peer_env[@]}" "$py" bench/sklearn_cases.py --cases-dll "bench/Cases/bin/$config/net10.0/linux-x64/Cases.dll" \
    --cases "$sklearn_cases" --runs "$runs" --out bench/results/sklearn.json
  echo "(peers' BLAS: $blas)"
  mapfile -t rows < <("$py" bench/sklearn_cases.py --summary bench/results/sklearn.json)
  summary+=("${rows[@]}")
fi

# 2. MLP against PyTorch
if wants mlp; then
  dlp=(dotnet "src/Host/bin/$config/net10.0/linux-x64/dlp.dll")
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for i in $(seq 1 "$runs"); do
    echo "mlp run $i/$runs: dlp…"
    "${dlp[@]}" train examples/mnist-mlp.yaml --output "$work/model.zip" --json > "$work/dlp-$i.json"
    echo "mlp run $i/$runs: PyTorch…"
    "${peer_env[@]}" OPENBLAS_NUM_THREADS=1 "$py" bench/mnist_mlp.py --data datasets/mnist_10k/mnist_10k.csv.gz > "$work/torch-$i.json"
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  "$py" - "$work" "$runs" "$blas" "$load_before" "$load_after" <<'PY'
import json, os, platform, statistics, subprocess, sys, time
work, runs, blas, load_before, load_after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
dlp, torch = [], []
for i in range(1, runs + 1):
    d = json.load(open(f"{work}/dlp-{i}.json"))
    h = d["training_history"]
    dlp.append({"steps_per_s": h["steps_per_second"], "train_seconds": h["train_seconds"], "steps": h["steps"],
                "test_accuracy": d["metrics"]["micro_accuracy"]})
    torch.append(json.load(open(f"{work}/torch-{i}.json")))
med = lambda rows, k: statistics.median(r[k] for r in rows)
case = "mnist_10k MLP 784-64-10 Adam b64 x10 epochs, 1 thread"
d_sps, t_sps = med(dlp, "steps_per_s"), med(torch, "steps_per_s")
d_acc, t_acc = med(dlp, "test_accuracy"), med(torch, "test_accuracy")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
result = {
    "case": case, "spec": "examples/mnist-mlp.yaml", "pytorch_script": "bench/mnist_mlp.py", "runs": runs,
    "median": {"dlp_steps_per_s": d_sps, "pytorch_steps_per_s": t_sps, "ratio_dlp_over_pytorch": d_sps / t_sps,
               "dlp_test_accuracy": d_acc, "pytorch_test_accuracy": t_acc},
    "dlp_runs": dlp, "pytorch_runs": torch,
    "environment": {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit,
                    "cpus": os.cpu_count(), "machine": platform.machine(), "pytorch": torch[0].get("torch"),
                    "pytorch_blas": blas, "loadavg_before": load_before, "loadavg_after": load_after},
}
with open("bench/results/mnist-mlp.json", "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print()
print(f"| case | dlp steps/s | PyTorch steps/s | ratio (dlp/PyTorch, >1 = dlp faster) | dlp accuracy | PyTorch accuracy |")
print(f"| --- | ---: | ---: | ---: | ---: | ---: |")
print(f"| {case} | {d_sps:,.0f} | {t_sps:,.0f} | {d_sps / t_sps:.2f} | {d_acc:.3f} | {t_acc:.3f} |")
print(f"\nmedians of {runs} alternating runs; PyTorch {torch[0].get('torch')} ({blas}); "
      f"load average {load_before} before, {load_after} after; written to bench/results/mnist-mlp.json")
with open(f"{work}/summary", "w") as f:
    f.write(f"| mlp: {case}, steps/s vs PyTorch (ratio = PyTorch time / dlp time) | {d_sps:,.0f} | {t_sps:,.0f} | {t_sps / d_sps:.2f} | {d_acc:.4f} | {t_acc:.4f} |\n")
PY
  mapfile -t rows < "$work/summary"
  summary+=("${rows[@]}")
fi

# 3. bench/cases/*.sh (e.g. the CNN case): each prints its own rows of the closing table.
for script in bench/cases/*.sh; do
  [ -e "$script" ] || continue
  name=$(basename "$script" .sh)
  wants "$name" || continue
  echo "case $name ($script)…"
  out=$(mktemp)
  if RUNS="$runs" CONFIG="$config" BENCH_PEER_LD_LIBRARY_PATH="$blas_dir" bash "$script" | tee "$out"; then
    mapfile -t rows < <(grep '^| ' "$out" | grep -v '^| case ' | grep -v '^| ---' || true)
    summary+=("${rows[@]}")
  else
    summary+=("| $name | failed | | | | |")
  fi
  rm -f "$out"
done

echo
echo "| case | dlp | peer | ratio (time: dlp / peer, <1 = dlp faster) | dlp metric | peer metric |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
echo
echo "$(nproc) CPUs; load average now $(cut -d' ' -f1-3 /proc/loadavg); peers' BLAS: $blas; details in bench/results/"
