# Sourced by the mj-pack-layout-*.sh tests: recs.jsonl (three split grids,
# a plain grid with dots in its name, four imageUrls, a failed task) with
# their PNGs under out/, and wds.py, an independent webdataset reader.
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
