#!/usr/bin/env python3
"""scikit-learn side of `make bench` (issue #9), and its driver.

Starts our side once (bench/Cases: the library in-process, warm) and, case by case, asks it to read and split the
spec's data; it answers the fit and test row numbers, which this script uses on its own reading of the same file
(after checking every test row's label against ours). Then, per repetition, in alternating order: one fit + predict
of ours, one of scikit-learn with 1 thread, one with 2 threads (threadpoolctl limits BLAS and OpenMP). Fit time is
the estimator's fit on the fit rows (scaling / featurisation included on both sides, file reading excluded); predict
time is predicting every test row; the metric is computed on the test rows by each side's own code.

Prints one table row per case and writes bench/results/sklearn.json. Run with Debian's /usr/bin/python3
(python3-sklearn). Usage: sklearn_cases.py --cases-dll PATH [--cases a,b] [--runs 3]
"""
import argparse
import csv
import gc
import gzip
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression, SGDRegressor
from sklearn.metrics import accuracy_score, normalized_mutual_info_score, r2_score
from sklearn.pipeline import make_pipeline, make_union
from threadpoolctl import threadpool_info, threadpool_limits

csv.field_size_limit(1 << 24)


class RmsScaler(TransformerMixin, BaseEstimator):
    """ML.NET's mean_variance with zero kept fixed (what dlp scales linear trainers with): x / sqrt(var + mean²),
    a constant column to 0. The same scaling gives both sides the same optimisation problem."""

    def fit(self, x, y=None):
        mean, var = x.mean(axis=0), x.var(axis=0)
        rms = np.sqrt(var + mean * mean)
        self.scale_ = np.divide(1.0, rms, out=np.zeros_like(rms), where=var > 0)
        return self

    def transform(self, x):
        return x * self.scale_


def text_features():
    """featurize_text's n-grams per column: words 1–2 and characters 3, L2-normalised (TF-IDF on this side)."""
    def grams(column):
        return (f"column{column}", make_union(TfidfVectorizer(ngram_range=(1, 2), lowercase=True),
                                   TfidfVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=True)), column)
    return ColumnTransformer([grams(0), grams(1)])


def r2(model, x, y):
    return r2_score(y, model.predict(x))


def accuracy(model, x, y):
    return accuracy_score(y, model.predict(x))


def nmi(model, x, y):
    return normalized_mutual_info_score(y, model.predict(x))


def explained_variance(model, x, y):
    """As dlp's evaluator: variance kept by the projection of the test rows over their total variance."""
    z = model.transform(x)
    return float(z.var(axis=0, ddof=1).sum() / x.var(axis=0, ddof=1).sum())


# The seed of both sides (the spec's `seed`, which also splits the rows, and the peers' random_state); --seed changes it.
SEED = 42


def hist_gradient_boosting():
    """The trees of the shuttle specs (100 rounds, 31 leaves, 20 rows per leaf, rate 0.1), with scikit-learn's default
    early stopping (on above 10,000 rows: 10 % held out, stop after 10 rounds without gain). Without it, scikit-learn
    1.2.1 ends 100 rounds on shuttle at 0.802 accuracy (the majority class): its rare classes diverge."""
    return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                          random_state=SEED)


# name: (spec, our metric, peer, peer metric, what the peer is)
CASES = {
    "diabetes_ols": ("diabetes-ols.yaml", "r_squared", lambda: LinearRegression(), r2, "LinearRegression"),
    "diabetes_sdca": ("diabetes-sdca.yaml", "r_squared",
                      lambda: make_pipeline(RmsScaler(), SGDRegressor(random_state=SEED)), r2, "SGDRegressor"),
    "digits_logistic": ("digits-logistic.yaml", "micro_accuracy",
                        lambda: make_pipeline(RmsScaler(), LogisticRegression(C=1.0, max_iter=1000)), accuracy,
                        "LogisticRegression lbfgs"),
    "mnist_logistic": ("mnist-logistic.yaml", "micro_accuracy",
                       lambda: make_pipeline(RmsScaler(), LogisticRegression(C=1.0, max_iter=1000)), accuracy,
                       "LogisticRegression lbfgs"),
    "digits_kmeans": ("digits-kmeans.yaml", "normalized_mutual_information",
                      lambda: KMeans(10, n_init=1, algorithm="lloyd", random_state=SEED), nmi, "KMeans"),
    "mnist_kmeans": ("mnist-kmeans.yaml", "normalized_mutual_information",
                     lambda: KMeans(10, n_init=1, algorithm="lloyd", random_state=SEED), nmi, "KMeans"),
    "digits_pca": ("digits-pca.yaml", "explained_variance_ratio",
                   lambda: PCA(10, svd_solver="randomized", random_state=SEED), explained_variance, "PCA randomized"),
    "mnist_pca": ("mnist-pca.yaml", "explained_variance_ratio",
                  lambda: PCA(10, svd_solver="randomized", random_state=SEED), explained_variance, "PCA randomized"),
    "shuttle_lightgbm": ("shuttle-lightgbm.yaml", "micro_accuracy",
                         hist_gradient_boosting, accuracy, "HistGradientBoosting (early stopping)"),
    "shuttle_fasttree": ("shuttle-fasttree.yaml", "micro_accuracy",
                         hist_gradient_boosting, accuracy, "HistGradientBoosting (early stopping)"),
    "spam_text": ("spam-text.yaml", "accuracy",
                  lambda: make_pipeline(text_features(), LogisticRegression(C=1.0, max_iter=1000)), accuracy,
                  "TF-IDF + LogisticRegression"),
}


