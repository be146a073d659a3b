#!/usr/bin/env python3
"""Writes Examples/entitlements/assessments.csv: made-up GB/T 42195-2022 assessments.

The records are synthetic (no person is real). Each record's final capability level is
drawn from known rates by age group (the assumption of Scenarios/anshan/capability-levels.csv:
60-69, 70-79, 80+), and its 26 item scores are spread at random so that the total lies in
the band of that level (90; 66-89; 46-65; 30-45; 0-29). A few records carry the facts that
change a level: about 5 % of those with a level of 1 or more have a dementia diagnosis (F01)
and item scores one level better, so the standard's raise brings them back to their drawn
level; a few of the complete-loss records are in a coma. So `yanglao assess` on this file
should recover the rates within its intervals.

Column names are the items' Chinese names, as exported forms usually have them. Three
records are malformed on purpose only in the copy the tests make, never in this file.

    python3 Scripts/make-assessment-example.py   # deterministic (seed 20230917)
"""

import csv
import io
import os
import random

ITEMS = [  # (Chinese name, maximum) in the order of Appendix B
    ("进食", 4), ("修饰", 4), ("洗澡", 4), ("穿/脱上衣", 4), ("穿/脱裤子和鞋袜", 4),
    ("小便控制", 4), ("大便控制", 4), ("如厕", 4),
    ("床上体位转移", 4), ("床椅转移", 4), ("平地行走", 4), ("上下楼梯", 3),
    ("时间定向", 4), ("空间定向", 4), ("人物定向", 4), ("记忆", 4), ("理解能力", 4),
    ("表达能力", 4), ("攻击行为", 1), ("抑郁症状", 1), ("意识水平", 2),
    ("视力", 2), ("听力", 2), ("执行日常事务", 4), ("使用交通工具外出", 3), ("社会交往能力", 4),
]
BANDS = [(90, 90), (66, 89), (46, 65), (30, 45), (0, 29)]
# Scenarios/anshan/capability-levels.csv, both sexes.
RATES = {
    60: [0.892, 0.054, 0.027, 0.0162, 0.0108],
    70: [0.788, 0.106, 0.053, 0.0318, 0.0212],
    80: [0.53, 0.235, 0.1175, 0.0705, 0.047],
}
AREAS = ["210302", "210303", "210304", "210311", "210321", "210323", "210381"]


def scores_for(total, rng):
    """Item scores summing to `total`: points removed from full marks one at a time."""
    scores = [maximum for _, maximum in ITEMS]
    missing = 90 - total
    while missing > 0:
        index = rng.randrange(len(ITEMS))
        if scores[index] > 0:
            scores[index] -= 1
            missing -= 1
    return scores


def main():
    rng = random.Random(20230917)
    rows = []
    for number in range(1, 1801):
        group = rng.choice([60, 60, 70, 70, 80, 80])
        age = group + rng.randrange(10 if group < 80 else 20)
        sex = rng.choice(["female", "male"])
        rates = RATES[group]
        u, level, cumulative = rng.random(), 0, rates[0]
        while u >= cumulative and level < 4:
            level += 1
            cumulative += rates[level]
        coma, diagnoses, events = "no", "", "0"
        scored_level = level
        if level == 4 and rng.random() < 0.1:
            coma = "yes"
            scored_level = rng.randrange(5)
        elif level >= 1 and rng.random() < 0.05:
            diagnoses = "F01"
            scored_level = level - 1
        elif level >= 1 and rng.random() < 0.03:
            events = "2"
            scored_level = level - 1
        low, high = BANDS[scored_level]
        total = rng.randint(low, high)
        rows.append(
            [f"A{number:05d}", str(age), sex, rng.choice(AREAS)]
            + [str(score) for score in scores_for(total, rng)]
            + [coma, diagnoses, events])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "age", "sex", "area"] + [name for name, _ in ITEMS]
                    + ["coma", "diagnoses", "risk_events"])
    writer.writerows(rows)
    path = os.path.join(os.path.dirname(__file__), "..", "Examples", "entitlements",
                        "assessments.csv")
    with open(path, "w", encoding="utf-8") as file:
        file.write(out.getvalue())


if __name__ == "__main__":
    main()
