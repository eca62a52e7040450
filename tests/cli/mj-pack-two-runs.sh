#!/bin/bash
# Two mj-pack runs writing one archive at once: the second leaves the
# first's .part alone (status 1, its records with a retryable error, the
# files kept); the first's archive is whole.  A .part a killed run left
# is written over as before.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"

for i in 1 2 3; do head -c 5000 /dev/urandom > "f$i.bin"; done
rec() { printf '{"prompt":"p%s","task":{"id":"%s","status":"SUCCESS"},"files":[{"path":"%s"}]}\n' "$1" "$1" "$2"; }
{ rec 1 f1.bin; rec 2 f2.bin; } > first.jsonl
{ rec 3 f3.bin; } > second.jsonl

# the first run's input stays open until the second has run
mkfifo feed
"$top_builddir/src/mj-pack" -o out.tar < feed > first.out 2> first.err &
first=$!
exec 3> feed
cat first.jsonl >&3
wait_until 20 test -e out.tar.part
ok "the first run is writing out.tar.part" test -e out.tar.part
run_prog mj-pack -o out.tar < second.jsonl > second.out 2> err
is "$?" 1 "the second run at the same time: status 1"
jq_ok second.out 'length == 1 and .[0].task.id == "3" and
    .[0].error.stage == "pack" and .[0].error.retryable == true and
    (.[0].error.message | test("out.tar.part: another process is writing it"))' \
    "... its record, with a retryable error naming the .part"
ok "... said on stderr" grep -q 'out.tar.part: another process is writing it' err
ok "... its file kept" test -f f3.bin
ok "... the first's .part kept" test -e out.tar.part
exec 3>&-
wait "$first"
is "$?" 0 "the first run: status 0"
is "$(bsdtar -tf out.tar | grep -c '\.bin$')" 2 "its archive holds its two files"
bsdtar -xOf out.tar 'files/f2.bin' > got 2>/dev/null ||
    bsdtar -xOf out.tar "$(bsdtar -tf out.tar | grep 'f2\.bin$')" > got
ok "... whole" cmp -s got f2.bin
ok "... and no .part left" test ! -e out.tar.part

# a .part a killed run left, nobody holding it: written over
printf 'half an archive' > out2.tar.part
run_prog mj-pack -o out2.tar < second.jsonl > stale.out 2> err
is "$?" 0 "a stale .part: status 0"
is "$(bsdtar -tf out2.tar | grep -c '\.bin$')" 1 "... the archive made"
ok "... the .part gone" test ! -e out2.tar.part
done_testing
