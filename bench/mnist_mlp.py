#!/usr/bin/env python3
"""PyTorch reference for `make bench` (issue #4): the model of examples/mnist-mlp.yaml.

784-64-10 MLP, ReLU, Adam 1e-3, batch 64, 10 epochs, reshuffled each epoch, one thread, on a stratified
80/20 split of datasets/mnist_10k/mnist_10k.csv.gz with pixels / 255. Prints one JSON object:
{steps_per_s, train_seconds, test_accuracy, steps}. train_seconds covers the epoch loop only (not reading
the file or splitting), as dlp's training_history.train_seconds does, so the two rates compare.
Run with Debian's /usr/bin/python3 (python3-torch), not a pyenv python.
"""
import argparse
import csv
import gzip
import json
import random
import sys
import time

import torch


def load(path):
    """Labels and raw pixel rows, read with the standard library (no numpy/pandas needed)."""
    with gzip.open(path, "rt", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header[0] != "label":
            sys.exit(f"{path}: first column is {header[0]!r}, expected 'label'")
        labels, pixels = [], []
        for row in reader:
            labels.append(int(row[0]))
            pixels.append([float(v) for v in row[1:]])
    return labels, pixels


def stratified_split(labels, test_fraction, seed):
    """Per class, a seeded shuffle and the first round(n * fraction) rows to test: the file is sorted by label,
    so a plain head/tail split would test on digits never trained on."""
    rng = random.Random(seed)
    by_class = {}
    for i, y in enumerate(labels):
        by_class.setdefault(y, []).append(i)
    train, test = [], []
    for y in sorted(by_class):
        rows = by_class[y]
        rng.shuffle(rows)
        k = round(len(rows) * test_fraction)
        test.extend(rows[:k])
        train.extend(rows[k:])
    return sorted(train), sorted(test)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="datasets/mnist_10k/mnist_10k.csv.gz")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    # One thread: the setting dlp's spec uses; on this 2-core machine it is also the fastest for a tiny model.
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)

    labels, pixels = load(args.data)
    train_rows, test_rows = stratified_split(labels, 0.2, args.seed)
    x = torch.tensor(pixels, dtype=torch.float32) / 255.0
    y = torch.tensor(labels, dtype=torch.long)
    train_x, train_y = x[train_rows], y[train_rows]
    test_x, test_y = x[test_rows], y[test_rows]

    model = torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = train_x.shape[0]
    generator = torch.Generator().manual_seed(args.seed)

    steps = 0
    model.train()
    start = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(n, generator=generator)
        for s in range(0, n, args.batch_size):
            index = order[s:s + args.batch_size]
            xb, yb = train_x[index], train_y[index]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            steps += 1
    train_seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
    print(json.dumps({
        "steps_per_s": steps / train_seconds,
        "train_seconds": train_seconds,
        "test_accuracy": accuracy,
        "steps": steps,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
