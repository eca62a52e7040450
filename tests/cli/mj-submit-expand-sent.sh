#!/bin/bash
# mj-submit sends each expanded prompt once (issue 26): the server
# receives exactly the expanded prompts, each once; each job is its own
# record with the row's fields byte for byte; a row without braces is
# written as before; each record's task holds the prompt it names.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start --duration 0.2 --capacity 200 --queue 200

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
sim_stop
done_testing
