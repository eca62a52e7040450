#!/bin/bash
# mj-wait: records come out as tasks end, each with the full latest task
# and the input's other fields; --keep-order keeps input order instead.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'slow sim:dur=3.4' 'fast sim:dur=0.2' 'mid sim:dur=1.8' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2> err
is "$?" 0 "three tasks waited for"
is "$(jq -r .prompt out | cut -d' ' -f1 | paste -sd,)" "fast,mid,slow" "records come out as tasks end"
jq_ok out 'all(.task.status == "SUCCESS" and (.task.imageUrl | length > 0) and (.task.buttons | length > 0))' \
    "each with the full latest task"
jq_ok out 'all(has("submit"))' "the input's other fields kept"
mj-wait -i 200ms --keep-order < sub.jsonl > out 2>/dev/null
is "$(jq -r .prompt out | cut -d' ' -f1 | paste -sd,)" "slow,fast,mid" "--keep-order: input order"
done_testing
