#!/bin/bash
# libcurl refuses an option of a download's handle, swept over every
# option, one run each: nothing is requested, no file is left, the
# record a retryable error naming the option, one message, status 1;
# the same command without the fault downloads the file.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
# a download: its buffer, HTTP/1.1, --max-filesize's limit
want="$(echo $ALL_OPTIONS) BUFFERSIZE HTTP_VERSION MAXFILESIZE_LARGE \
DEBUGFUNCTION VERBOSE"
msg="An unknown option was passed in to libcurl"

images() {
	sim_stats | jq '[.requests | to_entries[] |
	    select(.key | startswith("GET /mj/image")) | .value] | add // 0'
}

echo "fetched p" | mj-submit | mj-wait -i 100ms > done.jsonl
url=$(jq -r .task.imageUrl done.jsonl)
seen= bad=
for n in $(seq 1 40); do
	: > failcurl.log
	before=$(images)
	failing "setopt:$n" mj-fetch -vv --max-filesize 10M -d "d$n" \
	    done.jsonl > "out$n.jsonl" 2> "err$n"
	st=$?
	name=$(failed_option)
	seen="$seen${seen:+ }$name"
	m="$url: libcurl: cannot set CURLOPT_$name: $msg"
	[ "$st" = 1 ] || bad="$bad $n:status=$st"
	jq -e -s --arg m "$m" 'length == 1 and .[0].error.message == $m and
	    .[0].error.retryable == true and .[0].files == []' \
	    "out$n.jsonl" > /dev/null || bad="$bad $n:record"
	[ "$(grep -c "^mj-fetch: line 1: $m\$" "err$n")" = 1 ] ||
	    bad="$bad $n:message"
	[ "$(images)" = "$before" ] || bad="$bad $n:requested"
	[ -z "$(ls -A "d$n" 2> /dev/null)" ] || bad="$bad $n:left"
	mj-fetch -d "d$n" done.jsonl > "re$n.jsonl" 2> "reerr$n" ||
	    bad="$bad $n:rerun"
	jq -e -s '.[0].files | length == 1' "re$n.jsonl" > /dev/null ||
	    bad="$bad $n:rerun-file"
	[ "$name" = VERBOSE ] && break
done
is "$seen" "$want" "each option of a download refused in turn"
is "$bad" "" "... each: nothing requested, no file, a retryable record \
naming it, one message, status 1; the rerun downloads it"
done_testing
