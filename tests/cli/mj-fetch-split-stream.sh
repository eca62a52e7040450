#!/bin/bash
# mj-fetch --split streams: grids are cut on worker threads while the
# event loop goes on, so small records behind big grids in the input
# (upscales: nothing to cut) are downloaded and written to stdout, each
# the moment it is done, before the grids' splits end.  If a split held
# the loop, the first grid would come out before any small record starts.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=120

sim_start --duration 0.1 --jitter 0 --capacity 10
printf '%s\n' 'big 1 sim:grid=2048x2048' 'big 2 sim:grid=2048x2048' \
    'big 3 sim:grid=2048x2048' | mj-submit | mj-wait -i 100ms > grids
jq_ok grids 'length == 3 and all(.task.status == "SUCCESS")' "three big grids finished"
# three upscales after them, each a small image of the simulator's
jq -c '{prompt: "small", task: {id: "u\(.task.id)", action: "UPSCALE",
    status: "SUCCESS", imageUrl: "\(.task.imageUrl)/0"}}' grids > smalls
for u in $(jq -r .task.imageUrl grids); do	# the simulator draws them now
	curl -s --max-time 60 -o /dev/null "$u"
done
cat grids smalls > tasks

# each line stamped as it arrives on the pipe (a buffered stdout would
# hand them over together at the end)
cat > stamp.py <<'PY'
import json, sys, time
t0 = time.monotonic()
for line in sys.stdin:
    r = json.loads(line)
    print("%.3f %s %s" % (time.monotonic() - t0, r["task"]["action"], r["task"]["id"]), flush=True)
PY
run_prog mj-fetch --split -j 2 -d out < tasks 2> err | "$PYTHON3" stamp.py > stamps
is "${PIPESTATUS[0]}" 0 "status 0"
is "$(cat err)" "" "nothing on stderr"
sed 's/^/# /' stamps
is "$(wc -l < stamps)" 6 "six records"
is "$(awk '{ print $2 }' stamps | tr '\n' ' ')" "UPSCALE UPSCALE UPSCALE IMAGINE IMAGINE IMAGINE " \
    "the three upscales out before any grid's split ends"
ok "... written at once, 20 ms or more before the first grid" \
    awk 'NR == 3 { last = $1 } NR == 4 { exit !($1 - last >= 0.020) }' stamps
is "$(find out -name '*-[1-4].png' | wc -l)" 12 "the grids split all the same: twelve quadrants"
done_testing
