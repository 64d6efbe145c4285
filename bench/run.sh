#!/usr/bin/env bash
# `make bench` (issue #4): times dlp's MLP (examples/mnist-mlp.yaml) against the same model in PyTorch
# (bench/mnist_mlp.py) on mnist_10k, one thread each. Runs alternate dlp / PyTorch RUNS times (default 3) so a
# burst of load from other processes hits both sides alike; medians go to a table and bench/results/mnist-mlp.json.
# Both sides report steps per second of the training loop only (not data loading, process start-up or evaluation;
# dlp's loop does include its first-call JIT), read from dlp's training_history and the script's JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
config=${CONFIG:-Release}
# Debian's python3-torch is built for the system python; a pyenv python3 earlier on PATH cannot import it.
py=/usr/bin/python3
if ! "$py" -c "import torch" >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "bench: $py cannot import torch; install Debian's python3-torch (needs root)" >&2; exit 1; fi
  echo "Installing Debian's python3-torch…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch) >/dev/null
fi

# Debian's torch calls whatever libblas.so.3 the system selects; with only netlib's reference BLAS installed it
# ran this model 3.7× slower than with OpenBLAS, which would make any ratio flatter dlp. So PyTorch gets Debian's
# OpenBLAS, unpacked under bench/.cache and put on LD_LIBRARY_PATH for its runs only: installing the package would
# switch every program's BLAS on a machine others share. BENCH_BLAS=system skips this.
blas_dir=""
blas="system: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
if [ "${BENCH_BLAS:-openblas}" = openblas ]; then
  cache=bench/.cache/openblas
  blas_dir=$cache/usr/lib/x86_64-linux-gnu/openblas-pthread
  if [ ! -f "$blas_dir/libblas.so.3" ]; then
    echo "Fetching Debian's libopenblas0-pthread for PyTorch's runs…"
    rm -rf "$cache" && mkdir -p "$cache"
    (cd "$cache" && apt-get download -qq libopenblas0-pthread 2>/dev/null && dpkg -x libopenblas0-pthread_*.deb . && rm -f ./*.deb)
  fi
  blas="openblas: $(basename "$(ls "$blas_dir"/libopenblasp-r*.so)")"
fi

echo "Building ($config)…"
dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
dlp=(dotnet "src/Host/bin/$config/net10.0/linux-x64/dlp.dll")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs: dlp…"
  "${dlp[@]}" train examples/mnist-mlp.yaml --output "$work/model.zip" --json > "$work/dlp-$i.json"
  echo "run $i/$runs: PyTorch…"
  LD_LIBRARY_PATH="${blas_dir:+$blas_dir:}${LD_LIBRARY_PATH:-}" OPENBLAS_NUM_THREADS=1 \
    "$py" bench/mnist_mlp.py --data datasets/mnist_10k/mnist_10k.csv.gz > "$work/torch-$i.json"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p bench/results
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
PY
