#!/usr/bin/env python3
"""The soak's verdict: every prompt one task, every file whole, none paid twice.

    verify.py MJSIM IMAGE_BYTES STATS.json NIGHTS_DIR

NIGHTS_DIR holds, per night NN, prompts-NN.txt (the night's prompts),
final-NN.jsonl (what its last run printed), out-NN/ (the files) and
out-NN.tar.gz (the archive).  Each file on disk and in the archive is
compared with the bytes the simulator serves for its task (its own
png_bytes, loaded from MJSIM).  Prints one line per check, "ok" or
"FAIL", then the figures; exits 1 if any check failed.
"""
import collections
import glob
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import tarfile


def load_sim(path):
    loader = importlib.machinery.SourceFileLoader("mjsim", path)
    spec = importlib.util.spec_from_loader("mjsim", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main():
    sim_path, size, stats_path, nights = sys.argv[1:5]
    sim = load_sim(sim_path)
    size = int(size)
    stats = json.load(open(stats_path))
    failed = []

    def check(cond, what):
        print("%s %s" % ("ok  " if cond else "FAIL", what))
        if not cond:
            failed.append(what)

    prompts = []
    records = []
    torn = missing = archived = whole = 0
    for pf in sorted(glob.glob(os.path.join(nights, "prompts-*.txt"))):
        nn = pf[-6:-4]
        night = [line.rstrip("\n") for line in open(pf)]
        prompts += night
        recs = [json.loads(line) for line in
                open(os.path.join(nights, "final-%s.jsonl" % nn))]
        records += recs
        members = {}
        with tarfile.open(os.path.join(nights, "out-%s.tar.gz" % nn)) as t:
            for m in t.getmembers():
                if m.isfile():
                    members[m.name] = hashlib.sha256(
                        t.extractfile(m).read()).hexdigest()
        for r in recs:
            task = r.get("task") or {}
            files = r.get("files") or []
            if task.get("status") != "SUCCESS" or len(files) != 1:
                missing += 1
                continue
            want = hashlib.sha256(sim.png_bytes(
                "%s/grid" % task["id"], size)).hexdigest()
            path = files[0]["path"]
            try:
                got = hashlib.sha256(open(path, "rb").read()).hexdigest()
            except OSError:
                got = None
            if got == want == files[0].get("sha256"):
                whole += 1
            else:
                torn += 1
            names = (r.get("archive") or {}).get("members") or []
            if names and members.get(names[0]) == want:
                archived += 1

    n = len(prompts)
    by_prompt = collections.Counter(r.get("prompt") for r in records)
    ids = collections.Counter((r.get("task") or {}).get("id")
                              for r in records)
    subs = stats.get("submissions", {})
    check(len(set(prompts)) == n, "%d prompts, all different" % n)
    check(len(records) == n and all(by_prompt[p] == 1 for p in prompts),
          "one final record per prompt (%d records)" % len(records))
    check(len(ids) == n and None not in ids,
          "every prompt its own task (%d task ids)" % len(ids))
    twice = sum(1 for p in prompts if subs.get(p, 0) > 1)
    never = sum(1 for p in prompts if subs.get(p, 0) == 0)
    check(twice == 0, "no prompt submitted twice (%d twice)" % twice)
    check(never == 0, "every prompt submitted (%d never)" % never)
    check(stats.get("tasks_created") == n,
          "the server created %s tasks for %d prompts" %
          (stats.get("tasks_created"), n))
    check(missing == 0, "every record a SUCCESS with its file (%d not)"
          % missing)
    check(torn == 0 and whole == n,
          "every file whole: sha256 as the simulator's (%d whole, %d not)"
          % (whole, torn))
    check(archived == n, "every file in its night's archive, whole (%d)"
          % archived)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
