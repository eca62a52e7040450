#!/bin/bash
# mj-pack and SIGTERM while it waits for more input, with a gallery's
# thumbnails made and its cards still to write: status 143, no archive
# and no .part left, every record taken so far printed with a retryable
# "interrupted", the packed files kept; the same input then packs.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/pack-png-lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
TEST_TIMEOUT=60

png_py <<'PY'
for i in range(3):
    png("img%d.png" % i, 64, 64, (i * 70, 20, 20))
PY
head -c 40000 /dev/urandom > big.bin
{
	for i in 0 1 2; do
		printf '{"prompt":"p%s","task":{"id":"%s","status":"SUCCESS"},"files":[{"path":"img%s.png"}]}\n' "$i" "$i" "$i"
	done
	echo '{"prompt":"big","task":{"id":"9","status":"SUCCESS"},"files":[{"path":"big.bin"}]}'
} > recs.jsonl

mkfifo in.fifo
"$top_builddir/src/mj-pack" --gallery -o g.tar < in.fifo > out.jsonl 2> err &
pid=$!
exec 3> in.fifo
cat recs.jsonl >&3
# the big file is in the .part once tar's 10240-byte blocks hold it
wait_until 20 sh -c '[ "$(stat -c %s g.tar.part 2>/dev/null || echo 0)" -ge 40960 ]'
ok "the records are being packed" test -e g.tar.part
# thumbnails of 64x64 images: made within moments
sleep 0.5
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM: status 143"
exec 3>&-
ok "... no archive and no .part left" test ! -e g.tar -a ! -e g.tar.part
jq_ok out.jsonl 'length == 4 and all(.error | .stage == "pack" and .message == "interrupted" and .retryable == true)' \
    "... every record taken printed: interrupted, retryable"
jq_ok out.jsonl 'all(has("archive") | not)' "... no record names an archive"
ok "... the files kept" test -s img0.png -a -s big.bin
run_prog mj-pack --gallery -o g.tar < recs.jsonl > out.jsonl 2> err
is "$?$(bsdtar -tf g.tar | grep -c '^thumbs/')" 03 "the same input then packs, thumbnails and all"
done_testing
