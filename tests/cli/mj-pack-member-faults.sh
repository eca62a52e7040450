#!/bin/bash
# mj-pack when a record's file cannot be packed.  Before its header is
# written (a directory, files gone, fstat failing): that record an error
# naming the first and how many more, the archive and the other records
# good.  After (a read failing, a file shorter than its size said): the
# archive is lost, every record says so, retryable, and stderr names the
# file.  A read interrupted (EINTR) is read again, the member whole.
# tests/faultinject/faultsys.so makes the calls fail on one file only.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
SHIM=$top_builddir/tests/faultinject/faultsys.so
[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"

head -c 300000 /dev/urandom > one.bin
head -c 5000 /dev/urandom > two.bin
mkdir adir
rec() { printf '{"task":{"id":"%s","status":"SUCCESS"},"files":[%s]}\n' "$@"; }
{
	rec 1 '{"path":"one.bin"}'
	rec 2 '{"path":"adir"},{"path":"gone1.png"},{"path":"gone2.png"}'
	rec 3 '{"path":"two.bin"}'
} > recs.jsonl

# faulted FAULTSYS PATH ARGS...: mj-pack with the fault on PATH's descriptors
faulted() {
	local fault=$1 path=$2
	shift 2
	(
		export LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}" \
		    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    FAULTSYS="$fault" FAULTSYS_PATH="$path" \
		    FAULTSYS_LOG="$TEST_DIR/faults.log"
		run_prog mj-pack "$@"
	)
}

run_prog mj-pack -o a.tar < recs.jsonl > out.jsonl 2> err
is "$?" 1 "a directory and two missing files in a record: status 1"
jq_ok out.jsonl '.[1].error | .stage == "pack" and .retryable == false and
    .message == "adir: not a regular file (and 2 more)"' \
    "... its error names the first and counts the others"
jq_ok out.jsonl '(.[0], .[2]) | has("error") | not' "... the other records packed"
is "$(bsdtar -tf a.tar | sort | paste -sd' ')" "manifest.jsonl one.bin two.bin" "... the archive good"
is "$(cat err)" "mj-pack: line 2: adir: not a regular file (and 2 more)" "... one line on stderr"

faulted fstat:EIO:1 two.bin -o b.tar < recs.jsonl > out.jsonl 2> err
is "$?" 1 "fstat failing on a file: status 1"
jq_ok out.jsonl '.[2].error.message == "two.bin: Input/output error" and (.[0] | has("error") | not)' \
    "... that record's error names it; the others packed"
is "$(bsdtar -tf b.tar | sort | paste -sd' ')" "manifest.jsonl one.bin" "... the archive good without it"

faulted read:EIO:2 one.bin -o c.tar < recs.jsonl > out.jsonl 2> err
is "$?" 1 "a read failing mid-file: status 1"
ok "... no archive, no .part" test ! -e c.tar -a ! -e c.tar.part
jq_ok out.jsonl 'length == 3 and all(.error.message == "c.tar: a file could not be read whole" and .error.retryable)' \
    "... every record: the archive is lost, retryable"
ok "... stderr names the file and the reason" grep -qx 'mj-pack: line 1: one.bin: Input/output error' err

# a file whose size says more than it holds, as /sys files do
sysf=/sys/kernel/mm/transparent_hugepage/enabled
[ -r "$sysf" ] || sysf=$(find /sys/kernel -maxdepth 2 -type f -size 4k -readable 2>/dev/null | head -1)
rec 4 "{\"path\":\"$sysf\"}" | run_prog mj-pack -o d.tar > out.jsonl 2> err
is "$?" 1 "a file shorter than its size: status 1"
ok "... stderr says it shrank" grep -q "line 1: $(basename "$sysf"): the file shrank while it was packed" err
jq_ok out.jsonl '.[0].error.message == "d.tar: a file could not be read whole"' "... the record says the archive is lost"
ok "... no archive, no .part" test ! -e d.tar -a ! -e d.tar.part

faulted read:EINTR:1 one.bin -o e.tar < recs.jsonl > out.jsonl 2> err
is "$?" 1 "a read interrupted: status 1 (for the directory only)"
ok "... read again, the member whole" sh -c 'bsdtar -xOf e.tar one.bin | cmp - one.bin'
jq_ok out.jsonl '.[0] | has("error") | not' "... its record packed"
is "$(grep -c 'on .*\(one\|two\).bin: E' faults.log)" 3 "each fault was made on the file"
done_testing
