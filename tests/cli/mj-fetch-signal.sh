#!/bin/bash
# mj-fetch interrupted: SIGTERM and SIGINT cancel the transfers, remove
# their .part files and write every held record with the files it has and
# a retryable "interrupted" error (143, 130); a closed stdout stops it
# quietly with status 1.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

sim_start --duration 0.2 --jitter 0 --capacity 10 --slow-ms 20000
printf '%s\n' '{"prompt":"p1"}' '{"prompt":"p2"}' '{"prompt":"p3"}' | mj-submit | mj-wait -i 200ms > tasks
jq_ok tasks 'length == 3 and all(.task.status == "SUCCESS")' "three finished tasks"
u1=$(jq -r -s '.[0].task.imageUrl' tasks)
u2=$(jq -r -s '.[1].task.imageUrl' tasks)
u3=$(jq -r -s '.[2].task.imageUrl' tasks)
# one file already there; then every request hangs
jq -cn --arg u "$u1" '{k:"done",task:{id:"A",status:"SUCCESS",imageUrl:$u}}' > first
run_prog mj-fetch -d out --name '{id}-{n}' < first > /dev/null 2> err
is "$?" 0 "A-1 fetched beforehand"
sim_post /_sim/faults '{"faults":[{"class":"image","kind":"slow","rate":1.0}]}' >/dev/null
{
	jq -cn --arg u "$u1" --arg v "$u2" '{k:"half",task:{id:"A",status:"SUCCESS",imageUrl:$u,imageUrls:[$v]}}'
	jq -cn --arg u "$u3" '{k:"none",task:{id:"B",status:"SUCCESS",imageUrl:$u}}'
	echo '{"k":"pass"}'
} > held

for sig in TERM INT; do
	"$top_builddir/src/mj-fetch" -d out --name "{id}-{n}" < held > out.$sig 2> err &
	pid=$!
	wait_until 10 test -e out/A-2.part -a -e out/B-1.part
	is "$?" 0 "$sig: transfers under way (.part files there)"
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	[ "$sig" = TERM ] && want=143 || want=130
	is "$rc" "$want" "$sig: status $want"
	jq_ok out.$sig 'length == 3 and (map(.k) | sort) == ["half","none","pass"]' "$sig: every record written"
	jq_ok out.$sig 'map(select(.k != "pass")) | all(.error | del(.line) == {"stage":"fetch","message":"interrupted","retryable":true})' \
	    "$sig: held records get the interrupted error"
	jq_ok out.$sig 'map(select(.k == "half"))[0].files | length == 1 and .[0].path == "out/A-1.png"' \
	    "$sig: the file that was there is kept in files"
	jq_ok out.$sig 'map(select(.k == "none"))[0].files == []' "$sig: no file for the cancelled one"
	is "$(find out -name '*.part' | wc -l)" 0 "$sig: .part files removed"
	is "$(ls out)" "A-1.png" "$sig: no other file"
	is "$(cat err)" "" "$sig: nothing on stderr"
done

# a bounded number of records in flight: with -j 2 and hanging transfers,
# 2 transfers run, at most 6 records are held (3 x jobs: downloading,
# waiting to start, waiting for syncs) and the input is left unread behind them
jq -cn --arg u "$u3" '{task:{id:"C",status:"SUCCESS",imageUrl:$u}}' > one
yes "$(cat one)" | head -n 3000 > big
{ cat big; echo end > wrote; } |
    "$top_builddir/src/mj-fetch" -j 2 -d hold > out.held 2> err &
pid=$!
wait_until 10 test -e hold/C-2.part
is "$?" 0 "-j 2: two transfers under way"
sleep 1
ok "... the input is not read to the end meanwhile" test ! -e wrote
is "$(ls hold | wc -l)" 2 "... and no third transfer started"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "... until interrupted"
jq_ok out.held 'length == 6 and all(.error.message == "interrupted")' "... which writes the six held records"

# stdout closed early: quiet, status 1
seq 1 20000 | sed 's/.*/{"n":&}/' > many
run_prog mj-fetch -d out < many 2> err | head -n 1 > first.out
is "${PIPESTATUS[0]}" 1 "a closed stdout: status 1"
is "$(cat first.out)" '{"n":1}' "... after what the reader took"
is "$(cat err)" "" "... and no message"
done_testing
