#!/bin/bash
# mj-pack when its temporary file of records cannot grow (a file size
# limit stands in for a full /tmp): on a record too big for it, or when
# it is read back as the manifest.  Status 1, one message saying a
# temporary file failed and why, no archive and no .part left (a .part
# used to stay); the same command with room packs.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"

head -c 3000 /dev/urandom > one.bin
# rec N ID [nofiles]: a record of about N bytes, with one.bin or no file
rec() {
	"$PYTHON3" -c 'import json, sys
files = [] if sys.argv[3:] == ["nofiles"] else [{"path": "one.bin"}]
print(json.dumps({"prompt": "y" * int(sys.argv[1]), "task": {"id": sys.argv[2]},
                  "files": files}))' "$@"
}
# no files: the archive stays empty until the manifest
{ rec 6000 1 nofiles; rec 6000 2 nofiles; rec 6000 3 nofiles; } > three.jsonl
# one record of 8.7 kB: 8 kB reach the file at once, the rest at the close
rec 8600 4 > one.jsonl

# 8 kB: room for gcov's counts of a coverage build, none for the records
for input in three one; do
	( ulimit -f 8; exec "$top_builddir/src/mj-pack" -o o.tar < "$input.jsonl" > out.jsonl 2> err )
	is "$?" 1 "$input: status 1"
	case $input in
	three) want="mj-pack: a temporary file: File too large" ;;
	one) want="mj-pack: manifest.jsonl: File too large
mj-pack: a temporary file: a write to it failed" ;;
	esac
	is "$(grep -v '^libgcov' err)" "$want" "... saying a temporary file failed"
	ok "... no archive and no .part left" test ! -e o.tar -a ! -e o.tar.part
	run_prog mj-pack -o o.tar < "$input.jsonl" > out.jsonl 2> err
	is "$?$(bsdtar -xOf o.tar manifest.jsonl | wc -l)" "0$(wc -l < "$input.jsonl")" \
	    "... with room, every record packed"
	rm -f o.tar
done
done_testing
