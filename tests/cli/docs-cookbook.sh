#!/bin/bash
# Every ```sh block of README.md is run, in order, against the simulator,
# from a directory holding a copy of samples/: the cookbook cannot rot.
# Then what the recipes promise is checked in what they left behind.
TEST_TIMEOUT=${TEST_TIMEOUT:-300}	# before lib.sh, whose watchdog reads it
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0.1 --capacity 50 --image-bytes 4096
cp -r "$top_srcdir/samples" samples
chmod +x samples/*.sh
awk -v dir="$TEST_DIR" '
	/^```sh$/ { n++; f = sprintf("%s/block-%02d.sh", dir, n); inblock = 1; next }
	/^```$/ && inblock { inblock = 0; close(f); next }
	inblock { print > f }' "$top_srcdir/README.md"
blocks=$(ls block-*.sh | wc -l)
ok "README has its cookbook blocks ($blocks)" test "$blocks" -ge 12

for b in block-*.sh; do
	title=$(head -1 "$b" | cut -c1-60)
	if grep -q 'parallel\|scale-out' "$b" && ! command -v parallel >/dev/null; then
		echo "ok $((_tap_n += 1)) - # SKIP GNU parallel is not installed: $title"
		continue
	fi
	bash -e -o pipefail "$b" > "${b%.sh}.out" 2> "${b%.sh}.err"
	rc=$?
	is "$rc" 0 "runs: $title"
	[ "$rc" = 0 ] || sed 's/^/#   /' "${b%.sh}.err" | head -20
done

jq_ok done.jsonl 'length == 5 and all(.task.status == "SUCCESS" and (.files | length) >= 1 and .archive.path == "out.tar.gz")' \
    "csv to archive: five tasks, their files, packed"
ok "csv to archive: the archive holds a gallery and the manifest" sh -c 'bsdtar -tf out.tar.gz | grep -qx index.html && bsdtar -tf out.tar.gz | grep -qx manifest.jsonl'
jq_ok shards.jsonl 'length == 5 and all(.archive.path == "shards/data-000000.tar" and (.files | length) == 5 and (.archive.members | length) == 12)' \
    "dataset: each grid's four images four WebDataset samples (image, .json, .txt) in shard 000000"
# read back as the webdataset library groups members: by the name before
# the first dot; every sample whole, with its seed and its place
ok "dataset: 20 whole samples, each with its seed and index 1..4" "$PYTHON3" -c '
import json, sys, tarfile
samples = {}
with tarfile.open("shards/data-000000.tar") as t:
    for m in t.getmembers():
        key, ext = m.name.split(".", 1)
        samples.setdefault(key, {})[ext] = t.extractfile(m).read()
assert len(samples) == 20, len(samples)
for key, s in samples.items():
    assert set(s) == {"png", "json", "txt"}, (key, sorted(s))
    rec = json.loads(s["json"])
    assert isinstance(rec["task"]["seed"], str) and rec["file"]["index"] in (1, 2, 3, 4)
    assert s["txt"].decode() == rec["prompt"] and s["png"][:8] == b"\x89PNG\r\n\x1a\n"
'
jq_ok products.jsonl 'length == 3 and all(.task.status == "SUCCESS") and (map(.sku) | sort) == ["S-310","T-100","W-220"]' \
    "template: three products"
jq_ok sweep.jsonl 'length == 24 and all(.task.status == "SUCCESS") and (map(.submit.prompt) | unique | length) == 24
    and (map(.sku) | unique | length) == 3' "catalogue by style: 24 jobs from 3 rows, each prompt once"
jq_ok sweep-plan.json '.[0] | .jobs == 24 and .total == 1.2 and (.dryRun | not)' \
    "... and the plan of what was submitted"
jq_ok rows.jsonl 'map(select(.sku == "J-2"))[0].task.botType == "NIJI_JOURNEY"' "jsonl: per-row botType sent"
jq_ok upscaled.jsonl 'length == 20 and all(.task.action == "UPSCALE" and (.files | length) == 1)' \
    "upscale: four upscales of each of five grids, downloaded"
jq_ok dataset.jsonl 'length == 5 and all((.files | length) == 5 and .files[0].grid and ([.files[1:][].index] == [1,2,3,4]) and (.task.seed | type) == "string")' \
    "split: five grids, each with its four images and its seed"
jq_ok zoomed.jsonl 'length == 1 and .[0].task.action == "ZOOM" and .[0].task.status == "SUCCESS"' "variation, upscale, zoom"
jq_ok referenced.jsonl '.[0].task.status == "SUCCESS"' "image reference"
jq_ok uploaded.jsonl 'length == 20 and all(.task.status == "SUCCESS" and (.task.prompt | startswith("http")))' \
    "upload: twenty tasks, the link in each prompt"
is "$(sim_stats | jq .uploads)" 1 "upload: the reference uploaded once"
jq_ok custom-zoom.jsonl '.[0].task.action == "CUSTOM_ZOOM" and .[0].task.status == "SUCCESS" and .[0].parent.button == "Custom Zoom"' \
    "custom zoom and its modal in one command"
jq_ok remixed.jsonl '.[0].task.prompt == "a harbour at night" and .[0].parent.button == "V2"' "remix with a new prompt"
jq_ok blend.jsonl '.[0].task.action == "BLEND" and .[0].task.status == "SUCCESS"' "blend"
jq_ok video.jsonl '.[0].task.action == "VIDEO" and any(.[0].files[]; .type | startswith("video/"))' "video downloaded"
day=$(date +%F)
ok "cron: the day's archive, records and log" test -s "nightly/$day.tar.gz" -a -s "nightly/$day.jsonl" -a -s "nightly/log/$day.log"
created=$(sim_stats | jq .tasks_created)
images=$(sim_stats | jq '.requests["GET /mj/image"] // 0')
samples/cron.sh samples/prompts.csv nightly/ 2>/dev/null
is "$?" 0 "cron: a rerun succeeds"
is "$(sim_stats | jq .tasks_created)" "$created" "cron: the rerun submits nothing"
is "$(sim_stats | jq '.requests["GET /mj/image"] // 0')" "$images" "cron: ... and downloads nothing"
if command -v parallel >/dev/null; then
	jq_ok scaled/packed.jsonl 'length == 3 and all(.task.status == "SUCCESS" and (.files | length) == 1)' \
	    "scale-out: every row through, merged and packed"
	ok "scale-out: one journal per block" test "$(ls scaled/part-*.journal | wc -l)" -ge 2
	# --sshlogin, with ':' (this machine) standing in for a remote host
	created=$(sim_stats | jq .tasks_created)
	SSHLOGIN=: samples/scale-out.sh samples/prompts.jsonl scaled/ 2 100 > /dev/null 2>&1
	is "$?" 0 "scale-out --sshlogin: runs"
	is "$(sim_stats | jq .tasks_created)" "$created" "scale-out: rerun through --sshlogin, nothing submitted again"
	jq_ok scaled/packed.jsonl 'length == 3 and all(.submit.resumed)' "... every record resumed from its block's journal"
fi
done_testing
