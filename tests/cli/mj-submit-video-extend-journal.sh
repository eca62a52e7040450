#!/bin/bash
# mj-submit --journal --action extendN: each variant journaled by its own
# key, so a rerun with another variant added resumes the one sent and
# sends the new one; each extend created once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
finished_video
mj-submit --journal j --action extend2 < video.jsonl > j1.jsonl 2> err
mj-submit --journal j --action extend1,extend2 < video.jsonl > j2.jsonl 2> err
jq_ok j2.jsonl "(sort_by(.parent.button) | map(.submit.resumed)) == [null, true]
    and (map(select(.parent.button == \"extend2\"))[0].task.id ==
    \"$(jq -r .task.id j1.jsonl)\")" \
    "--journal: a rerun resumes extend2 and sends extend1, its own key"
# this case's own count (when the extend cases shared one simulator:
# one video and four extends over all of them)
is "$(sim_stats | jq -c '[.kinds.video, .kinds.extend]')" "[1,2]" \
    "each created once: the video, extend2 and extend1"
sim_stop
done_testing
