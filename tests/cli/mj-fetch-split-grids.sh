#!/bin/bash
# mj-fetch --split: each grid (PNG, WebP, JPEG; even, odd and long sizes)
# gets four quadrants in U1..U4 order whose pixels, decoded by ImageMagick,
# are exactly the simulator's drawing.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

sim_start --duration 0.1 --jitter 0 --capacity 20 --queue 50 --grid-size 64x48
printf '%s\n' 'even' 'odd sim:grid=33x21' 'tall sim:grid=30x52' \
    'wide sim:grid=97x20' 'webp sim:fmt=webp' 'webp odd sim:fmt=webp sim:grid=41x27' \
    'jpeg sim:fmt=jpeg sim:grid=48x32' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 7 and all(.task.status == "SUCCESS")' "seven finished grids"

run_prog mj-fetch --split -d out < tasks > out1 2> err
is "$?" 0 "status 0 when every grid is split"
is "$(cat err)" "" "nothing on stderr"
jq_ok out1 'all(.files | length == 5)' "five files per grid"
jq_ok out1 'all(.files[0].grid == true and (.files[0] | has("index") | not) and ([.files[1:][] | .index] == [1,2,3,4]) and all(.files[1:][]; has("grid") | not))' \
    "the grid first with grid:true, then index 1..4"
jq_ok out1 'all(.[].files[]; has("path") and has("bytes") and (.sha256 | length) == 64 and has("type") and .width > 0 and .height > 0)' \
    "every entry: path, bytes, sha256, type, width, height"
jq_ok out1 'all(.files[0] as $g | .files[1:] | (.[0].width == ($g.width / 2 | floor)) and (.[1].width == $g.width - ($g.width / 2 | floor)) and (.[0].height == ($g.height / 2 | floor)) and (.[2].height == $g.height - ($g.height / 2 | floor)) and .[2].width == .[0].width and .[3].width == .[1].width and .[1].height == .[0].height and .[3].height == .[2].height)' \
    "odd sizes: the extra column goes right, the extra row down"
jq_ok out1 'all(.task.id as $id | .files[1:] | to_entries | all(.value.path == "out/\($id)-\(.key + 1).\(.value.path | split(".") | last)"))' \
    "quadrants are named {id}-1 .. {id}-4"
jq_ok out1 'all(.files[0].type as $t | .files[1:] | all(.type == (if $t == "image/webp" then "image/webp" else "image/png" end)))' \
    "WebP gives WebP, PNG and JPEG give PNG"
jq -r '.files[] | "\(.sha256)  \(.path)"' out1 > sums
ok "sha256 match the files" sha256sum --quiet -c sums
bad=0
for f in $(jq -r '.files[] | .path + ":" + (.bytes | tostring)' out1); do
	[ "$(wc -c < "${f%%:*}")" -eq "${f##*:}" ] || bad=1
done
is "$bad" 0 "bytes match the files"

# pixels: each quadrant decoded by ImageMagick is the crop of the grid
# and what the simulator drew (but a JPEG grid, lossy, against the crop)
cat > pixels.py <<'PY'
import importlib.machinery, json, subprocess, sys
sim = importlib.machinery.SourceFileLoader("mjsim", sys.argv[1]).load_module()
def rgb(path, crop=None):
    cmd = ["convert", path] + (["-crop", crop, "+repage"] if crop else []) + ["-depth", "8", "rgb:-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout
bad = 0
for line in open(sys.argv[2]):
    r = json.loads(line)
    g, qs = r["files"][0], r["files"][1:]
    w, h = g["width"], g["height"]
    drawn = sim.grid_pixels(w, h, int(r["task"]["id"]) % 40)
    reds = []
    for q in qs:
        x = w // 2 if q["index"] in (2, 4) else 0
        y = h // 2 if q["index"] in (3, 4) else 0
        got = rgb(q["path"])
        if got != rgb(g["path"], "%dx%d+%d+%d" % (q["width"], q["height"], x, y)):
            print("not the crop of its grid:", q["path"]); bad += 1
        want = b"".join(row[3 * x:3 * (x + q["width"])] for row in drawn[y:y + q["height"]])
        if g["type"] != "image/jpeg":
            if got != want:
                print("not what the simulator drew:", q["path"]); bad += 1
            reds.append(set(got[0::3]))
    # each quadrant's reds within 8 values, no two quadrants sharing one
    if g["type"] != "image/jpeg" and (len(reds) != 4 or any(max(s) - min(s) > 7 for s in reds) or
                                      len(set().union(*reds)) != sum(len(s) for s in reds)):
        print("quadrants not told apart:", g["path"]); bad += 1
print("bad", bad)
PY
"$PYTHON3" pixels.py "$top_srcdir/tests/mjsim/mjsim" out1 > pix 2>&1
is "$(tail -n 1 pix)" "bad 0" "every quadrant pixel-exact, in U1..U4 order"
[ "$(tail -n 1 pix)" = "bad 0" ] || sed 's/^/# /' pix
sim_stop
done_testing
