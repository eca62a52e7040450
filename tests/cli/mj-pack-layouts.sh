#!/bin/bash
# mj-pack --layout webdataset and imagefolder, read back by independent
# readers: Python's tarfile grouping members into samples by the name
# before the first dot, as the webdataset library does; every
# metadata.jsonl file_name present in the archive, as Hugging Face's
# imagefolder needs.  Split grids give four samples (five --with-grid),
# shards of --split-count samples, bad combinations are usage errors,
# 10,000 records stream through.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"

# grids of four quadrants, as mj-fetch --split leaves them, and others
"$PYTHON3" - <<'PY'
import json, struct, zlib, hashlib, os
def png(path, w, h, rgb):
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(path, "wb").write(data)
    return {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "type": "image/png", "width": w, "height": h}
os.makedirs("out", exist_ok=True)
recs = []
for t in range(3):                      # split grids
    tid = "17%02d" % t
    files = [dict(png("out/%s.png" % tid, 64, 48, (10, 10, 10 + t)), grid=True)]
    for i in range(1, 5):
        files.append(dict(png("out/%s-%d.png" % (tid, i), 32, 24, (60 * i, t, 0)), index=i))
    recs.append({"prompt": "split grid %d, \u00e9t\u00e9 \"q\"" % t,
                 "task": {"id": tid, "status": "SUCCESS", "action": "IMAGINE", "seed": "99%d" % t},
                 "files": files})
# a grid that was not split, with dots in its name
recs.append({"prompt": "plain", "task": {"id": "1800", "status": "SUCCESS", "prompt": "plain --v 6"},
             "files": [png("out/a.b.c.png", 16, 16, (1, 2, 3))]})
# four imageUrls, downloaded as they are
recs.append({"task": {"id": "1801", "status": "SUCCESS", "prompt": "four urls"},
             "files": [png("out/u%d.PNG" % i, 8, 8, (i, i, i)) for i in range(4)]})
recs.append({"prompt": "failed", "task": {"id": "1802", "status": "FAILURE"},
             "error": {"stage": "wait", "message": "banned prompt"}})
