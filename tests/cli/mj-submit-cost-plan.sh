#!/bin/bash
# mj-submit's cost plan (issue 26): -n ends with the plan on stderr (rows
# read and refused, jobs by kind and mode, priced, the total), --plan
# FILE writes it as JSON with the money exact; without --prices the jobs
# without money; -q no plan.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 100 --queue 100
printf '# test prices\nimagine fast 0.05\nupscale * 0.02\n' > prices.txt

printf '%s\n' 'a {red, green} bird --ar {1:1, 3:2}' 'a {b, c' 'one ship' > in.txt
mj-submit -n --prices prices.txt --plan plan.json in.txt > out 2> err
is "$?" 1 "-n with a malformed row: status 1"
ok "-n ends with the plan: rows read, refused, jobs" grep -qx 'mj-submit: plan: 3 rows read, 1 refused; 5 jobs' err
ok "... jobs by kind and mode, priced" grep -qx 'mj-submit:   imagine fast: 5 jobs at 0.05 = 0.25' err
ok "... and the total" grep -qx 'mj-submit: total: 0.25' err
jq_ok plan.json '.[0] | .dryRun and .rows == 3 and .rowsRefused == 1 and .jobs == 5 and .total == 0.25
    and .byKind == [{"kind":"imagine","mode":"fast","jobs":5,"price":0.05,"cost":0.25}]' \
    "--plan FILE: the same plan as one JSON object"
ok "... written exactly: 0.25, not 0.25000000000000006" grep -q '"total":0.25,' plan.json
mj-submit -n --mode relax in.txt > /dev/null 2> err
ok "without --prices: jobs by kind and mode, no money" grep -qx 'mj-submit:   imagine relax: 5 jobs' err
ok "... and no total" sh -c '! grep -q total err'
mj-submit -q -n in.txt > /dev/null 2> err
ok "-q: no plan" sh -c '! grep -q plan err'
sim_stop
done_testing
