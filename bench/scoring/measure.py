#!/usr/bin/env python3
"""Runs a command RUNS times and prints one JSON object: median wall seconds and median CPU seconds (user+sys of the
command and its children, from wait4), plus every run. usage: measure.py RUNS -- COMMAND…  (stdout of the command is
discarded; a failing run stops with its exit code)."""
import json, os, statistics, subprocess, sys, time

runs = int(sys.argv[1])
command = sys.argv[sys.argv.index("--") + 1:]
walls, cpus = [], []
for _ in range(runs):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(stderr)
        sys.exit(code)
    walls.append(round(wall, 4))
    cpus.append(round(usage.ru_utime + usage.ru_stime, 4))
print(json.dumps({"wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus), "walls": walls, "cpus": cpus}))
