#!/bin/bash
# mj-pack's options, each as the user meets it: bad values are usage
# errors (status 2, one message, no archive); --mtime @N and an empty
# SOURCE_DATE_EPOCH; --prefix with "." components; --split-count on a
# name without the format's suffix; --layout files said out loud; -o -
# to a stdout that cannot be written.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"

head -c 3000 /dev/urandom > one.bin
head -c 2000 /dev/urandom > two.bin
touch -d @1600000000 one.bin two.bin
{
	echo '{"task":{"id":"1","status":"SUCCESS"},"files":[{"path":"one.bin"}]}'
	echo '{"task":{"id":"2","status":"SUCCESS"},"files":[{"path":"two.bin"}]}'
} > recs.jsonl

# usage ARGS... -- WANT: status 2, WANT on stderr, no archive made
usage() {
	local want=${*: -1}
	set -- "${@:1:$#-2}"
	run_prog mj-pack "$@" < recs.jsonl > out.jsonl 2> err
	is "$?" 2 "$* : a usage error"
	ok "... saying: $want" grep -qF "mj-pack: $want" err
	ok "... no archive, no record" sh -c '! ls u.* >/dev/null 2>&1 && test ! -s out.jsonl'
}
usage --mtime 12x -o u.tar -- "--mtime: not a time in seconds since 1970: 12x"
usage --mtime -5 -o u.tar -- "--mtime: not a time in seconds since 1970: -5"
usage --split-size 0 -o u.tar -- "--split-size: must be more than 0"
usage --format tar -- "-o FILE is required (- for stdout)"
usage --format rar -o u.tar -- "--format: must be tar, tar.gz, tgz, tar.xz, tar.zst, zip or 7z: rar"
usage --split-count 2 -o - -- "--split-count and --split-size need a file, not -o -"
SOURCE_DATE_EPOCH=yesterday usage -o u.tar -- "SOURCE_DATE_EPOCH: not a time in seconds since 1970: yesterday"

# mtime NAME: the members' times in archive NAME, sorted, unique
mtime() {
	"$PYTHON3" -c 'import sys, tarfile
print(" ".join(sorted({str(int(m.mtime)) for m in tarfile.open(sys.argv[1]) if m.name.endswith(".bin")})))' "$1"
}
run_prog mj-pack --mtime @1700000000 -o at.tar < recs.jsonl > /dev/null 2>&1
is "$(mtime at.tar)" 1700000000 "--mtime @N: every member at N"
SOURCE_DATE_EPOCH= run_prog mj-pack -o sde.tar < recs.jsonl > /dev/null 2>&1
is "$?$(mtime sde.tar)" 01600000000 "an empty SOURCE_DATE_EPOCH is not set: the files' own times"

run_prog mj-pack --prefix ./a/./b/. -o p.tar < recs.jsonl > /dev/null 2>&1
is "$(bsdtar -tf p.tar | sort | paste -sd' ')" "a/b/one.bin a/b/two.bin manifest.jsonl" \
    "--prefix ./a/./b/.: the '.' components dropped"

run_prog mj-pack --format tar --split-count 1 -o plain < recs.jsonl > out.jsonl 2>&1
is "$(ls plain* | paste -sd' ')" "plain-001 plain-002" \
    "--split-count on a name without the suffix: the number at its end"
jq_ok out.jsonl 'map(.archive.path) == ["plain-001", "plain-002"]' "... each record names its archive"
ok "... each a tar" sh -c 'bsdtar -tf plain-002 | grep -qx two.bin'

run_prog mj-pack --layout files -o f.tar < recs.jsonl > out.jsonl 2> err
run_prog mj-pack -o d.tar < recs.jsonl > out2.jsonl 2>> err
is "$(bsdtar -tf f.tar | paste -sd' ')" "$(bsdtar -tf d.tar | paste -sd' ')" \
    "--layout files: the default layout"

run_prog mj-pack -o - < recs.jsonl > /dev/full 2> err
is "$?" 1 "-o - to a full stdout: status 1"
is "$(cat err)" "mj-pack: -: Write error: No space left on device" \
    "... one message, with the reason"
done_testing
