#!/bin/bash
# mj-fetch --split: each grid (PNG, WebP, JPEG; even, odd and long sizes)
# gets four quadrants in U1..U4 order whose pixels, decoded by ImageMagick,
# are exactly the simulator's drawing; tasks with their own four images,
# upscales and descriptions are not split; truncated, corrupt, bomb and
# empty images give an error record and keep the grid, with no .part
# left; a rerun makes no request and writes nothing; {n} in --name.
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

# a rerun: no request, no file written again, the same records
media() { sim_stats | jq '.requests["GET /mj/image"] // 0'; }
n1=$(media)
stat -c '%i %Y %s %n' out/* > stat1
sleep 1.1
run_prog mj-fetch --split -d out < tasks > out2 2> err
is "$?" 0 "rerun: status 0"
is "$(media)" "$n1" "rerun: no image request"
stat -c '%i %Y %s %n' out/* > stat2
ok "rerun: no file written again" cmp -s stat1 stat2
sort out1 > s1; sort out2 > s2
ok "rerun: the same records" cmp -s s1 s2
# a lost quadrant is cut again, alone
lost=$(jq -r -s '.[1].files[3].path' out1)
rm -f "$lost"
run_prog mj-fetch --split -d out < tasks > out3 2> err
is "$?" 0 "one quadrant lost: status 0"
ok "... it is back" test -s "$lost"
stat -c '%i %Y %s %n' out/* | grep -v -F "$lost" > stat3
grep -v -F "$lost" stat1 > stat1b
ok "... and nothing else written" cmp -s stat1b stat3
sort out3 > s3
ok "... the same records" cmp -s s1 s3

# --name with {n}: the grid gets "grid", the quadrants 1..4
jq -c -s '.[0]' tasks | run_prog mj-fetch --split -d named --name 'g_{id}_{n}' > out4 2> err
is "$?" 0 "--name {n}: status 0"
id=$(jq -r -s '.[0].task.id' tasks)
jq_ok out4 '.[0].files | map(.path) == ["named/g_'"$id"'_grid.png", "named/g_'"$id"'_1.png", "named/g_'"$id"'_2.png", "named/g_'"$id"'_3.png", "named/g_'"$id"'_4.png"]' \
    "--name 'g_{id}_{n}': g_ID_grid.png, g_ID_1.png .. g_ID_4.png"
# --no-sha256: the same entries without sha256
jq -c -s '.[0]' tasks | run_prog mj-fetch --split --no-sha256 -d nohash > out5 2> err
jq_ok out5 '.[0].files | length == 5 and all(has("sha256") | not) and all(.width > 0)' "--no-sha256: no sha256, sizes kept"

# tasks that are not grids: an upscale, a description, and a task with
# its own four images are fetched as they are
url=$(jq -r -s '.[0].task.imageUrl' tasks)
printf '{"task":{"id":"u1","action":"UPSCALE","status":"SUCCESS","imageUrl":"%s"}}\n{"task":{"id":"d1","action":"DESCRIBE","status":"SUCCESS","imageUrl":"%s"}}\n' "$url" "$url" > notgrids
run_prog mj-fetch --split -d other < notgrids > out6 2> err
is "$?" 0 "upscale, describe: status 0"
jq_ok out6 'all(.files | length == 1 and (.[0] | has("grid") | not))' "... one file each, not split"
is "$(ls other | wc -l)" 2 "... and no quadrant files"
# images that cannot be split: an error record (stage fetch), the grid
# kept, no quadrant and no .part; a zero-byte reply is not kept at all
printf '%s\n' 'cut sim:img=truncated' 'junk sim:img=corrupt' 'bomb sim:img=huge' \
    'zero sim:img=empty' 'fine' | mj-submit | mj-wait -i 100ms > badtasks
run_prog mj-fetch --split -d bad < badtasks > out8 2> err
is "$?" 1 "unsplittable images: status 1"
jq_ok out8 'map(select(.prompt != "fine")) | length == 4 and all(.error.stage == "fetch" and (.error.message | length) > 0)' \
    "... each an error record, stage fetch"
jq_ok out8 'map(select(.prompt == "fine"))[0] | (.files | length == 5) and (has("error") | not)' "... the others split"
jq_ok out8 'map(select(.prompt | test("cut|junk|bomb"))) | all(.files | length == 1 and .[0].path != null and (.[0] | has("grid") | not))' \
    "... truncated, corrupt, huge: the grid stays, listed"
jq_ok out8 'map(select(.prompt | test("bomb")))[0].error.message | test("50000 x 50000")' "... the bomb refused from its header"
jq_ok out8 'map(select(.prompt | test("zero")))[0].files == []' "... a zero-byte image: no file"
is "$(ls bad | wc -l)" 8 "... the three grids, the fine one and its four: nothing more"
is "$(find . -name '*.part' | wc -l)" 0 "no .part file left anywhere"
ok "the errors named on stderr" grep -q "50000 x 50000" err
sim_stop
sim_start --duration 0.1 --jitter 0 --capacity 10 --grid-size 64x48 --image-urls
printf '%s\n' 'four' | mj-submit | mj-wait -i 100ms > tasks4
run_prog mj-fetch --split -d four < tasks4 > out7 2> err
is "$?" 0 "imageUrls: status 0"
jq_ok out7 '.[0].files | length == 5 and all(has("grid") or has("index") | not)' "imageUrls: the five files as they are, none split"

done_testing
