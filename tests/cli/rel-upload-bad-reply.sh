#!/bin/bash
# mj-submit --upload: the upload answered with a refusal (code 4), with a
# link too few, or with a link that is not http(s): nothing is submitted,
# every record retryable saying why, one message, status 1, no link
# journaled.
. "$top_srcdir/tests/cli/lib.sh"
{ printf '\211PNG\r\n\032\n'; head -c 3000 /dev/urandom; } > ref.png
imagines() {
	sim_stats | jq '[.requests | to_entries[] |
	    select(.key | startswith("POST /mj/submit/imagine")) | .value] |
	    add // 0'
}

for mode in refused short not-link; do
	case $mode in
	refused) why="upload refused" ;;
	short) why="not the links asked for in the reply" ;;
	not-link) why="a reply that is not a link" ;;
	esac
	why="/mj/submit/upload-discord-images: $why"
	sim_start --duration 0.2 --upload-reply "$mode"
	seq 1 3 | sed 's/^/bad reply /' | mj-submit --upload --image ref.png \
	    --journal "$mode.journal" > "$mode.jsonl" 2> "$mode.err"
	is "$?" 1 "$mode: status 1"
	is "$(cat "$mode.err")" "mj-submit: $why; nothing is submitted: run \
the same command again once the upload works" "... one message saying why"
	jq_ok "$mode.jsonl" "length == 3 and all(.error.retryable == true and
	    .error.message == \"not submitted: $why\")" \
	    "... every record not submitted, retryable"
	is "$(imagines)" 0 "... no prompt sent"
	is "$(grep -c '^U ' "$mode.journal")" 0 "... no link journaled"
	sim_stop
done
done_testing
