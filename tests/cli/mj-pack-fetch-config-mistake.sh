#!/bin/bash
# mj-pack and mj-fetch read the config file too (metrics-dir; mj-fetch
# the API's settings): a --config that does not exist, a setting it does
# not know, a profile with no file: status 2, one message naming the
# file, the line or the profile, nothing read, written or printed.
. "$top_srcdir/tests/cli/lib.sh"
echo '{"task":{"id":"1"},"files":[]}' > recs.jsonl
printf '[default]\nbogus = 1\n' > bad.conf

# mistake WANT PROG ARGS...
mistake() {
	local want=$1
	shift
	run_prog "$@" < recs.jsonl > out 2> err
	is "$?:$(cat err)" "2:$want" "$*${MJ_PROFILE:+ (MJ_PROFILE=$MJ_PROFILE)}: status 2, saying so"
	ok "... nothing printed or written" sh -c 'test ! -s out && test ! -e a.tar -a ! -e d'
}
for p in "mj-pack -o a.tar" "mj-fetch -d d"; do
	prog=${p%% *}
	mistake "$prog: nofile: No such file or directory" $p --config nofile
	mistake "$prog: bad.conf:2: unknown setting 'bogus' (known: api-key-file, auth, base-url, metrics-dir, mode, settle)" \
	    $p --config bad.conf
	MJ_PROFILE=nope mistake "$prog: profile nope: no config file $XDG_CONFIG_HOME/mjpipe/config" $p
done
done_testing
