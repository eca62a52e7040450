#!/bin/bash
# mj-fetch against failing servers: 500, 429, resets and truncated bodies
# are retried until the right bytes arrive; a wrong Content-Type, a 404, a
# file over --max-filesize and a server that keeps failing are error
# records that keep the files that did arrive, with no file left behind.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
    --retry-after 1
echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
curl -s "$url" > served.png
want=$(sha256sum < served.png | cut -d' ' -f1)
images() { sim_stats | jq '.requests["GET /mj/image"]'; }

# each transient fault twice before the reply: retried, right bytes
while read -r kind; do
	sim_post /_sim/faults "{\"faults\":[{\"class\":\"image\",\"kind\":\"$kind\",\"first\":2}]}" >/dev/null
	rm -rf out
	run_prog mj-fetch -d out < tasks > out.$kind 2> err
	is "$?" 0 "$kind twice: status 0"
	jq_ok out.$kind ".[0].files[0].sha256 == \"$want\" and .[0].files[0].bytes == 200000 and (.[0] | has(\"error\") | not)" \
	    "$kind: the served bytes, hashed"
	is "$(sha256sum < "$(jq -r .files[0].path out.$kind)" | cut -d' ' -f1)" "$want" "$kind: the file on disk"
	is "$(sim_stats | jq ".faults[\"image:$kind\"]")" 2 "$kind: both faults served, then retried"
	is "$(find out -name '*.part' | wc -l)" 0 "$kind: no .part left"
done <<'KINDS'
500
503
429
reset
truncated
KINDS

# a wrong Content-Type: not retried, no file
sim_post /_sim/faults '{"faults":[{"class":"image","kind":"wrongtype","first":1}]}' >/dev/null
rm -rf out
run_prog mj-fetch -d out < tasks > out.wt 2> err
is "$?" 1 "a wrong Content-Type: status 1"
jq_ok out.wt '.[0].error | .stage == "fetch" and .retryable == false and (.message | test("not an image or video \\(Content-Type text/html"))' \
    "... an error record saying so"
jq_ok out.wt '.[0].files == []' "... and no files"
is "$(find out -type f | wc -l)" 0 "... and no file written"
ok "... stderr names the line" grep -q '^mj-fetch: line 1: .*not an image or video' err

# one good URL and one 404: the good file is kept, the error says 404
jq -c --arg u "$url" '.task.imageUrls = [$u + "-nosuch"]' tasks > mixed
rm -rf out
run_prog mj-fetch -d out < mixed > out.mx 2> err
is "$?" 1 "a 404 among good files: status 1"
jq_ok out.mx ".[0].files | length == 1 and .[0].sha256 == \"$want\"" "the good file is in files"
jq_ok out.mx '.[0].error | .http == 404 and .retryable == false and .stage == "fetch" and (.message | test("-nosuch: HTTP 404"))' \
    "the error: http 404, not retryable"
is "$(ls out | wc -l)" 1 "one file on disk"

# --max-filesize: refused, not retried
rm -rf out
before=$(images)
run_prog mj-fetch -d out --max-filesize 100k < tasks > out.big 2> err
is "$?" 1 "--max-filesize: status 1"
jq_ok out.big '.[0].error.retryable == false and .[0].files == []' "... a final error"
is "$(( $(images) - before ))" 1 "... after one request"
is "$(find out -type f | wc -l)" 0 "... and no file"
run_prog mj-fetch -d out --max-filesize 1M < tasks > out.ok 2> err
is "$?" 0 "--max-filesize above the size: fetched"

# a server that keeps failing: bounded retries, a retryable error
sim_post /_sim/faults '{"faults":[{"class":"image","kind":"500","rate":1.0}]}' >/dev/null
rm -rf out
run_prog mj-fetch -d out < tasks > out.500 2> err
is "$?" 1 "500 every time: status 1"
jq_ok out.500 '.[0].error | .http == 500 and .retryable == true and .stage == "fetch"' "... a retryable error with http 500"
is "$(sim_stats | jq '.faults["image:500"]')" 8 "... after six attempts (2 before)"
is "$(find out -type f | wc -l)" 0 "... and no file"
sim_post /_sim/faults '{"faults":[]}' >/dev/null

done_testing
