#!/bin/bash
# mj-submit's cost plan and budget (issue 26): -n ends with the plan on
# stderr, --plan FILE writes it as JSON (for real runs too, counting what
# was submitted), a bad price table is a usage error naming the line,
# --max-cost stops at the right job (money counted exactly: 0.50 at 0.05
# is 10 jobs), and the same command with the budget raised finishes.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start --duration 0.2 --capacity 100 --queue 100
printf '# test prices\nimagine fast 0.05\nupscale * 0.02\n' > prices.txt

# -n: the plan on stderr, and as JSON
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

# a bad table is a usage error naming the line; nothing is sent
n0=$(sim_stats | jq '.requests | add')
printf 'imagine fast 0.05\nimgine relax 0.02\n' > bad.txt
echo 'a cat' | mj-submit --prices bad.txt > out 2> err
is "$?" 2 "a bad price line: status 2"
ok "... naming the file, the line and what is wrong" grep -q "bad.txt:2: unknown kind 'imgine'" err
echo 'a cat' | mj-submit --max-cost 1 > out 2> err
is "$?" 2 "--max-cost without --prices: status 2"
printf 'imagine relax 0.02\n' > relaxprices.txt
echo 'a cat' | mj-submit --prices relaxprices.txt --max-cost 1 > out 2> err
is "$?" 2 "--max-cost when the table has no price for imagine fast: status 2"
ok "... saying which price is missing" grep -q 'no price for imagine fast' err
is "$(sim_stats | jq '.requests | add')" "$n0" "... and nothing was sent"

# --max-cost: 0.50 at 0.05 a job is 10 jobs, not 9; the rest retryable
seq 1 15 | sed 's/^/budget prompt /' > budget.txt
mj-submit -j 4 --prices prices.txt --max-cost 0.50 --journal run.journal \
    --plan run-plan.json budget.txt > out.jsonl 2> err
is "$?" 1 "--max-cost 0.50: status 1, as --max-tasks"
jq_ok out.jsonl 'map(select(.task.id)) | length == 10' "10 jobs of 0.05 submitted"
jq_ok out.jsonl 'map(select(.error)) | length == 5 and all(.error.retryable == true and .error.stage == "submit"
    and (.error.message | test("--max-cost 0.50")))' "the other 5 written out, retryable, naming the budget"
is "$(sim_stats | jq '[.submissions[]] | add')" 10 "the server received 10"
jq_ok run-plan.json '.[0] | (.dryRun | not) and .jobs == 10 and .jobsHeld == 5 and .total == 0.5' \
    "--plan on a real run counts what was submitted"
mj-submit -j 4 --prices prices.txt --max-cost 1.00 --journal run.journal budget.txt > again.jsonl 2> err
is "$?" 0 "the budget raised, the same command: status 0"
jq_ok again.jsonl 'length == 15 and all(.task.id) and (map(select(.submit.resumed)) | length == 10)' \
    "... the 10 resumed, the 5 others submitted"
is "$(sim_stats | jq '[.submissions[]] | add')" 15 "... each prompt submitted once in all"

# follow-ups cost by their kind: U1 is an upscale (0.02)
echo 'a harbour' | mj-submit | mj-wait -i 100ms > done.jsonl 2>/dev/null
mj-submit --action U1,U2,U3,U4 --prices prices.txt --max-cost 0.05 done.jsonl > up.jsonl 2> err
is "$?" 1 "four upscales at 0.02 under 0.05: status 1"
jq_ok up.jsonl 'map(select(.task.id)) | length == 2' "... two sent"
jq_ok up.jsonl 'map(select(.error.retryable)) | length == 2' "... two held back, retryable"
mj-submit -n --action U1,V1 --prices prices.txt done.jsonl > /dev/null 2> err
ok "-n --action: upscale priced" grep -qx 'mj-submit:   upscale fast: 1 job at 0.02 = 0.02' err
ok "... variation without a price" grep -qx 'mj-submit:   variation fast: 1 job, no price in the table' err
done_testing
