#!/bin/bash
# Every program: an input error record that an earlier program made, read
# at the line number it names, is passed on; it is not this program's
# unreadable line (not named on stderr, status 0).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10
rec='{"error":{"stage":"input","line":1,"message":"x","retryable":false},"input":"y"}'
for p in mj-submit mj-wait mj-fetch mj-pack; do
	case $p in
	mj-fetch) args=(-d "out/$p") ;;
	mj-pack) args=(-o "out/$p.tar") ;;
	*) args=() ;;
	esac
	mkdir -p out
	printf '%s\n' "$rec" | run_prog "$p" "${args[@]}" > "out/$p.jsonl" \
	    2> "out/$p.err"
	is "$?" 0 "$p: an earlier program's input error: status 0"
	jq_ok "out/$p.jsonl" 'length == 1 and .[0].error.message == "x" and
	    .[0].input == "y"' "... passed on"
	ok "... not named as its own" test ! -s "out/$p.err"
done
done_testing
