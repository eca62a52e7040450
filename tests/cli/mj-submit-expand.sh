#!/bin/bash
# mj-submit expands permutations and --repeat in imagine prompts (issue
# 26): the server receives exactly the expanded prompts, each once; each
# job is its own record, the row's fields as they were plus submit.prompt
# and submit.expand; a row over --max-jobs or malformed is one input
# error; a run killed in the middle of a row's jobs and run again submits
# exactly the jobs it had not.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start --duration 0.2 --capacity 200 --queue 200

# as a new user would try it: -f auto reads these as prompts, not JSON
printf '{red, green} bird\na {b, c} cat\n' | mj-submit -n > out 2> err
is "$?" 0 "-n: two rows of permutations, status 0"
jq_ok out 'map(.submit.body.prompt) == ["red bird", "green bird", "a b cat", "a c cat"]' \
    "-n: four jobs, in order, the first group slowest"
jq_ok out 'map(.submit.expand) == [{"index":1,"of":2},{"index":2,"of":2},{"index":1,"of":2},{"index":2,"of":2}]
    and all(.submit.prompt == .submit.body.prompt)' \
    "-n: each with submit.expand (1-based) and submit.prompt"
jq_ok out 'map(.prompt) == ["{red, green} bird", "{red, green} bird", "a {b, c} cat", "a {b, c} cat"]' \
    "-n: the row's own prompt field as written"

# a real run: every expanded prompt reaches the server once
printf '%s\n' 'sku,prompt,n' 'A-1,"a {red, green} boat --ar {1:1, 3:2}",007' \
    'A-2,"{ink, pastel \, yellow} kite",x' 'A-3,plain ship,' > in.csv
mj-submit -j 4 in.csv > out.jsonl 2> err
is "$?" 0 "a CSV of 3 rows: status 0"
jq_ok out.jsonl 'length == 7 and all(.task.id | length > 0)' "... 7 tasks"
sim_stats > stats.json
want='{"a red boat --ar 1:1":1,"a red boat --ar 3:2":1,"a green boat --ar 1:1":1,"a green boat --ar 3:2":1,"ink kite":1,"pastel, yellow kite":1,"plain ship":1}'
is "$(jq -c '.submissions' stats.json | jq -S -c .)" "$(jq -S -c . <<< "$want")" \
    "the server received exactly the expanded prompts, each once"
jq_ok out.jsonl 'map(select(.sku == "A-1")) | length == 4 and all(.n == "007" and .prompt == "a {red, green} boat --ar {1:1, 3:2}")' \
    "each job's record keeps the row's fields byte for byte"
jq_ok out.jsonl 'map(select(.sku == "A-3"))[0] | (.submit | has("expand") | not) and (.submit | has("prompt") | not)' \
    "a row without braces is written as before"
bad=0
while IFS= read -r rec; do
	id=$(jq -r .task.id <<< "$rec")
	p=$(jq -r '.submit.prompt // .prompt' <<< "$rec")
	[ "$(sim_get "/_sim/task/$id" | jq -r .prompt)" = "$p" ] || bad=$((bad + 1))
done < out.jsonl
is "$bad" 0 "each record's task on the server has the prompt its submit.prompt names"

# --repeat: N jobs of the same prompt, the parameter cut
echo 'a lighthouse --r 3 --ar 2:3' | mj-submit -n > out 2>/dev/null
jq_ok out 'length == 3 and all(.submit.body.prompt == "a lighthouse --ar 2:3") and
    map(.submit.expand.index) == [1,2,3]' "--r 3: three jobs, --r cut from what is sent"

# --no-expand: sent exactly as written
echo 'a {x, y} z --r 2' | mj-submit -n --no-expand > out 2>/dev/null
jq_ok out 'length == 1 and .[0].submit.body.prompt == "a {x, y} z --r 2" and (.[0].submit | has("expand") | not)' \
    "--no-expand sends the prompt as written"