class Ours:
    """bench/Cases over a pipe: one JSON request per line, one JSON answer per line."""

    def __init__(self, dll):
        self.process = subprocess.Popen(["dotnet", dll], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=sys.stderr, text=True, bufsize=1)

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"bench/Cases ended without answering {request}")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def close(self):
        try:
            self.ask(op="quit")
        finally:
            self.process.wait(timeout=30)


def read_table(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    return header, rows


MISSING = {"", "NA", "N/A", "NaN", "null", "?"}


def column(header, rows, name, numeric):
    j = header.index(name)
    if numeric:
        return np.array([float("nan") if r[j] in MISSING else float(r[j]) for r in rows])
    return np.array([r[j] for r in rows], dtype=object)


def load_case(prepared, text):
    """X and y of the file our side read, rows indexed as ours (checked through the test labels)."""
    header, rows = read_table(prepared["file"])
    if len(rows) != prepared["rows"]:
        sys.exit(f"{prepared['file']}: read {len(rows)} rows here, {prepared['rows']} in dlp: the row numbers would not match")
    features = prepared["features"]
    if text:
        x = np.column_stack([column(header, rows, f, numeric=False) for f in features])
    else:
        x = np.column_stack([column(header, rows, f, numeric=True) for f in features])
    label = prepared["label"]
    fit, test = np.array(prepared["fit_rows"]), np.array(prepared["test_rows"])
    if "test_labels" in prepared:
        y = column(header, rows, label, numeric=False)
        theirs = list(prepared["test_labels"])
        if list(y[test]) != theirs:
            sys.exit(f"{prepared['file']}: the test rows' labels differ from dlp's: not the same rows")
    else:
        y = column(header, rows, label, numeric=True)
        if abs(float(y[test].sum()) - prepared["test_label_sum"]) > 1e-3 * max(1.0, abs(prepared["test_label_sum"])):
            sys.exit(f"{prepared['file']}: the test rows' label sum differs from dlp's: not the same rows")
    return x[fit], y[fit], x[test], y[test]


def peer_run(make, score, data, threads):
    x_fit, y_fit, x_test, y_test = data
    gc.collect()
    with threadpool_limits(limits=threads):
        model = make()
        start = time.perf_counter()
        model.fit(x_fit, y_fit)
        fit_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        predicted = model.transform(x_test) if hasattr(model, "transform") and not hasattr(model, "predict") else model.predict(x_test)
        predict_ms = (time.perf_counter() - start) * 1000
        assert len(predicted) == len(x_test)
    final = model.steps[-1][1] if hasattr(model, "steps") else model
    iterations = getattr(final, "n_iter_", None)
    if iterations is not None:
        iterations = int(np.max(iterations))
    return {"fit_ms": fit_ms, "predict_ms": predict_ms, "metric": score(model, x_test, y_test), "iterations": iterations}


def embedded(ours, runs, threads_list):
    """Single-row latency and batch throughput of the loaded model; the peer predicts with the same model family."""
    spec = os.path.join("bench", "specs", "breast-cancer-logistic.yaml")
    answer = ours.ask(op="embedded", spec=spec, single=20000, batch_rows=100000)
    header, rows = read_table(answer["file"])
    x = np.column_stack([column(header, rows, f, numeric=True) for f in answer["features"]])
    y = column(header, rows, answer["label"], numeric=False)
    fit, test = np.array(answer["fit_rows"]), np.array(answer["test_rows"])
    peer = {}
    for threads in threads_list:
        with threadpool_limits(limits=threads):
            model = make_pipeline(RmsScaler(), LogisticRegression(C=1.0, max_iter=1000)).fit(x[fit], y[fit])
            one = [x[test][i:i + 1] for i in range(len(test))]
            for i in range(2000):
                model.predict_proba(one[i % len(one)])
            times = []
            for i in range(20000):
                start = time.perf_counter_ns()
                model.predict_proba(one[i % len(one)])
                times.append(time.perf_counter_ns() - start)
            times.sort()
            batch = x[test][np.arange(100000) % len(test)]
            rates = []
            for _ in range(3):
                start = time.perf_counter()
                model.predict_proba(batch)
                rates.append(100000 / (time.perf_counter() - start))
            peer[threads] = {"p50_us": times[len(times) // 2] / 1000, "p99_us": times[int(0.99 * (len(times) - 1))] / 1000,
                             "batch_rows_per_s": statistics.median(rates),
                             "accuracy": accuracy(model, x[test], y[test])}
    return {"dlp": answer | {"fit_rows": len(answer["fit_rows"]), "test_rows": len(answer["test_rows"])}, "sklearn": peer}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases-dll", required=True)
    parser.add_argument("--cases", default="all", help="comma-separated case names, or all; 'embedded' is one")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--out", default="bench/results/sklearn.json")
    parser.add_argument("--seed", type=int, default=42, help="seed of both sides (split, initialisation); the table figures use 42")
    args = parser.parse_args()
    global SEED
    SEED = args.seed
    names = list(CASES) + ["embedded"] if args.cases == "all" else [c for c in args.cases.split(",") if c]
    unknown = [n for n in names if n not in CASES and n != "embedded"]
    if unknown:
        sys.exit(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(list(CASES) + ['embedded'])}")
    threads_list = [int(t) for t in args.threads.split(",")]
    load_before = " ".join(open("/proc/loadavg").read().split()[:3])

    ours = Ours(args.cases_dll)
    results = {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()

    def save():
        """Written after every case, so a run cut short still leaves what it measured."""
        load_now = " ".join(open("/proc/loadavg").read().split()[:3])
        blas = [f"{i['internal_api']} {i.get('version')} ({i['filepath']})" for i in threadpool_info()]
        document = {"runs": args.runs, "threads": threads_list, "cases": results, "environment": {
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit, "cpus": os.cpu_count(),
            "machine": platform.machine(), "python": platform.python_version(), "sklearn": sklearn.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "threadpools": blas,
            "loadavg_before": load_before, "loadavg_after": load_now}}
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out + ".tmp", "w") as f:
            json.dump(document, f, indent=2)
            f.write("\n")
        os.replace(args.out + ".tmp", args.out)
        return document

    try:
        for name in names:
            if name == "embedded":
                print("embedded scoring…", file=sys.stderr, flush=True)
                results[name] = embedded(ours, args.runs, threads_list)
                save()
                continue
            spec, our_metric, make, score, peer_name = CASES[name]
            print(f"{name}: preparing…", file=sys.stderr, flush=True)
            try:
                prepared = ours.ask(op="prepare", spec=os.path.join("bench", "specs", spec), set=[f"seed={SEED}"])
            except RuntimeError as e:
                print(f"{name}: dlp failed: {e}", file=sys.stderr)
                results[name] = {"error": str(e)}
                continue
            data = load_case(prepared, text=name == "spam_text")
            peer_run(make, score, data, threads_list[0])  # warm-up, as ours had
            runs = {"dlp": [], **{f"sklearn_{t}t": [] for t in threads_list}}
            for i in range(args.runs):
                print(f"{name}: run {i + 1}/{args.runs}", file=sys.stderr, flush=True)
                order = ["dlp"] + threads_list
                if i % 2 == 1:
                    order = order[::-1]
                for side in order:
                    if side == "dlp":
                        r = ours.ask(op="run")
                        runs["dlp"].append({"fit_ms": r["fit_ms"], "predict_ms": r["predict_ms"],
                                            "metric": r["metrics"][our_metric], "metrics": r["metrics"]})
                    else:
                        runs[f"sklearn_{side}t"].append(peer_run(make, score, data, side))
            med = {side: {k: statistics.median(r[k] for r in rs) for k in ("fit_ms", "predict_ms", "metric")}
                   for side, rs in runs.items()}
            results[name] = {"spec": f"bench/specs/{spec}", "dlp_trainer": prepared["trainer"], "peer": peer_name,
                             "metric": our_metric, "fit_rows": len(prepared["fit_rows"]),
                             "test_rows": len(prepared["test_rows"]), "median": med, "runs": runs}
            d, p = med["dlp"], med[f"sklearn_{threads_list[0]}t"]
            print(f"{name}: dlp fit {d['fit_ms']:.1f} ms, sklearn {p['fit_ms']:.1f} ms; metric {d['metric']:.4f} vs {p['metric']:.4f}",
                  file=sys.stderr, flush=True)
            save()
    finally:
        ours.close()
    print_table(save())


def print_table(document):
    """Markdown rows; ratio = our median fit time over the peer's (<1: dlp faster)."""
    threads = document["threads"]
    print("| case | dlp fit ms | " + " | ".join(f"sklearn {t}t fit ms" for t in threads)
          + " | " + " | ".join(f"ratio vs {t}t" for t in threads)
          + " | dlp predict ms | sklearn 1t predict ms | metric | dlp | sklearn |")
    print("| --- |" + " ---: |" * (3 + 2 * len(threads)) + " --- | ---: | ---: |")
    for name, r in document["cases"].items():
        if name == "embedded" or "error" in r:
            if "error" in r:
                print(f"| {name} | failed: {r['error']} |")
            continue
        m = r["median"]
        ours = m["dlp"]
        peers = [m[f"sklearn_{t}t"] for t in threads]
        print(f"| {name} ({r['dlp_trainer']} vs {r['peer']}) | {ours['fit_ms']:.1f} | "
              + " | ".join(f"{p['fit_ms']:.1f}" for p in peers) + " | "
              + " | ".join(f"{ours['fit_ms'] / p['fit_ms']:.2f}" for p in peers)
              + f" | {ours['predict_ms']:.1f} | {peers[0]['predict_ms']:.1f} | {r['metric']} | {ours['metric']:.4f} | {peers[0]['metric']:.4f} |")
    if "embedded" in document["cases"]:
        e = document["cases"]["embedded"]
        d = e["dlp"]
        print()
        print("| embedded scoring (breast_cancer logistic, loaded bundle) | p50 µs | p99 µs | batch rows/s |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| dlp PipelineModel.Predict(dictionary) / Predict(DataTable of {d['batch_rows']:,}) | {d['p50_us']:.1f} | {d['p99_us']:.1f} | {d['batch_rows_per_s']:,.0f} |")
        for t, p in e["sklearn"].items():
            print(f"| sklearn {t}t predict_proba(1×30 array) / predict_proba({d['batch_rows']:,}×30) | {p['p50_us']:.1f} | {p['p99_us']:.1f} | {p['batch_rows_per_s']:,.0f} |")
    env = document["environment"]
    print(f"\nmedians of {document['runs']} alternating runs; scikit-learn {env['sklearn']}, numpy {env['numpy']}; "
          f"load average {env['loadavg_before']} before, {env['loadavg_after']} after")


def print_summary(document):
    """The rows of `make bench`'s closing table: case | dlp | peer | ratio | dlp metric | peer metric (fit ms)."""
    threads = document["threads"]
    for name, r in document["cases"].items():
        if "error" in r:
            print(f"| {name} | failed | | | | |")
        elif name == "embedded":
            d, p = r["dlp"], r["sklearn"][str(threads[0])] if str(threads[0]) in r["sklearn"] else r["sklearn"][threads[0]]
            print(f"| embedded single-row predict p50 µs (breast_cancer logistic) | {d['p50_us']:.1f} | {p['p50_us']:.1f} | "
                  f"{d['p50_us'] / p['p50_us']:.2f} | {d['metrics'].get('accuracy', float('nan')):.4f} | {p['accuracy']:.4f} |")
            print(f"| embedded batch predict rows/s (breast_cancer logistic) | {d['batch_rows_per_s']:,.0f} | {p['batch_rows_per_s']:,.0f} | "
                  f"{p['batch_rows_per_s'] / d['batch_rows_per_s']:.2f} | | |")
        else:
            m = r["median"]
            peers = [m[f"sklearn_{t}t"] for t in threads]
            print(f"| {name}: {r['dlp_trainer']} vs {r['peer']}, fit ms ({' / '.join(f'{t}t' for t in threads)}) | "
                  f"{m['dlp']['fit_ms']:.1f} | " + " / ".join(f"{p['fit_ms']:.1f}" for p in peers) + " | "
                  + " / ".join(f"{m['dlp']['fit_ms'] / p['fit_ms']:.2f}" for p in peers)
                  + f" | {m['dlp']['metric']:.4f} | {peers[0]['metric']:.4f} |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] in ("--table", "--summary"):
        (print_table if sys.argv[1] == "--table" else print_summary)(json.load(open(sys.argv[2])))
    else:
        main()
