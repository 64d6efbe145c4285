#!/usr/bin/env python3
"""Deterministic diabetes-shaped regression CSV for the scoring benchmark (no numpy needed).

usage: make_data.py ROWS OUT.csv [--seed N] [--missing-every N]
Columns: id, the ten diabetes inputs (age, sex, bmi, bp, s1_tc … s6_glu) and target, a noisy linear function of
them. Every --missing-every'th row has an empty bmi cell (0: never), so scoring exercises replace_missing."""
import argparse, random

p = argparse.ArgumentParser()
p.add_argument("rows", type=int)
p.add_argument("out")
p.add_argument("--seed", type=int, default=7)
p.add_argument("--missing-every", type=int, default=997)
a = p.parse_args()
r = random.Random(a.seed)
g = r.gauss
with open(a.out, "w", newline="") as f:
    f.write("id,age,sex,bmi,bp,s1_tc,s2_ldl,s3_hdl,s4_tch,s5_ltg,s6_glu,target\n")
    out = []
    for i in range(1, a.rows + 1):
        age = min(79, max(19, int(g(48, 13))))
        sex = 1 + (r.random() < 0.47)
        bmi = round(g(26.4, 4.4), 1)
        bp = round(g(94.6, 13.8), 2)
        s1 = int(g(189, 34))
        s2 = round(g(115.4, 30.4), 1)
        s3 = round(g(49.8, 12.9), 1)
        s4 = round(s1 / max(s3, 10.0), 2)
        s5 = round(g(4.64, 0.52), 4)
        s6 = int(g(91, 11.5))
        y = round(-330 + 0.1 * age - 22 * sex + 5.6 * bmi + 1.1 * bp - 1.0 * s1 + 0.75 * s2 + 0.35 * s3
                  + 6.8 * s4 + 68 * s5 + 0.28 * s6 + g(0, 54), 1)
        bmi_cell = "" if a.missing_every and i % a.missing_every == 0 else repr(bmi)
        out.append(f"{i},{age},{sex},{bmi_cell},{bp},{s1},{s2},{s3},{s4},{s5},{s6},{y}\n")
        if len(out) == 10000:
            f.writelines(out); out.clear()
    f.writelines(out)
