#!/bin/bash
# mj-pack --gallery for a big run: 2,000 records (split grids, plain
# images, failed tasks) opened in headless Chromium.  Thumbnails (at most
# 320 px, in thumbs/) load and link to the full images; a split grid is
# one card of four; the text filter finds a prompt, a seed, an error; the
# status filter shows the failed tasks; images that are corrupt, empty or
# announce 50,000 x 50,000 pixels get no thumbnail, a warning, and the
# archive still.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || skip_all "chromium is not installed (.ci/run installs it)"
command -v bsdtar >/dev/null || skip_all "bsdtar is not installed"

"$PYTHON3" - <<'PY'
import json, os, struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
def png(path, w, h, rgb):
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
os.mkdir("src"); os.mkdir("out")
for c in range(8):
    png("src/p%d.png" % c, 64, 48, (30 * c, 200 - 20 * c, 90))
png("src/big.png", 800, 600, (10, 120, 200))
png("src/grid.png", 64, 64, (0, 0, 0))
for q in range(1, 5):
    png("src/q%d.png" % q, 32, 32, (60 * q, 0, 255 - 60 * q))
open("src/corrupt.png", "wb").write(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
open("src/empty.png", "wb").write(b"")
# a PNG header of 50,000 x 50,000 pixels: a decompression bomb's promise
open("src/bomb.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0))
                                 + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
def link(i, name, src):
    path = "out/%d-%s" % (i, name)
    os.symlink("../src/" + src, path)
    return path
with open("recs.jsonl", "w") as f:
    for i in range(2000):
        task = {"id": str(50000 + i), "status": "SUCCESS", "action": "IMAGINE"}
        rec = {"prompt": "prompt number %d of the big run" % i, "task": task}
        if i % 20 == 5:                         # 100 failed tasks
            task["status"] = "FAILURE"
            rec["error"] = {"stage": "wait", "message": "banned prompt <%d>" % i}
        elif i % 10 == 0:                       # 200 split grids
            rec["files"] = [{"path": link(i, "grid.png", "grid.png"), "type": "image/png", "grid": True}] + \
                [{"path": link(i, "q%d.png" % q, "q%d.png" % q), "type": "image/png", "index": q} for q in range(1, 5)]
        else:                                   # 1,700 plain images
            rec["files"] = [{"path": link(i, "p.png", "big.png" if i % 100 == 1 else "p%d.png" % (i % 8)),
                             "type": "image/png"}]
        if i == 777:
            rec["prompt"] = "a zebracorn & a <unicorn>"
        if i == 778:
            task["seed"] = "424242"
        f.write(json.dumps(rec) + "\n")
    for bad in ("corrupt", "empty", "bomb"):
        f.write(json.dumps({"prompt": "bad " + bad, "task": {"id": bad, "status": "SUCCESS"},
                            "files": [{"path": "src/%s.png" % bad, "type": "image/png"}]}) + "\n")
PY
start=$(date +%s)
mj-pack --gallery -o g.tar < recs.jsonl > out.jsonl 2> err
is "$?" 0 "2,003 records packed with a gallery"
diag "mj-pack --gallery: $(($(date +%s) - start)) s"
is "$(grep -c 'no thumbnail' err)" 3 "three images without a thumbnail, each a warning"
ok "... the 50,000 x 50,000 header refused before decoding" grep -q 'bomb.png: 2500000000 pixels, more than' err
ok "... the corrupt one said so" grep -q 'corrupt.png: not a readable image' err
ok "... and nothing else on stderr (no libvips warnings of its own)" sh -c "! grep -v 'no thumbnail' err"
is "$(jq -s '[.[] | select(.error and .error.stage != "wait")] | length' out.jsonl)" 0 \
    "... and no record failed for a thumbnail"
mkdir site && bsdtar -xf g.tar -C site
is "$(find site/thumbs -name '*.jpg' | wc -l)" 2500 "2,500 thumbnails: the quadrants and the plain images, not the split grids"
ok "the bad images are in the archive all the same" test -f site/bomb.png -a -f site/corrupt.png
is "$(vipsheader -f width site/thumbs/1-p.png.jpg) $(vipsheader -f height site/thumbs/1-p.png.jpg)" "320 240" \
    "an 800 x 600 image gives a 320 x 240 thumbnail"
is "$(vipsheader -f width site/thumbs/2-p.png.jpg)" 64 "a small image is not enlarged"
sz=$(stat -c %s site/index.html)
diag "index.html: $sz bytes for 2,003 records"
ok "the page is under 1 KiB a record" test "$sz" -lt $((2003 * 1024))

cat > site/probe.html <<'HTML'
<!DOCTYPE html><html><head><title>probe</title></head><body>
<iframe id="g" src="index.html" style="width:1200px;height:3000px;border:0"></iframe>
<script>
var t0 = performance.now();
window.onload = function () {
  var loadms = Math.round(performance.now() - t0);
  var w = document.getElementById("g").contentWindow, d = w.document, out = [];
  var q = d.getElementById("q"), s = d.getElementById("s");
  function shown() { return d.querySelectorAll("main figure:not([hidden])").length; }
  function filter(text, status, then) {
    q.value = text; q.dispatchEvent(new Event("input"));
    s.value = status; s.dispatchEvent(new Event("change"));
    setTimeout(then, 400);
  }
  var imgs = Array.prototype.slice.call(d.images), tries = 0;
  function visible(i) { var r = i.getBoundingClientRect(); return r.top < 2800 && r.bottom > 0; }
  function check() {
    var vis = imgs.filter(visible);
    var loaded = vis.filter(function (i) { return i.complete && i.naturalWidth > 0; });
    if (loaded.length < vis.length && ++tries < 50) { setTimeout(check, 100); return; }
    out.push("onload=" + loadms, "figs=" + d.querySelectorAll("main figure").length,
      "imgs=" + imgs.length, "vis=" + vis.length, "visloaded=" + loaded.length,
      "thumbsrc=" + imgs.filter(function (i) { return /\/thumbs\/.*\.jpg$/.test(i.src); }).length,
      "small=" + loaded.filter(function (i) { return i.naturalWidth <= 320 && i.naturalHeight <= 320; }).length,
      "fulllinks=" + imgs.filter(function (i) { return /\/out\/|\/[0-9]+-/.test(i.parentNode.href) && !/thumbs/.test(i.parentNode.href); }).length,
      "split=" + d.querySelectorAll("figure.split").length,
      "quads=" + d.querySelectorAll("figure.split img").length,
      "count=" + d.getElementById("n").textContent.replace(/ /g, "_"));
    filter("zebracorn", "", function () {
      out.push("zebra=" + shown());
      filter("424242", "", function () {
        out.push("seed=" + shown());
        filter("", "FAILURE", function () {
          out.push("failure=" + shown());
          filter("banned", "!error", function () {
            out.push("banned=" + shown());
            filter("  UNICORN>   zebraCORN ", "SUCCESS", function () {
              out.push("words=" + shown());
              filter("zebracorn nowhere", "", function () {
                out.push("none=" + shown());
                filter("", "", function () {
                  out.push("all=" + shown());
                  document.title = out.join(" ");
                });
              });
            });
          });
        });
      });
    });
  }
  check();
};
</script></body></html>
HTML
serve_dir site
port=$SERVE_PORT
title=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$TEST_DIR/profile" --virtual-time-budget=20000 \
    --dump-dom "http://127.0.0.1:$port/probe.html" 2>>chromium.log | sed -n 's:.*<title>\(.*\)</title>.*:\1:p')
diag "browser says: $title"
val() { grep -o "\b$1=[^ ]*" <<<"$title" | cut -d= -f2; }
is "$(val figs)" 2003 "a card per record: 200 split grids as one card each, 1,700 images, 100 failed, 3 bad"
is "$(val imgs)" 2500 "2,500 pictures: four a split grid, one a plain image; none for the bad ones"
is "$(val thumbsrc)" 2500 "every picture is a thumbnail from thumbs/"
is "$(val fulllinks)" 2500 "every picture links to its full image"
ok "the pictures on screen loaded ($(val visloaded) of $(val vis))" test "$(val vis)" -gt 10 -a "$(val vis)" = "$(val visloaded)"
is "$(val small)" "$(val visloaded)" "... each at most 320 px"
is "$(val split) $(val quads)" "200 800" "split grids shown as four, in one card"
is "$(val count)" "2003_of_2003_shown" "the page counts what it shows"
is "$(val zebra)" 1 "the text filter finds a prompt (escaped in the page)"
is "$(val seed)" 1 "... a seed"
is "$(val failure)" 100 "the status filter shows the 100 failed tasks"
is "$(val banned)" 100 "... and with an error, the text of their reasons"
is "$(val words)" 1 "words match each on its own, in any order, case and spacing"
is "$(val none)" 0 "... all of them: a word found nowhere shows nothing"
is "$(val all)" 2003 "an empty filter shows every card again"
done_testing
