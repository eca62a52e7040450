#!/usr/bin/env python3
"""The delay between a task ending in the simulator and its record leaving
mj-wait: read the lines of stamp.py, ask the simulator when each task
finished (GET /_sim/task/ID, finished_at in ms), print the number of
tasks, the median, the 95th percentile and the largest delay in seconds.
   delays.py SIM_URL STAMPS"""
import http.client
import math
import json
import sys
import urllib.parse

url = urllib.parse.urlsplit(sys.argv[1])
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
delays = []
with open(sys.argv[2]) as f:
    for line in f:
        stamp, rec = line.split(" ", 1)
        tid = json.loads(rec)["task"]["id"]
        conn.request("GET", "/_sim/task/" + urllib.parse.quote(tid))
        reply = conn.getresponse()
        task = json.loads(reply.read())
        if reply.status != 200 or task.get("finished_at") is None:
            continue
        delays.append(float(stamp) - task["finished_at"] / 1000.0)
delays.sort()
if not delays:
    print("0 0 0 0")
    sys.exit(0)


def pct(p):
    # nearest rank
    return delays[max(0, math.ceil(len(delays) * p) - 1)]


print("%d %.3f %.3f %.3f" % (len(delays), pct(0.5), pct(0.95), delays[-1]))