# the cap and malformed rows: one input error each, the rest goes on
printf '%s\n' '{a,b,c,d,e,f,g} {h,i,j,k,l,m,n}' 'a {b, c' 'x {} y' 'fine' |
    mj-submit -n > out 2> err
is "$?" 1 "a row over --max-jobs, unbalanced braces, an empty option: status 1"
jq_ok out 'length == 4 and (.[0].error | .stage == "input" and .line == 1 and
    .message == "the prompt makes 49 jobs, over --max-jobs 40; nothing of it was sent")' \
    "over --max-jobs 40: one input error with the count"
jq_ok out '(.[1].error | .stage == "input" and (.message | test("never closed"))) and
    (.[2].error | .stage == "input" and (.message | test("empty option")))' \
    "unbalanced braces, an empty option: input errors naming what is wrong"
jq_ok out '.[3].submit.body.prompt == "fine"' "... and the next row still goes"
ok "... each said on stderr with its line" grep -q '^mj-submit: line 2: unbalanced braces' err
printf '{a,b,c,d,e,f,g} {h,i,j,k,l,m,n}\n' | mj-submit -n --max-jobs 49 > out 2>/dev/null
jq_ok out 'length == 49' "--max-jobs 49 lets 49 jobs through"
n0=$(sim_stats | jq '.requests | add')
printf '{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}\n' |
    mj-submit > out 2>/dev/null
jq_ok out 'length == 1 and (.[0].error.message | startswith("the prompt makes 1000000 jobs"))' \
    "a row of a million jobs is refused whole"
is "$(sim_stats | jq '.requests | add')" "$n0" "... and nothing of it is sent"

# after --template: the template's {{ }} are the permutation's braces
printf 'item\nboat\n' | mj-submit -n --template 'a {item} in {{ink, oil}}' > out 2>/dev/null
jq_ok out 'map(.submit.body.prompt) == ["a boat in ink", "a boat in oil"]' \
    "--template fills the fields, then the prompt is expanded"

# a job not sent names its place too
echo 'a {x, y, z} boat' | mj-submit --max-tasks 1 > held.jsonl 2>/dev/null
jq_ok held.jsonl 'sort_by(.submit.expand.index) | (.[0].task.id | length > 0) and
    (.[1:] | map(select(.error.retryable)) | map([.submit.expand.index, .submit.prompt])) == [[2, "a y boat"], [3, "a z boat"]]' \
    "--max-tasks 1: the jobs not sent say which they are (submit.expand, submit.prompt)"

# kill -9 in the middle of a row's jobs, then the same command again
printf '%s\n' 'row one {a,b,c,d,e,f,g,h,i,j}' 'row two {a,b,c,d,e,f,g,h,i,j} --r 2' > kill.txt
mj-submit -j 2 --rate 25 --journal kill.journal kill.txt > part.jsonl 2>/dev/null &
pid=$!
wait_until 20 sh -c 'test "$(grep -c "^T " kill.journal 2>/dev/null)" -ge 5'
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
diag "killed after $(grep -c '^T ' kill.journal) tasks"
ok "killed before the end" test "$(grep -c '^T ' kill.journal)" -lt 30
mj-submit -j 4 --journal kill.journal kill.txt > final.jsonl 2> err
is "$?" 0 "the same command again: status 0"
jq_ok final.jsonl 'length == 30 and all(.task.id | length > 0)' "... 30 records, each with its task"
sim_stats > stats.json
is "$(jq '[.submissions | to_entries[] | select(.key | startswith("row one")) | .value] | (length == 10 and all(. == 1))' stats.json)" \
    true "each job of row one submitted exactly once"
is "$(jq '[.submissions | to_entries[] | select(.key | startswith("row two")) | .value] | (length == 10 and all(. == 2))' stats.json)" \
    true "each job of row two (--r 2) submitted exactly twice, once per copy"
is "$(jq -r '[.[].task.id] | unique | length' < <(jq -s . final.jsonl))" 30 "30 different tasks"
done_testing
