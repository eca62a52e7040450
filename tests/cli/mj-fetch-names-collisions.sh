#!/bin/bash
# mj-fetch: the same task twice gets two names ({id}, {id}-2); a rerun
# gives the same names and files with no request.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 3000
echo '{"prompt":"source"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
# collisions: the same task twice gets two files; a rerun the same names
jq -c . tasks tasks > twice
run_prog mj-fetch -d dup < twice > out2 2> err
is "$?" 0 "the same task twice: status 0"
id=$(jq -r .task.id tasks)
jq_ok out2 "(map(.files[0].path) | sort) == ([\"dup/$id.png\", \"dup/$id-2.png\"] | sort)" "two records, two names: {id} and {id}-2"
is "$(ls dup | wc -l)" 2 "two files"
before=$(sim_stats | jq '.requests["GET /mj/image"]')
run_prog mj-fetch -d dup < twice > out3 2> err
sort out2 > out2.sorted
sort out3 > out3.sorted
ok "a rerun gives the same names and files" cmp -s out2.sorted out3.sorted
is "$(sim_stats | jq '.requests["GET /mj/image"]')" "$before" "... with no request"
done_testing
