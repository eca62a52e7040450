#!/bin/bash
# mj-fetch names: templates with record fields, {id} and {n}; hostile ids
# and fields cannot leave DIR, hide a file or pass control characters;
# records that would share a name get distinct ones, the same on a rerun.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

sim_start --duration 0.2 --jitter 0 --image-bytes 3000
echo '{"prompt":"source"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
case $url in http://*) ok "an image URL to name" true ;; *) ok "an image URL to name" false ;; esac
mkdir -p top/out

# hostile ids: each line of the table is an id and the name it must get
# (a\b comes after a/b: the same name, so it gets -2)
while IFS='	' read -r id want; do
	jq -cn --arg id "$id" --arg u "$url" '{task:{id:$id,status:"SUCCESS",imageUrl:$u}}'
	printf '%s ' "$want" >> wanted
done > hostile <<'TABLE'
../../x	_._.._x.png
a/b	a_b.png
..	__.png
.hidden	_hidden.png
a\b	a_b-2.png
CON	CON_.png
TABLE
jq -cn --arg u "$url" '{task:{id:"tab\tx",status:"SUCCESS",imageUrl:$u}}' >> hostile
printf '%s ' tab_x.png >> wanted
jq -cn --arg u "$url" '{task:{id:"ctl\u0001\u001b[31m",status:"SUCCESS",imageUrl:$u}}' >> hostile
printf '%s ' 'ctl__[31m.png' >> wanted
long=$(printf 'L%.0s' $(seq 1 300))
jq -cn --arg id "$long" --arg u "$url" '{task:{id:$id,status:"SUCCESS",imageUrl:$u}}' >> hostile
(cd top && run_prog mj-fetch -d out < ../hostile > ../out1 2> ../err)
is "$?" 0 "hostile ids: status 0"
jq_ok out1 'length == 9 and all(.files | length == 1)' "every hostile record got its file"
is "$(find top -type f | grep -v '^top/out/[^/]*$' | wc -l)" 0 "no file outside DIR"
is "$(ls -A top/out | grep -c '^\.')" 0 "no hidden file"
is "$(ls top/out | LC_ALL=C grep -c '[[:cntrl:]]')" 0 "no control character in a name"
is "$(ls top/out | awk 'length($0) > 210' | wc -l)" 0 "no overlong name"
jq_ok out1 'map(select(.task.id | length == 300))[0].files[0].path | length == 4 + 200 + 4' "a 300-byte id is cut to 200 bytes"
# records leave in completion order: compare id -> name pairs
got=$(jq -sc 'map(select(.task.id | length < 200) | [.task.id, (.files[0].path | ltrimstr("out/"))]) | sort' out1)
want=$(jq -sc --arg w "$(cat wanted)" '[.[0:8], ($w | split(" ") | map(select(. != "")))] | transpose | map([.[0].task.id, .[1]]) | sort' hostile)
is "$got" "$want" "each id gets its sanitized name"
jq_ok out1 'map(.files[0].path) | unique | length == 9' "nine distinct files"
jq_ok out1 'map(.files[0].sha256) | unique | length == 1' "... all the same image"

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
# a name held by a directory is left alone
mkdir -p blk/"$id".png
run_prog mj-fetch -d blk < tasks > out6 2> err
is "$?" 0 "a directory in the way: status 0"
jq_ok out6 ".[0].files[0].path == \"blk/$id-2.png\"" "... the file takes the next name"
ok "... and the directory is untouched" test -d blk/"$id".png
done_testing
