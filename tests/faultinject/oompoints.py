#!/usr/bin/env python3
"""Which allocation points of a run are on a path that matters.

    oompoints.py TRACE BINARY REGEX

TRACE is what failmalloc.so wrote with FAILMALLOC_TRACE (a line per
allocation: its number, then its callers as OBJECT+0xOFFSET); BINARY is
the program that ran.  Prints the numbers of the allocations with a
caller in BINARY whose function (inlined ones too, by addr2line -i)
matches REGEX, one per line.
"""
import os
import re
import subprocess
import sys


def main():
    trace, binary, pattern = sys.argv[1:4]
    name = os.path.basename(binary) + "+"
    rx = re.compile(pattern)
    points = []
    addrs = set()
    with open(trace) as f:
        for line in f:
            fields = line.split()
            if not fields or not fields[0].isdigit():
                continue
            own = [a[len(name):] for a in fields[1:] if a.startswith(name)]
            points.append((int(fields[0]), own))
            addrs.update(own)
    order = sorted(addrs)
    funcs = {}
    if order:
        # addr2line -f -i: per address, function then file:line, once
        # per inlined frame; the address echoed first (-a) splits them
        out = subprocess.run(["addr2line", "-a", "-f", "-i", "-e", binary] +
                             order, capture_output=True, text=True,
                             check=True).stdout.splitlines()
        cur = None
        for i, text in enumerate(out):
            if text.startswith("0x") and (i + 1 < len(out)):
                cur = text
                funcs[cur] = []
            elif cur is not None and not re.match(r".*:\d+", text) and \
                    text != "??:0" and not text.startswith("??:"):
                funcs[cur].append(text)
        funcs = {int(k, 16): v for k, v in funcs.items()}
    for n, own in points:
        names = [fn for a in own for fn in funcs.get(int(a, 16), [])]
        if any(rx.search(fn) for fn in names):
            print(n)


if __name__ == "__main__":
    main()
