#!/bin/sh
# --help of every program: on stdout with status 0, first line the usage,
# within 80 columns, naming every long option the program accepts; and
# --version names the libraries: libvips too for mj-fetch and mj-pack,
# which use it, while mj-submit and mj-wait neither name it nor link it.
# A bad option is a usage error (status 2).
set -u
n=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
for p in mj-submit mj-wait mj-fetch mj-pack; do
	bin=$top_builddir/src/$p
	help=$("$bin" --help 2>/dev/null); rc=$?
	check "$rc" "$p --help exits 0"
	printf '%s\n' "$help" | head -1 | grep -q "^usage: $p " ; check $? "$p --help starts with the usage line"
	wide=$(printf '%s\n' "$help" | awk 'length($0) > 80' | wc -l)
	[ "$wide" -eq 0 ]; check $? "$p --help fits 80 columns"
	# every long option in the man page's OPTIONS appears in --help
	missing=""
	for o in $(sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$top_srcdir/man/$p.1" |
	    grep -o '^\.It Fl -[a-z0-9-]*' | sed 's/^\.It Fl -//'); do
		printf '%s\n' "$help" | grep -q -- "--$o" || missing="$missing $o"
	done
	[ -z "$missing" ]; check $? "$p --help lists every option of its man page${missing:+ (missing:$missing)}"
	ver=$("$bin" --version 2>/dev/null); rc=$?
	check "$rc" "$p --version exits 0"
	printf '%s\n' "$ver" | grep -q '^libcurl' && printf '%s\n' "$ver" |
	    grep -q '^json-c' && printf '%s\n' "$ver" | grep -q 'libarchive'
	check $? "$p --version names libcurl, json-c and libarchive"
	case $p in
	mj-fetch|mj-pack)
		printf '%s\n' "$ver" | grep -q '^libvips [0-9][0-9]*\.[0-9][0-9]*\.[0-9]'
		check $? "$p --version names libvips and its version" ;;
	*)
		! printf '%s\n' "$ver" | grep -q 'libvips'
		check $? "$p --version does not name libvips"
		if command -v readelf >/dev/null; then
			! readelf -d "$bin" | grep -q 'NEEDED.*libvips'
			check $? "$p is not linked with libvips"
		fi ;;
	esac
	"$bin" --no-such-option >/dev/null 2>err.$$; rc=$?
	[ "$rc" = 2 ]; check $? "$p: a bad option exits 2"
	grep -q "try '$p --help'" err.$$; check $? "$p: a bad option points to --help"
	rm -f err.$$
done
echo "1..$n"
