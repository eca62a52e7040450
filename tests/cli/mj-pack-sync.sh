#!/bin/bash
# mj-pack's durability, watched with strace: the archive is synced before
# it is renamed to its name, the directory after, and only then do the
# records go out.  --no-sync syncs nothing and gives the same archive.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

[ "${MJ_VALGRIND:-0}" = 1 ] && skip_all "strace of valgrind's process"
command -v strace > /dev/null || skip_all "no strace"
strace -f -o /dev/null true 2> /dev/null || skip_all "strace cannot trace here"

mkdir files
for i in 1 2 3 4 5 6; do
	head -c 3000000 /dev/urandom > "files/$i.png"
	printf '{"n":%d,"files":[{"path":"%s/files/%d.png"}]}\n' "$i" "$TEST_DIR" "$i"
done > recs
mkdir s u

trace() {	# trace LOG ARGS...: mj-pack under strace
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -y -qq -s 200 \
	    -o "$1" -e trace=fsync,fdatasync,sync_file_range,rename,renameat,renameat2,write \
	    "$(command -v mj-pack)" "${@:2}"
}
(cd s && trace ../synced --mtime 0 -o a.tar.gz ../recs > ../out1 2> ../err)
is "$?" 0 "synced: status 0"
jq_ok out1 'length == 6 and all(.archive.path == "a.tar.gz")' "synced: the records, packed"
ok "synced: the archive is there" test -s s/a.tar.gz
# the line numbers of: the archive's sync, its rename, the directory's
# sync, the first record written to stdout
first() { grep -n "$1" synced | head -1 | cut -d: -f1; }
s_file=$(first 'fsync([0-9]*<[^>]*a\.tar\.gz\.part>)')
s_ren=$(first 'rename.*a\.tar\.gz\.part.*a\.tar\.gz"')
s_dir=$(awk -v r="${s_ren:-0}" 'NR > r && /fsync\(/ { print NR; exit }' synced)
s_rec=$(first 'write(1<')
ok "synced: the archive's sync, its rename, the directory's sync, then the records ($s_file $s_ren $s_dir $s_rec)" \
    test -n "$s_file" -a -n "$s_ren" -a -n "$s_dir" -a -n "$s_rec" -a \
    "${s_file:-0}" -lt "${s_ren:-0}" -a "${s_ren:-0}" -lt "${s_dir:-0}" -a "${s_dir:-0}" -lt "${s_rec:-0}"

(cd u && trace ../unsynced --no-sync --mtime 0 -o a.tar.gz ../recs > ../out2 2> ../err)
is "$?" 0 "--no-sync: status 0"
is "$(grep -Ec '^ *[0-9]+ +(fsync|fdatasync|sync_file_range)\(' unsynced)" 0 "--no-sync: nothing synced"
ok "--no-sync: renamed into place" grep -q 'rename.*a\.tar\.gz\.part' unsynced
ok "--no-sync: the same archive" cmp -s s/a.tar.gz u/a.tar.gz
is "$(jq -c -s . out2)" "$(jq -c -s . out1)" "--no-sync: the same records"

mj-pack --no-sync --remove-files -o c.tar.gz recs > out3 2> err
is "$?" 2 "--no-sync with --remove-files: a usage error"
ok "... saying why" grep -q "before their archive is on disk" err
ok "... and nothing removed" test -f files/1.png
done_testing
