#!/bin/bash
# mj-submit --prices and --max-cost know issue 25's kinds: --edit is an
# edit, --retexture a retexture, --video a video however many its
# --batch-size makes (one task, one request), and --action extend1..4 an
# extend, not a video.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
printf 'video * 0.40\nextend * 0.30\nedit * 0.10\nretexture fast 0.12\n' \
    > prices.txt
img=http://img.example/a.png
plan() {	# plan ARGS...: the -n plan's kind lines
	mj-submit -n --prices prices.txt "$@" 2>&1 >/dev/null |
	    grep '^mj-submit:   '
}
is "$(echo x | plan --edit --image $img)" \
    'mj-submit:   edit fast: 1 job at 0.10 = 0.10' "--edit: an edit"
is "$(echo x | plan --retexture --image $img)" \
    'mj-submit:   retexture fast: 1 job at 0.12 = 0.12' \
    "--retexture: a retexture"
is "$(printf '%s\n' a b | plan --video --image $img --batch-size 4 --hd)" \
    'mj-submit:   video fast: 2 jobs at 0.40 = 0.80' \
    "--video --batch-size 4: one video a row"

echo 'waves' | mj-submit --video --image $img --batch-size 2 |
    mj-wait -i 100ms > video.jsonl 2> /dev/null
jq_ok video.jsonl '.[0].task.status == "SUCCESS"' "a finished video of two"
is "$(plan --action extend1,extend2 < video.jsonl)" \
    'mj-submit:   extend fast: 2 jobs at 0.30 = 0.60' \
    "--action extend1,extend2: two extends"
mj-submit --action extend1,extend2 --prices prices.txt --max-cost 0.35 \
    --plan plan.json < video.jsonl > out 2> err
is "$?" 1 "--max-cost 0.35: one extend of 0.30 sent, the other held"
jq_ok out 'length == 2 and (map(select(.task.id)) | length) == 1 and
    (map(select(.error.retryable)) | length) == 1' \
    "... one submitted, one written out retryable"
jq_ok plan.json '.[0].byKind == [{"kind": "extend", "mode": "fast",
    "jobs": 1, "price": 0.3, "cost": 0.3}]' "... --plan counts one extend"
is "$(sim_stats | jq .kinds.extend)" 1 "... the server made one"
done_testing
