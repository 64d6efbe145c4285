#!/usr/bin/env bash
# Bench case (issue #5): the same CNN in dlp (examples/mnist-cnn.yaml, or examples/fashion-mnist-cnn.yaml with
# CNN_FULL=1) and in Debian's PyTorch (bench/image_cnn.py): same IDX files, split, architecture (conv 3×3 → batch norm
# → relu → max pool per block, dense head, dropout), Kaiming init, Adam, batch size, epochs and one libtorch thread.
# Runs alternate dlp / PyTorch RUNS times so load from other processes hits both alike; prints one markdown table row
# of medians (steps/s of the training loop only, test accuracy) and writes bench/results/cnn.json.
#   default: mnist_10k (8,000 train / 2,000 test), EPOCHS=1, RUNS=3  — a few minutes
#   CNN_FULL=1: Fashion-MNIST 60,000 / 10,000, EPOCHS=5, RUNS=1       — the issue's figure (tens of minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${CONFIG:-Release}
py=/usr/bin/python3
if [ "${CNN_FULL:-0}" = 1 ]; then
  spec=examples/fashion-mnist-cnn.yaml; epochs=${EPOCHS:-5}; runs=${RUNS:-1}
  filters=16,32; dense=128; data="fashion_mnist 60k/10k"
  torch_data=(--images datasets/fashion_mnist/train-images-idx3-ubyte.gz --labels datasets/fashion_mnist/train-labels-idx1-ubyte.gz
              --test-images datasets/fashion_mnist/t10k-images-idx3-ubyte.gz --test-labels datasets/fashion_mnist/t10k-labels-idx1-ubyte.gz)
else
  spec=examples/mnist-cnn.yaml; epochs=${EPOCHS:-1}; runs=${RUNS:-3}
  filters=16,32; dense=64; data="mnist_10k 8k/2k"
  torch_data=(--images datasets/mnist_10k/mnist_10k-images-idx3-ubyte.gz --labels datasets/mnist_10k/mnist_10k-labels-idx1-ubyte.gz)
fi

if ! "$py" -c "import torch" >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "bench: $py cannot import torch; install Debian's python3-torch (needs root)" >&2; exit 1; fi
  echo "Installing Debian's python3-torch…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch) >/dev/null
fi
# PyTorch's dense layers call the system BLAS; give it OpenBLAS as bench/run.sh does (see there), unless BENCH_BLAS=system.
blas_dir=""
blas="system: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
if [ "${BENCH_BLAS:-openblas}" = openblas ]; then
  cache=bench/.cache/openblas
  blas_dir=$cache/usr/lib/x86_64-linux-gnu/openblas-pthread
  if [ ! -f "$blas_dir/libblas.so.3" ]; then
    echo "Fetching Debian's libopenblas0-pthread for PyTorch's runs…" >&2
    rm -rf "$cache" && mkdir -p "$cache"
    (cd "$cache" && apt-get download -qq libopenblas0-pthread 2>/dev/null && dpkg -x libopenblas0-pthread_*.deb . && rm -f ./*.deb)
  fi
  blas="openblas: $(basename "$(ls "$blas_dir"/libopenblasp-r*.so)")"
fi

dll=src/Host/bin/$config/net10.0/linux-x64/dlp.dll
[ "${BENCH_NO_BUILD:-0}" = 1 ] || dotnet build DeepLearning.Pipelines.sln -c "$config" -v quiet -clp:NoSummary >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$runs"); do
  echo "cnn run $i/$runs: dlp…" >&2
  dotnet "$dll" train "$spec" --set trainer.epochs="$epochs" --set trainer.threads=1 --output "$work/model.zip" --json > "$work/dlp-$i.json"
  echo "cnn run $i/$runs: PyTorch…" >&2
  LD_LIBRARY_PATH="${blas_dir:+$blas_dir:}${LD_LIBRARY_PATH:-}" OPENBLAS_NUM_THREADS=1 \
    "$py" bench/image_cnn.py "${torch_data[@]}" --filters "$filters" --dense "$dense" --dropout 0.25 \
      --epochs "$epochs" --batch-size 64 --learning-rate 0.001 --threads 1 > "$work/torch-$i.json"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p bench/results
"$py" - "$work" "$runs" "$blas" "$load_before" "$load_after" "$spec" "$data" "$epochs" "$filters" "$dense" <<'PY'
import json, os, platform, statistics, subprocess, sys, time
work, runs, blas, load_before, load_after, spec, data, epochs, filters, dense = sys.argv[1:11]
runs = int(runs)
dlp, torch = [], []
for i in range(1, runs + 1):
    d = json.load(open(f"{work}/dlp-{i}.json"))
    h = d["training_history"]
    dlp.append({"steps_per_s": h["steps_per_second"], "train_seconds": h["train_seconds"], "steps": h["steps"],
                "test_accuracy": d["metrics"]["micro_accuracy"]})
    torch.append(json.load(open(f"{work}/torch-{i}.json")))
med = lambda rows, k: statistics.median(r[k] for r in rows)
conv = "-".join(f"conv{f}" for f in filters.split(","))
case = f"{data} CNN {conv}-fc{dense} BN Adam b64 x{epochs} epoch(s), 1 thread"
d_sps, t_sps = med(dlp, "steps_per_s"), med(torch, "steps_per_s")
d_acc, t_acc = med(dlp, "test_accuracy"), med(torch, "test_accuracy")
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
result = {
    "case": case, "spec": spec, "pytorch_script": "bench/image_cnn.py", "runs": runs, "epochs": int(epochs),
    "median": {"dlp_steps_per_s": d_sps, "pytorch_steps_per_s": t_sps, "ratio_dlp_over_pytorch": d_sps / t_sps,
               "dlp_test_accuracy": d_acc, "pytorch_test_accuracy": t_acc},
    "dlp_runs": dlp, "pytorch_runs": torch,
    "environment": {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit,
                    "cpus": os.cpu_count(), "machine": platform.machine(), "pytorch": torch[0].get("torch"),
                    "pytorch_blas": blas, "loadavg_before": load_before, "loadavg_after": load_after},
}
with open("bench/results/cnn.json", "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(f"| {case} | {d_sps:,.1f} | {t_sps:,.1f} | {d_sps / t_sps:.2f} | {d_acc:.3f} | {t_acc:.3f} |")
print(f"cnn: medians of {runs} alternating run(s); PyTorch {torch[0].get('torch')} ({blas}); load average "
      f"{load_before} before, {load_after} after; written to bench/results/cnn.json", file=sys.stderr)
PY
