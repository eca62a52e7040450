#!/bin/bash
# mj-pack when the archive itself cannot be made safe: a write failing
# mid-member (ENOSPC), at a member's header, at a webdataset sample's
# .json or at the close, on a tar.gz
# too, with a gallery's thumbnails still to add; fsync or close of the
# .part failing (EIO); the final name held by a directory (the rename
# fails, synced or --no-sync).  Each: status 1, one message naming the
# file and the reason, no archive and no .part left, every record
# printed with a retryable pack error, the packed files kept; the same
# command without the fault then packs.  tests/faultinject/faultsys.so
# makes the calls fail on the .part only.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/pack-png-lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
SHIM=$top_builddir/tests/faultinject/faultsys.so
[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"

png_py <<'PY'
import os
for i in range(3):
    png("small%d.png" % i, 16, 16, (i * 80, 10, 10))
open("big.bin", "wb").write(os.urandom(300000))
# a header (512 bytes) after one of these fills tar's 10240-byte block
for i in range(3):
    open("block%d.bin" % i, "wb").write(os.urandom(9216))
# webdataset: a sample's .json (its data) is what fills the block
open("wds.png", "wb").write(os.urandom(8704))
PY
rec() { printf '{"prompt":"p%s","task":{"id":"%s","status":"SUCCESS"},"files":[{"path":"%s"}]}\n' "$1" "$1" "$2"; }
# the images first: their thumbnails are still to be added when big fails
{ rec 2 small0.png; rec 3 small1.png; rec 4 small2.png; rec 1 big.bin; } > big.jsonl
{ rec 2 small0.png; rec 3 small1.png; } > small.jsonl
{ rec 5 block0.bin; rec 6 block1.bin; rec 7 block2.bin; } > blocks.jsonl
# ... as its data: a prompt of 700 characters makes it over 512 bytes
{ printf '{"prompt":"%s","task":{"id":"8"},"files":[{"path":"wds.png"}]}\n' \
    "$(printf 'w%.0s' $(seq 700))"; rec 9 small0.png; } > wds.jsonl

# fault_case DESC FAULTSYS INPUT FORMAT WANT [mj-pack options]
fault_case() {
	local desc=$1 fault=$2 input=$3 fmt=$4 want=$5 n
	shift 5
	rm -rf "out.$fmt" "out.$fmt.part"
	n=$(wc -l < "$input")
	(
		export LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}" \
		    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    FAULTSYS="$fault" FAULTSYS_PATH="out.$fmt.part" \
		    FAULTSYS_LOG="$TEST_DIR/faults.log"
		run_prog mj-pack "$@" -o "out.$fmt" < "$input" > out.jsonl 2> err
	)
	is "$?" 1 "$desc: status 1"
	ok "... no archive and no .part left" test ! -e "out.$fmt" -a ! -e "out.$fmt.part"
	jq_ok out.jsonl "length == $n and all(.error.stage == \"pack\" and .error.retryable == true and
	    (.error.message | test(\"$want\")) and (has(\"archive\") | not))" \
	    "... every record printed, a retryable error: $want"
	ok "... stderr says so" grep -q "^mj-pack: .*$want" err
	ok "... the files kept" test -s big.bin -a -s small0.png -a -s small1.png
	run_prog mj-pack "$@" -o "out.$fmt" < "$input" > out.jsonl 2> err
	is "$?$(jq -s 'map(select(has("error") | not)) | length' out.jsonl)" "0$n" \
	    "... the same command without the fault packs every record"
	ok "... into a readable archive" bsdtar -tf "out.$fmt"
}

: > faults.log
fault_case "a write failing mid-member" write:ENOSPC:1 big.jsonl tar \
    "out.tar: Write error: No space left on device"
fault_case "a tar.gz's write failing, a gallery under way" write:ENOSPC:2+ \
    big.jsonl tar.gz "out.tar.gz: " --gallery
fault_case "a write failing at a member's header" write:EIO:1 blocks.jsonl \
    tar "out.tar: Write error: Input/output error"
fault_case "webdataset: a write failing at a sample's .json" write:EIO:1 \
    wds.jsonl tar "out.tar: Write error" --layout webdataset
fault_case "a write failing when the archive closes" write:EIO:1 small.jsonl \
    tar "out.tar: "
fault_case "fsync of the .part failing" fsync:EIO:1 small.jsonl tar \
    "out.tar.part: Input/output error"
fault_case "close of the .part failing" close:EIO:1 small.jsonl zip \
    "out.zip.part: Input/output error"
is "$(grep -c 'out\.[a-z.]*\.part: ' faults.log)" 8 \
    "each fault was made on the .part (2+: the tar.gz's twice)"

for sync in "" --no-sync; do
	rm -rf out.tar; mkdir -p out.tar/in-the-way
	run_prog mj-pack $sync -o out.tar < small.jsonl > out.jsonl 2> err
	is "$?" 1 "a directory in the archive's place${sync:+ ($sync)}: status 1"
	jq_ok out.jsonl 'length == 2 and all(.error.message == "out.tar: Is a directory" and .error.retryable)' \
	    "... every record says why, retryable"
	ok "... no .part left, the directory untouched" test ! -e out.tar.part -a -d out.tar/in-the-way
done
done_testing
