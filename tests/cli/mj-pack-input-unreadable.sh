#!/bin/bash
# An operand that cannot be read (a directory: read(2) fails with
# EISDIR) is reported once and skipped, as cat(1) does, and the next
# operand is read: mj-pack and mj-fetch, status 1.  (They used to report
# it again and again, forever.)  Blank and CR-only lines are skipped.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
TEST_TIMEOUT=60

mkdir adir
head -c 1000 /dev/urandom > one.bin
{
	printf '\r\n\n'
	echo '{"task":{"id":"1","status":"SUCCESS"},"files":[{"path":"one.bin"}]}'
	printf '\r\n'
} > recs.jsonl

timeout 20 "$top_builddir/src/mj-pack" -o a.tar adir recs.jsonl > out.jsonl 2> err
is "$?" 1 "mj-pack: a directory operand: status 1, and it ends"
is "$(cat err)" "mj-pack: adir: Is a directory" "... one message naming it"
jq_ok out.jsonl 'length == 1 and .[0].archive.members == ["one.bin"] and (.[0] | has("error") | not)' \
    "... the next operand packed, its blank and CR-only lines skipped"
ok "... the archive good" sh -c 'bsdtar -xOf a.tar one.bin | cmp - one.bin'

echo '{"prompt":"nothing to fetch"}' > plain.jsonl
timeout 20 "$top_builddir/src/mj-fetch" -d out plain.jsonl adir > out.jsonl 2> err
is "$?" 1 "mj-fetch: a directory operand: status 1, and it ends"
is "$(cat err)" "mj-fetch: adir: Is a directory" "... one message naming it"
is "$(cat out.jsonl)" '{"prompt":"nothing to fetch"}' "... the operand before it passed through"
done_testing
