#!/bin/bash
# A hostile server: oversized replies, deep JSON, enormous headers, HTML
# where JSON was due, redirects to file:// and to other hosts.  Clear
# errors, bounded memory, no crash, and the key never leaves the API host.
. "$top_srcdir/tests/cli/lib.sh"
"$PYTHON3" "$top_srcdir/tests/cli/hostile.py" --port-file hport --log hostile.log &
_sim_pids="$_sim_pids $!"
wait_until 10 test -s hport || { echo "Bail out! hostile server"; exit 1; }
H=http://127.0.0.1:$(cat hport)
export MJ_API_KEY=sk-hostile-secret-42 MJ_REQUEST_TIMEOUT_MS=5000
have_time=0; [ -x /usr/bin/time ] && have_time=1
# the RSS measured is what mjpipe holds, not the freed blocks a sanitizer
# build keeps in quarantine
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"

for mode in big stream deep headers html tofile; do
	if [ "$have_time" = 1 ]; then
		echo "hostile $mode" | /usr/bin/time -o rss.txt -f %M "$top_builddir/src/mj-submit" --base-url "$H/$mode" > out.jsonl 2> err
		rc=$?
	else
		echo "hostile $mode" | mj-submit --base-url "$H/$mode" > out.jsonl 2> err; rc=$?
	fi
	is "$rc" 1 "submit, $mode: status 1"
	jq_ok out.jsonl 'length == 1 and .[0].error.stage == "submit" and (.[0].error.message | length > 0) and (.[0].task | not)' \
	    "submit, $mode: an error record"
	ok "submit, $mode: a message on stderr" test -s err
	[ "$have_time" = 1 ] && ok "submit, $mode: memory bounded ($(tail -1 rss.txt) KiB)" test "$(tail -1 rss.txt)" -lt 65536
	case $mode in big|stream)
		jq_ok out.jsonl '.[0].error.message | test("reply larger than 16777216 bytes")' \
		    "submit, $mode: the error says the reply was too large"
	esac
done
jq_ok out.jsonl '.[0].error.retryable == false' "a redirected submission is not followed (POST)"

# the task list that settles a lost reply: an object, 100,000-deep
# nesting: unreadable, asked for again a few times, memory bounded
for mode in big deep; do
	if [ "$have_time" = 1 ]; then
		echo "hostile list $mode" | /usr/bin/time -o rss.txt -f %M "$top_builddir/src/mj-submit" \
		    --journal "j.$mode" --base-url "$H/$mode" > out.jsonl 2> err
	else
		echo "hostile list $mode" | mj-submit --journal "j.$mode" --base-url "$H/$mode" > out.jsonl 2> err
	fi
	jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*task list is unreadable"))' \
	    "task list, $mode: the task may exist, and why"
	ok "task list, $mode: asked for more than once" \
	    test "$(grep -c "/$mode/mj/task/list" hostile.log)" -ge 2
	[ "$have_time" = 1 ] && ok "task list, $mode: memory bounded ($(tail -1 rss.txt) KiB)" test "$(tail -1 rss.txt)" -lt 65536
done

# polls: a deep or huge reply is a failed poll, retried, then the timeout
for mode in big deep html; do
	echo '{"task":{"id":"1"}}' | mj-wait --base-url "$H/$mode" -i 100ms --timeout 2s > out.jsonl 2> err
	is "$?" 1 "wait, $mode: status 1"
	jq_ok out.jsonl '.[0].error.stage == "wait" and .[0].error.retryable == true' "wait, $mode: a retryable error, the task kept"
done

# redirects on reads: to file:// refused; to another host without the key
echo '{"task":{"id":"7"}}' | mj-wait --no-list --base-url "$H/tofile" -i 100ms --timeout 2s > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.stage == "wait"' "wait: a redirect to file:// is not followed"
echo '{"task":{"id":"7"}}' | mj-wait --no-list --base-url "$H/toother" -i 100ms --timeout 5s > out.jsonl 2> err
jq_ok out.jsonl '.[0].task.status == "SUCCESS"' "wait: a redirect to another host is followed"
jq_ok out.jsonl '.[0].task.headers | (has("Authorization") or has("authorization")) | not' \
    "... without the key"
ok "the key never reached another host" sh -c "! grep -F 'sk-hostile-secret-42' hostile.log | grep -q '\"host\": \"localhost'"
ok "the key never shows on stderr" sh -c "! grep -rqF 'sk-hostile-secret-42' err"
done_testing
