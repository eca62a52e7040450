#!/bin/bash
# mj-pack --remove-files where a packed file cannot be removed (a
# directory took its place while the archive was written): a warning
# naming it, status 0, the archive whole, the other packed file removed.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
TEST_TIMEOUT=60

head -c 70000 /dev/urandom > one.bin
head -c 500 /dev/urandom > two.bin
cp one.bin one.orig
mkfifo in.fifo
"$top_builddir/src/mj-pack" --remove-files -o r.tar < in.fifo > out.jsonl 2> err &
pid=$!
exec 3> in.fifo
echo '{"task":{"id":"1"},"files":[{"path":"one.bin"},{"path":"two.bin"}]}' >&3
# one.bin is read once tar's 10240-byte blocks of it reach the .part
wait_until 20 sh -c '[ "$(stat -c %s r.tar.part 2>/dev/null || echo 0)" -ge 61440 ]'
rm one.bin && mkdir one.bin
exec 3>&-
wait "$pid"
is "$?" 0 "status 0"
is "$(cat err)" "mj-pack: warning: one.bin: Is a directory" "a warning naming what stayed"
ok "the archive whole" sh -c 'bsdtar -xOf r.tar one.bin | cmp - one.orig'
ok "the other file removed" test ! -e two.bin
jq_ok out.jsonl '.[0].archive.members == ["one.bin", "two.bin"] and (.[0] | has("error") | not)' \
    "the record: both packed, no error"
done_testing
