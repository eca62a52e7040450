#!/bin/bash
# mj-submit --action extend1,extend2 on a finished video of two variants
# (api.md 7b): /mj/submit/video with action "extend", the variant's
# 0-based index, the video's id and prompt; each record names its parent
# and variant; each extend created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
finished_video
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
# this case's own count (when the extend cases shared one simulator:
# one video and four extends over all of them)
is "$(sim_stats | jq -c '[.kinds.video, .kinds.extend]')" "[1,2]" \
    "each created once: the video and its two extends"
sim_stop
done_testing
