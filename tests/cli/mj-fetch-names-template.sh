#!/bin/bash
# mj-fetch --name: fields of the record, {n}, literal braces; a field the
# record lacks is an error record; a bad template is a usage error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 3000
echo '{"prompt":"source"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
id=$(jq -r .task.id tasks)
# templates: fields of the record, {n}, literal braces, missing fields
jq -c '. + {sku:"A/1", n:7, ok:true}' tasks > rec
run_prog mj-fetch -d t --name '{sku}-{n}-{ok}-{{x}}-{id}' < rec > out4 2> err
is "$?" 0 "a template with fields"
jq_ok out4 ".[0].files[0].path == \"t/A_1-1-true-{x}-$id.png\"" "{sku} sanitized, {n} is 1, {ok}, {{x}}"
run_prog mj-fetch -d t --name '{missing}' < rec > out5 2> err
is "$?" 1 "a field the record lacks: status 1"
jq_ok out5 '.[0].error.stage == "fetch" and .[0].error.retryable == false and (.[0].error.message | test("missing")) and .[0].files == []' \
    "... an error record naming it"
for bad in '' '{id' '{}'; do
	run_prog mj-fetch --name "$bad" < /dev/null > /dev/null 2> err
	is "$?" 2 "--name '$bad' is a usage error"
done
done_testing
