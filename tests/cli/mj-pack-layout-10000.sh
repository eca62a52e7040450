#!/bin/bash
# mj-pack --layout webdataset: 10,000 records stream through, their files
# under names of their own (symbolic links to a few files).
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

"$PYTHON3" - <<'PY'
import json, os
recs = [json.loads(l) for l in open("recs.jsonl")]
os.mkdir("m")
with open("many.jsonl", "w") as f:
    for i in range(10000):
        r = json.loads(json.dumps(recs[i % 5]))
        r["task"]["id"] = str(100000 + i)
        for fl in r.get("files", []):
            new = "m/%d-%s" % (i, os.path.basename(fl["path"]))
            os.symlink("../" + fl["path"], new)
            fl["path"] = new
        f.write(json.dumps(r) + "\n")
PY
start=$(date +%s)
mkdir -p big
mj-pack --layout webdataset --split-count 10000 -o big/data.tar many.jsonl > many.out 2> err
is "$?" 0 "10,000 records: status 0"
diag "10,000 records, $(($(date +%s) - start)) s"
is "$(wc -l < many.out)" 10000 "... every record printed"
is "$(ls big | paste -sd' ')" "data-000000.tar data-000001.tar data-000002.tar data-000003.tar" "... 34,000 samples in four shards" 
done_testing