with open("recs.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r) + "\n")
PY

# an independent reader: samples as the webdataset library makes them
cat > wds.py <<'PY'
import json, re, sys, tarfile, hashlib
samples, keys, order = [], set(), []
for shard in sys.argv[1:]:
    cur = None
    with tarfile.open(shard, "r:*") as tf:
        for m in tf:
            # webdataset's base_plus_ext: the key is what precedes the first
            # dot of the last component; a sample is adjacent members
            mo = re.match(r"^((?:.*/|)[^.]+)[.]([^/]*)$", m.name)
            assert mo, "not a sample member: " + m.name
            key, ext = mo.group(1), mo.group(2)
            data = tf.extractfile(m).read()
            if cur is None or cur["__key__"] != key:
                assert key not in keys, "key seen before, not adjacent: " + key
                keys.add(key)
                cur = {"__key__": key, "__shard__": shard}
                samples.append(cur)
            assert ext not in cur, "twice in a sample: " + m.name
            cur[ext] = data
out = []
for s in samples:
    exts = sorted(k for k in s if not k.startswith("__"))
    img = [e for e in exts if e not in ("json", "txt")]
    assert len(img) == 1 and "json" in s and "txt" in s, "a sample not whole: %s %s" % (s["__key__"], exts)
    rec = json.loads(s["json"])
    f = rec["file"]
    assert hashlib.sha256(s[img[0]]).hexdigest() == f["sha256"], "image bytes differ: " + s["__key__"]
    p = rec.get("prompt") or rec["task"].get("prompt") or ""
    assert s["txt"].decode() == p, "txt is not the prompt: " + s["__key__"]
    out.append({"key": s["__key__"], "ext": img[0], "shard": s["__shard__"], "task": rec["task"]["id"],
                "index": f.get("index"), "grid": f.get("grid", False), "has_archive": "archive" in rec})
for o in out:
    print(json.dumps(o))
PY

# --- webdataset ---
mkdir shards
mj-pack --layout webdataset --split-count 5 -o shards/data.tar < recs.jsonl > out.jsonl 2> err
is "$?" 0 "webdataset: status 0"
is "$(cd shards && ls | paste -sd' ')" "data-000000.tar data-000001.tar data-000002.tar data-000003.tar" \
    "shards named NAME-000000.tar on, from -o shards/data.tar"
"$PYTHON3" wds.py shards/data-*.tar > samples.json 2> reader.err
is "$?" 0 "the webdataset reader gets whole samples (image, .json, .txt), adjacent, keys unique"
[ -s reader.err ] && diag "$(cat reader.err)"
jq_ok samples.json 'length == 17' "17 samples: four for each split grid, one plain, four imageUrls, none for the failed task"
jq_ok samples.json '[.[] | select(.grid)] | length == 0' "a split grid's own image is not a sample"
jq_ok samples.json '[.[] | select(.task == "1701") | .index] == [1,2,3,4]' "a grid's quadrants, in U1..U4 order, each with file.index"
jq_ok samples.json '[.[] | .key | select(test("\\."))] | length == 0' "no key holds a dot (a.b.c.png gives a_b_c)"
jq_ok samples.json '[.[] | .ext] | unique == ["png"]' "the image's own extension, lower case (u0.PNG gives .png)"
jq_ok samples.json '[group_by(.shard)[] | length] == [4,4,5,4]' \
    "shards of at most 5 samples, a record's samples never split across shards"
jq_ok samples.json '[.[] | select(.has_archive)] | length == 0' "a sample's .json is the record as it came, with its file"
ok "no manifest.jsonl in the shards (it would be a sample)" sh -c '! bsdtar -tf shards/data-000000.tar | grep -q manifest'
jq_ok out.jsonl 'length == 6 and (map(.task.id) == ["1700","1701","1702","1800","1801","1802"])' "every record printed, in order"
jq_ok out.jsonl '.[0].archive == {"path":"shards/data-000000.tar","members":["1700-1.png","1700-1.json","1700-1.txt","1700-2.png","1700-2.json","1700-2.txt","1700-3.png","1700-3.json","1700-3.txt","1700-4.png","1700-4.json","1700-4.txt"]}' \
    "a record names its shard and its members"
jq_ok out.jsonl '.[5].archive.members == [] and .[5].error.message == "banned prompt"' "the failed task passes through"
k=$(bsdtar -xOf shards/data-000000.tar 1700-2.json | jq -c '[.file.index, .file.path, .task.seed, .prompt]')
is "$k" '[2,"out/1700-2.png","990","split grid 0, été \"q\""]' "a quadrant's .json: the record, plus file (its index and path)"

rm -rf shards2 && mkdir shards2
mj-pack --layout webdataset --with-grid -o shards2/data.tar.gz < recs.jsonl > /dev/null 2>&1
is "$?" 0 "--with-grid, tar.gz: status 0"
ok "one archive without --split-count, named as given" test -f shards2/data.tar.gz
"$PYTHON3" wds.py shards2/data.tar.gz > samples2.json
jq_ok samples2.json 'length == 20 and ([.[] | select(.grid)] | length == 3)' "--with-grid: the grid too, as a sample of its own"

mj-pack --layout webdataset -o x.zip < recs.jsonl > /dev/null 2> err
is "$?" 2 "webdataset into zip: a usage error"
ok "... saying it needs tar" grep -q 'tar' err
mj-pack --layout webdataset --gallery -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "--gallery with webdataset: a usage error"
mj-pack --with-grid -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "--with-grid with layout files: a usage error"
mj-pack --layout wds -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "an unknown layout: a usage error"
mj-pack --layout webdataset -o - < recs.jsonl > stream.tar 2> err
is "$?" 0 "webdataset to stdout"
"$PYTHON3" wds.py stream.tar > samples3.json
jq_ok samples3.json 'length == 17' "... readable as samples"

# --- imagefolder ---
for fmt in zip tar; do
	rm -rf if && mkdir if
	mj-pack --layout imagefolder --prefix train/ -o "if.$fmt" < recs.jsonl > out.jsonl 2> err
	is "$?" 0 "imagefolder $fmt: status 0"
	bsdtar -xf "if.$fmt" -C if
	ok "imagefolder $fmt: metadata.jsonl at the root" test -s if/metadata.jsonl
	ok "imagefolder $fmt: every file_name of metadata.jsonl is in the archive, the same bytes" "$PYTHON3" -c '
import json, hashlib, sys
n = 0
for line in open("if/metadata.jsonl"):
    m = json.loads(line)
    data = open("if/" + m["file_name"], "rb").read()
    assert hashlib.sha256(data).hexdigest() == m["file"]["sha256"], m["file_name"]
    n += 1
sys.exit(0 if n == 17 else 1)'
	jq_ok if/metadata.jsonl '[.[] | .file_name] | map(startswith("train/")) | all' "imagefolder $fmt: file_name is the path inside the archive"
	jq_ok if/metadata.jsonl '.[1] | (keys_unsorted[0] == "file_name" and .file.index == 2 and .task.id == "1700" and .prompt != null)' \
	    "imagefolder $fmt: a line holds file_name, the record's fields and file"
	is "$(find if -type f \( -name '*.png' -o -name '*.PNG' \) | wc -l)" 17 "imagefolder $fmt: the images only, no split grid"
done
ok "imagefolder keeps manifest.jsonl" test -s if/manifest.jsonl

# --- 10,000 records stream through: their files under names of their own
# (symbolic links to the few files above)
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
