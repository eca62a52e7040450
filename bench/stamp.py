#!/usr/bin/env python3
"""Copy standard input to standard output line by line, and write each
line to FILE prefixed with the time it arrived (seconds since 1970).
   stamp.py FILE"""
import sys
import time

with open(sys.argv[1], "w") as out:
    for line in sys.stdin.buffer:
        out.write("%.3f %s" % (time.time(), line.decode("utf-8", "replace")))
        out.flush()
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
