#!/bin/bash
# A daily batch for cron, safe to rerun:
#
#	# m h dom mon dow  command
#	15 2 * * *  MAILTO=ops@example.com /usr/local/share/mjpipe/cron.sh /srv/mj/prompts.csv /srv/mj
#
# - one run at a time: flock on OUTDIR/.lock (a run still going makes the
#   next one exit at once, quietly);
# - the journal OUTDIR/DAY.journal: rerunning after a crash, a kill or a
#   failure submits nothing twice and finishes the job; files already
#   downloaded are not fetched again;
# - --max-tasks: a budget guard (MAX_TASKS, 500 by default);
# - logs: the programs' stderr is appended to OUTDIR/log/DAY.log;
# - mail on failure: the log's tail goes to MAILTO when a program failed.
# - metrics: with MJ_METRICS_DIR set (node_exporter's textfile directory),
#   each program writes PROG.prom there, every 15 s and at its end.
# Settings come from the config file (~/.config/mjpipe/config, a profile
# with MJ_PROFILE), the environment, or MJPIPE_ENV (a file like
# samples/mjpipe.env).
set -u
usage="usage: cron.sh PROMPTS.csv OUTDIR"
in=${1:?$usage}
out=${2:?$usage}
day=${MJ_DAY:-$(date +%F)}
env_file=${MJPIPE_ENV:-$HOME/.config/mjpipe/env}
# shellcheck disable=SC1090
[ -r "$env_file" ] && . "$env_file"

mkdir -p "$out/log" "$out/$day" || exit 1
if [ -n "${MJ_METRICS_DIR:-}" ]; then
	mkdir -p "$MJ_METRICS_DIR" || exit 1
fi
exec 9>"$out/.lock"
flock -n 9 || exit 0
log=$out/log/$day.log
echo "== $(date -u +%FT%TZ) run on $in" >> "$log"

mj-submit -q --journal "$out/$day.journal" --max-tasks "${MAX_TASKS:-500}" \
    < "$in" 2>>"$log" |
    mj-wait -q 2>>"$log" |
    mj-fetch -q -d "$out/$day" 2>>"$log" |
    mj-pack -q --gallery -o "$out/$day.tar.gz" > "$out/$day.jsonl" 2>>"$log"
status=("${PIPESTATUS[@]}")

worst=0
for s in "${status[@]}"; do
	[ "$s" -gt "$worst" ] && worst=$s
done
echo "== $(date -u +%FT%TZ) statuses ${status[*]}:" \
    "$(jq -s 'map(select(.error)) | length' "$out/$day.jsonl") records with errors" >> "$log"
if [ "$worst" -ne 0 ] && [ -n "${MAILTO:-}" ] && command -v mail >/dev/null; then
	tail -n 50 "$log" | mail -s "mjpipe $day: status ${status[*]}" "$MAILTO"
fi
exit "$worst"
