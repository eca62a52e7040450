#!/usr/bin/env python3
"""What users write today, in Python's standard library: for each prompt,
submit it, poll every 3 s until it ends, download the image, then the next.
   typical.py PROMPTS.txt OUTDIR      (MJ_BASE_URL, MJ_API_KEY)"""
import json, os, sys, time, urllib.request

base, key = os.environ["MJ_BASE_URL"], os.environ["MJ_API_KEY"]
hdr = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}

def call(path, body=None):
    req = urllib.request.Request(base + path, headers=hdr,
                                 data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(req) as r:
        return json.load(r)

os.makedirs(sys.argv[2], exist_ok=True)
for prompt in open(sys.argv[1]).read().splitlines():
    tid = call("/mj/submit/imagine", {"prompt": prompt})["result"]
    for _ in range(200):
        time.sleep(3)
        task = call("/mj/task/%s/fetch" % tid)
        if task["status"] in ("SUCCESS", "FAILURE", "CANCEL"):
            break
    if task["status"] == "SUCCESS":
        with urllib.request.urlopen(task["imageUrl"]) as r, \
                open(os.path.join(sys.argv[2], tid + ".png"), "wb") as f:
            f.write(r.read())
