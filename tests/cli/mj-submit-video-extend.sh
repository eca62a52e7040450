#!/bin/bash
# mj-submit --action extend1..extend4 on a finished video (api.md 7b):
# /mj/submit/video with action "extend", the variant's 0-based index, the
# video's id and prompt; each created once, journaled by its variant; an
# image task or a variant the video lacks is an error record, unsent.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route
first=http://img.example/first.png
request() { sim_get "/_sim/task/$1" | jq -c .request; }
created() { sim_stats | jq -r '.tasks_created'; }

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
# extend a finished video: each variant by its 1-based number
echo 'waves' | mj-submit --video --image "$first" --batch-size 2 |
    mj-wait -i 200ms > video.jsonl 2> err
jq_ok video.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.videoUrls | length) == 2' \
    "a finished video, two variants"
vid=$(jq -r .task.id video.jsonl)
vprompt=$(jq -r .task.prompt video.jsonl)
mj-submit --action extend1,extend2 < video.jsonl > ext.jsonl 2> err
is "$?" 0 "--action extend1,extend2"
jq_ok ext.jsonl "length == 2 and all(.submit.endpoint == \"/mj/submit/video\")
    and (map(.parent.button) == [\"extend1\", \"extend2\"])
    and all(.parent.id == \"$vid\")" \
    "... two records, each naming its parent and variant"
for i in 0 1; do
	e=$(jq -r ".task.id" ext.jsonl | sed -n "$((i + 1))p")
	is "$(request "$e" | jq -S -c .)" "$(jq -S -cn --arg t "$vid" --arg p "$vprompt" \
	    --argjson i "$i" '{action: "extend", index: $i, taskId: $t, prompt: $p}')" \
	    "extend$((i + 1)): action extend, index $i, the parent's id and prompt"
	is "$(sim_get "/_sim/task/$e" | jq -r .parentId)" "$vid" "... an extend of it"
done
n=$(created)
mj-submit --action extend3 < video.jsonl > out 2> err
is "$?" 1 "extend3 of a video of two: status 1"
jq_ok out '.[0].error.message | test("2")' "... an error record saying how many it has"
echo 'a grid' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action extend1 < grid.jsonl > out 2> err
is "$?" 1 "extend1 of an image task: status 1"
jq_ok out '.[0].error.message | test("video")' "... an error record: not a video"
is "$(created)" "$(( n + 1 ))" "... neither was sent (only the grid was made)"
mj-submit --journal j --action extend2 < video.jsonl > j1.jsonl 2> err
mj-submit --journal j --action extend1,extend2 < video.jsonl > j2.jsonl 2> err
jq_ok j2.jsonl "(sort_by(.parent.button) | map(.submit.resumed)) == [null, true]
    and (map(select(.parent.button == \"extend2\"))[0].task.id ==
    \"$(jq -r .task.id j1.jsonl)\")" \
    "--journal: a rerun resumes extend2 and sends extend1, its own key"
mj-submit --action extend5 < video.jsonl > out 2> err
is "$?" 2 "extend5: a usage error"

is "$(sim_stats | jq -c '[.submissions["a grid"], .kinds.video, .kinds.extend]')" \
    "[1,1,4]" "each created once: one video and four extends in all"
sim_stop
done_testing
