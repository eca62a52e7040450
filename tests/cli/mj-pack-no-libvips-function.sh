#!/bin/bash
# A libvips.so.42 that lacks one of the functions mjpipe uses (an older
# or broken library; tests/faultinject/novips-upto/N has only the first N
# of src/lib/vipsload.h's VIPSLOAD_FUNCS): --version names the missing
# function and the libvips needed, and --gallery packs every file
# without previews, saying the same.  Each of the functions in turn.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
UPTO=$top_builddir/tests/faultinject/novips-upto
[ -f "$UPTO/21/libvips.so.42" ] || skip_all "no $UPTO: run through make check"

# the functions, in the order vipsload.c looks them up
funcs=($(sed -n '/^#define VIPSLOAD_FUNCS/,/^$/p' "$top_srcdir/src/lib/vipsload.h" |
    grep -o 'F([a-z_]*)' | sed 's/F(\(.*\))/\1/'))
is "${#funcs[@]}" 22 "22 functions looked up"
printf '\x89PNG\r\n\x1a\n' > a.png
echo '{"task":{"id":"1"},"files":[{"path":"a.png"}]}' > recs.jsonl

bad=0
for n in $(seq 0 21); do
	want="libvips.so.42 has no ${funcs[$n]} (libvips [0-9.]* or later is needed)"
	LD_LIBRARY_PATH=$UPTO/$n run_prog mj-pack --version > v 2>&1
	grep -q "^libvips [0-9.]* (built with; cannot be loaded: $want)$" v ||
	    { bad=$((bad + 1)); diag "$n: $(tail -1 v)"; }
done
is "$bad" 0 "--version names each missing function in turn"

LD_LIBRARY_PATH=$UPTO/9 run_prog mj-pack --gallery -o g.tar < recs.jsonl > out.jsonl 2> err
is "$?" 0 "--gallery without g_free: status 0"
is "$(bsdtar -tf g.tar | sort | paste -sd' ')" "a.png index.html manifest.jsonl" "... every file packed, no thumbnail"
ok "... a warning saying which function is missing" \
    grep -q "no thumbnail: libvips cannot start: libvips.so.42 has no g_free" err
done_testing
