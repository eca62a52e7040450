#!/bin/bash
# mj-fetch: 500, 503, 429, a reset and a truncated body, each twice before
# the reply, are retried until the right bytes arrive; no .part is left.
# Each kind on a simulator of its own.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

for kind in 500 503 429 reset truncated; do
	sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 200000 \
	    --retry-after 1
	echo '{"prompt":"faulty"}' | mj-submit | mj-wait -i 200ms > tasks
	url=$(jq -r .task.imageUrl tasks)
	curl -s "$url" > served.png
	want=$(sha256sum < served.png | cut -d' ' -f1)
	sim_post /_sim/faults "{\"faults\":[{\"class\":\"image\",\"kind\":\"$kind\",\"first\":2}]}" >/dev/null
	run_prog mj-fetch -d out < tasks > out.$kind 2> err
	is "$?" 0 "$kind twice: status 0"
	jq_ok out.$kind ".[0].files[0].sha256 == \"$want\" and .[0].files[0].bytes == 200000 and (.[0] | has(\"error\") | not)" \
	    "$kind: the served bytes, hashed"
	is "$(sha256sum < "$(jq -r .files[0].path out.$kind)" | cut -d' ' -f1)" "$want" "$kind: the file on disk"
	is "$(sim_stats | jq ".faults[\"image:$kind\"]")" 2 "$kind: both faults served, then retried"
	is "$(find out -name '*.part' | wc -l)" 0 "$kind: no .part left"
	sim_stop
	rm -rf out
done
done_testing
