#!/usr/bin/env python3
"""PyTorch reference for bench/cases/cnn.sh: the CNN of examples/mnist-cnn.yaml / fashion-mnist-cnn.yaml.

Reads the same IDX files (gzip) as dlp, pixels / 255, the same network — per block conv k×k (padding k/2, no bias)
→ BatchNorm2d → ReLU → MaxPool2d(2); flatten → Linear → ReLU → Dropout per dense size → Linear — Kaiming-uniform
weights and zero biases as dlp initialises them, Adam, the same batch size and epochs, reshuffled each epoch.
Without --test-images, a stratified split (per class a seeded shuffle, round(n·fraction) to test) as dlp's.
Prints one JSON object: {steps_per_s, train_seconds, steps, test_accuracy, torch, threads}; train_seconds covers the
epoch loop only, as dlp's training_history.train_seconds does. Run with Debian's /usr/bin/python3 (python3-torch).
"""
import argparse
import gzip
import json
import random
import struct
import time

import torch


def idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    rank = data[3]
    dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def stratified_split(labels, fraction, seed):
    rng = random.Random(seed)
    by_class = {}
    for i, y in enumerate(labels):
        by_class.setdefault(y, []).append(i)
    train, test = [], []
    for y in sorted(by_class):
        rows = by_class[y]
        rng.shuffle(rows)
        k = round(len(rows) * fraction)
        test.extend(rows[:k])
        train.extend(rows[k:])
    return sorted(train), sorted(test)


def network(filters, kernel, dense, dropout, classes, side):
    layers, channels = [], 1
    for f in filters:
        layers += [torch.nn.Conv2d(channels, f, kernel, padding=kernel // 2, bias=False), torch.nn.BatchNorm2d(f),
                   torch.nn.ReLU(), torch.nn.MaxPool2d(2)]
        channels, side = f, side // 2
    layers.append(torch.nn.Flatten())
    width = channels * side * side
    for units in dense:
        layers += [torch.nn.Linear(width, units), torch.nn.ReLU()] + ([torch.nn.Dropout(dropout)] if dropout > 0 else [])
        width = units
    layers.append(torch.nn.Linear(width, classes))
    model = torch.nn.Sequential(*layers)
    for m in model.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_uniform_(m.weight, a=0)
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias)
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--images", default="datasets/mnist_10k/mnist_10k-images-idx3-ubyte.gz")
    p.add_argument("--labels", default="datasets/mnist_10k/mnist_10k-labels-idx1-ubyte.gz")
    p.add_argument("--test-images")
    p.add_argument("--test-labels")
    p.add_argument("--train-limit", type=int, default=0, help="use only the first N training images (0: all)")
    p.add_argument("--filters", default="16,32")
    p.add_argument("--kernel", type=int, default=3)
    p.add_argument("--dense", default="64")
    p.add_argument("--dropout", type=float, default=0.25)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = idx(a.images).float().div_(255).unsqueeze(1)
    y = idx(a.labels).long()
    if a.test_images:
        train_x, train_y = x, y
        test_x, test_y = idx(a.test_images).float().div_(255).unsqueeze(1), idx(a.test_labels).long()
    else:
        tr, te = stratified_split(y.tolist(), 0.2, a.seed)
        train_x, train_y, test_x, test_y = x[tr], y[tr], x[te], y[te]
    if a.train_limit:
        train_x, train_y = train_x[:a.train_limit], train_y[:a.train_limit]

    model = network([int(f) for f in a.filters.split(",")], a.kernel, [int(d) for d in a.dense.split(",") if d],
                    a.dropout, 10, x.shape[-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=a.learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = train_x.shape[0]
    generator = torch.Generator().manual_seed(a.seed)
    steps = 0
    model.train()
    start = time.perf_counter()
    for _ in range(a.epochs):
        order = torch.randperm(n, generator=generator)
        for s in range(0, n, a.batch_size):
            idx_ = order[s:s + a.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(train_x[idx_]), train_y[idx_])
            loss.backward()
            optimizer.step()
            steps += 1
    seconds = time.perf_counter() - start
    model.eval()
    correct = 0
    with torch.no_grad():
        for s in range(0, test_x.shape[0], 1000):
            correct += (model(test_x[s:s + 1000]).argmax(1) == test_y[s:s + 1000]).sum().item()
    print(json.dumps({"steps_per_s": steps / seconds, "train_seconds": seconds, "steps": steps,
                      "test_accuracy": correct / test_x.shape[0], "torch": torch.__version__, "threads": a.threads}))


if __name__ == "__main__":
    main()
