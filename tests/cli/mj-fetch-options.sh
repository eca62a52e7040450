#!/bin/bash
# mj-fetch's option values that cannot work are usage errors: status 2,
# one message and the pointer to --help, nothing read or written.
. "$top_srcdir/tests/cli/lib.sh"
echo '{"prompt":"p","task":{"id":"1","status":"SUCCESS","imageUrl":"http://127.0.0.1:9/x.png"}}' > recs.jsonl

# usage WANT ARGS...
usage() {
	local want=$1
	shift
	run_prog mj-fetch "$@" < recs.jsonl > out 2> err
	is "$?" 2 "$* : a usage error"
	is "$(head -1 err)" "mj-fetch: $want" "... saying so"
	ok "... then where to look" grep -qx "mj-fetch: try 'mj-fetch --help' for more information" err
	ok "... nothing printed, no directory made" test ! -s out -a ! -e d
}
usage "-d: an empty directory name" -d ''
usage "--max-filesize: must be from 1 to 9223372036854775807 bytes: 0" \
    -d d --max-filesize 0
# 2^63: a size, but more than a file offset holds (it said "more than 0")
usage "--max-filesize: must be from 1 to 9223372036854775807 bytes: 9223372036854775808" \
    -d d --max-filesize 9223372036854775808
done_testing
