"""Benchmark: time to group 10,000 and 50,000 contributions (no database).

Texts are the demo's ideas recombined (two ideas' sentences, extra words, typos-free), so
sizes and vocabulary look like a large real consultation. Run: `make bench`.
"""

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from opengov.cocreation.grouping import suggest_groups  # noqa: E402
from opengov.demo.content_contributions import IDEAS  # noqa: E402

FILLERS = ["Merci.", "C'est urgent.", "Dans notre quartier aussi.", "Thank you.",
           "This matters for young people.", "Nous en parlons depuis longtemps.",
           "Please act quickly.", "Les associations sont prêtes à aider."]


def corpus(size, seed=3):
    rng = random.Random(seed)
    sentences = [s.strip() + "." for idea in IDEAS for s in idea[4].split(".") if s.strip()]
    return [(i, " ".join([rng.choice(IDEAS)[4], rng.choice(sentences), rng.choice(FILLERS)]))
            for i in range(size)]


def run(sizes=(10_000, 50_000)):
    results = {}
    for size in sizes:
        items = corpus(size)
        start = time.perf_counter()
        grouping = suggest_groups(items)
        seconds = time.perf_counter() - start
        grouped = sum(len(g.members) for g in grouping.groups)
        results[size] = {"seconds": round(seconds, 1), "groups": len(grouping.groups),
                         "grouped": grouped, "duplicate_pairs": len(grouping.duplicates)}
        print(f"{size:>6} contributions: {seconds:6.1f} s, {len(grouping.groups)} groups, "
              f"{grouped} grouped, {len(grouping.duplicates)} near-duplicate pairs")
    return results


if __name__ == "__main__":
    run()
