#!/usr/bin/env python
"""Profile one bench case with py-spy on a single gunicorn worker under wrk load.

    .venv/bin/python bench/profile.py CASE [CASE ...] [--seconds 8]

CASE: baseline, cached, uncached, detail10, detail200, detail1000, list10k, list10.
Prints, per case, the functions holding the most samples (inclusive and own time).
Needs py-spy (`.venv/bin/pip install py-spy`; listed in requirements-dev.txt).
"""
import argparse
import collections
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load, stack  # noqa: E402
from bench.run import bench_stack, log  # noqa: E402


def cases(ids):
    return {
        "baseline": dict(requests="/bench/baseline"),
        "cached": dict(requests="/v1/topics/big"),
        "uncached": dict(requests="/bench/list-uncached/big"),
        "list10k": dict(requests="/bench/list-uncached/big"),
        "list10": dict(requests="/bench/list-uncached/small"),
        "detail10": dict(requests=f"/v1/topics/small?t_id={ids[10]}"),
        "detail200": dict(requests=f"/v1/topics/small?t_id={ids[200]}"),
        "detail1000": dict(requests=f"/v1/topics/small?t_id={ids[1000]}"),
    }


def frame_name(frame):
    # py-spy raw frames look like "function (path/to/file.py:123)"
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    short = "/".join(path.split("/")[-2:])
    return f"{name} ({short})"


def summarize(raw_file, top):
    inclusive, own = collections.Counter(), collections.Counter()
    total = 0
    for line in Path(raw_file).read_text().splitlines():
        stacks, _, count = line.rpartition(" ")
        if not stacks:
            continue
        count = int(count)
        frames = [frame_name(f) for f in stacks.split(";")]
        total += count
        for name in set(frames):
            inclusive[name] += count
        own[frames[-1]] += count
    print(f"  {total} samples; inclusive / own share of the worker's time")
    for name, count in inclusive.most_common(top):
        print(f"  {100 * count / total:5.1f}% {100 * own[name] / total:5.1f}%  {name}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="+")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    with bench_stack() as st:
        url, master = stack.start_gunicorn(st.procs, "gunicorn-profile", st.env, workers=1)
        (worker,) = stack.worker_pids(master.pid)
        known = cases(st.ids)
        for case in args.cases:
            load.wrk(url, seconds=2, connections=2, **known[case])  # warm up
            with tempfile.NamedTemporaryFile(suffix=".txt") as raw:
                spy = subprocess.Popen(
                    [str(stack.VENV_BIN / "py-spy"), "record", "--format", "raw", "--rate", "500",
                     "-d", str(args.seconds), "-p", str(worker), "-o", raw.name, "--nonblocking"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                result = load.wrk(url, seconds=args.seconds, connections=2, **known[case])
                spy.wait(timeout=args.seconds + 30)
                log(f"{case}: {result.rps:.0f} req/s, p50 {result.p50_ms:.1f} ms on one worker")
                summarize(raw.name, args.top)


if __name__ == "__main__":
    main()
