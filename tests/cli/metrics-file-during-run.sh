#!/bin/bash
# --metrics and MJ_METRICS_DIR: each program of a pipeline writes
# Prometheus' text format, read back (and checked by promtool) while the
# pipeline runs, and whole at the end with the counts of the run, its end
# time and exit status; never a half-written file, no temporary file left;
# a directory that cannot be written is a warning, not a failure.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 2 --jitter 0 --capacity 50
export MJ_METRICS_INTERVAL_MS=200
have_promtool=0
command -v promtool >/dev/null && have_promtool=1
# value FILE SERIES: the value of the series (the name with its labels)
value() { awk -v s="$2" '$1 == s { print $2 }' "$1"; }
promtool_ok() {	# promtool_ok DESC FILE
	if [ "$have_promtool" = 1 ]; then
		ok "$1" sh -c "promtool check metrics < '$2'"
	else
		_result 0 "$1 # SKIP promtool is not installed"
	fi
}

mkdir m
seq 1 5 | sed 's/^/a lighthouse /' > prompts.txt
{ mj-submit --metrics m/submit.prom prompts.txt |
	mj-wait -i 200ms --metrics m/wait.prom |
	mj-fetch -d out --metrics m/fetch.prom |
	mj-pack -o out.tar --metrics m/pack.prom > done.jsonl; } 2> err &
pipeline=$!

ok "mj-wait's file is there while its tasks run" wait_until 10 test -s m/wait.prom
cp m/wait.prom during.prom
ok "... with its start time" grep -q '^mjpipe_start_time_seconds{program="mj-wait"} [0-9.]*$' during.prom
ok "... and no exit status yet" sh -c "! grep -q '^mjpipe_exit_status' during.prom"
promtool_ok "promtool accepts the file read during the run" during.prom
ok "mj-submit's counts are in before the pipeline ends" wait_until 10 sh -c \
    "grep -qx 'mjpipe_submissions_total{program=\"mj-submit\",code=\"1\"} 5' m/submit.prom"
ok "the pipeline ends" wait_until 60 sh -c "! kill -0 $pipeline 2>/dev/null"
wait "$pipeline"
is "$?:$(cat err)" "0:" "... and succeeds, quietly"

for p in submit wait fetch pack; do
	f=m/$p.prom
	promtool_ok "promtool accepts mj-$p's final file" "$f"
	is "$(value "$f" "mjpipe_exit_status{program=\"mj-$p\"}")" 0 "mj-$p: the exit status"
	ok "mj-$p: the end time" grep -q '^mjpipe_end_time_seconds{program="mj-'$p'"} [0-9.]*$' "$f"
	is "$(value "$f" "mjpipe_records_out_total{program=\"mj-$p\",outcome=\"ok\"}")" 5 "mj-$p: five records out"
done
is "$(value m/submit.prom 'mjpipe_records_in_total{program="mj-submit",outcome="ok"}')" 5 "mj-submit: five records in"
is "$(value m/wait.prom 'mjpipe_tasks_total{program="mj-wait",status="SUCCESS"}')" 5 "mj-wait: five tasks ended in SUCCESS"
bytes=$(jq -s 'map(.files[].bytes) | add' done.jsonl)
is "$(value m/fetch.prom 'mjpipe_downloaded_bytes_total{program="mj-fetch"}')" "$bytes" "mj-fetch: the bytes of the files it wrote"
is "$(ls m | grep -vc '\.prom$')" 0 "no temporary file left"
mj-fetch -d out --metrics m/again.prom < done.jsonl > /dev/null 2>&1
is "$(value m/again.prom 'mjpipe_downloaded_bytes_total{program="mj-fetch"}')" 0 \
    "mj-fetch again: the files are there, no byte downloaded"
is "$(value m/again.prom 'mjpipe_retries_total{program="mj-fetch"}')" 0 "... and no retry"

# polls that fail at first are sent again, and counted
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"503","first":2}]}' >/dev/null
jq -c '{task}' done.jsonl | mj-wait -i 100ms --metrics m/retry.prom > /dev/null 2>&1
is "$?" 0 "mj-wait through two failed polls"
ok "mj-wait: the polls sent again are counted" test \
    "$(value m/retry.prom 'mjpipe_retries_total{program="mj-wait"}')" -ge 2
sim_post /_sim/faults '{"faults":[]}' >/dev/null

# MJ_METRICS_DIR: a file per program, named after it
printf '{"bad json\n' | MJ_METRICS_DIR=dir mj-pack -q -o x.tar > /dev/null 2>&1
ok "MJ_METRICS_DIR: the file is not written where the directory is missing" test ! -e dir
mkdir dir
printf '{"bad json\n' | MJ_METRICS_DIR=dir mj-pack -q -o x.tar > /dev/null 2> err
is "$?" 1 "an input error: status 1"
is "$(value dir/mj-pack.prom 'mjpipe_records_in_total{program="mj-pack",outcome="error"}')" 1 \
    "MJ_METRICS_DIR: mj-pack.prom counts the input error"
is "$(value dir/mj-pack.prom 'mjpipe_exit_status{program="mj-pack"}')" 1 "... and the exit status 1"
echo '{"x":1}' | mj-pack -o y.tar --metrics nodir/m.prom > /dev/null 2> err
is "$?" 0 "a metrics file that cannot be written does not fail the run"
ok "... it is a warning naming the file" grep -q '^mj-pack: warning: metrics: nodir/m.prom: No such file or directory$' err
done_testing
