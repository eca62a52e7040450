#!/bin/bash
# mj-pack --gallery where libvips cannot be used: a libvips.so.42 that is
# no library (dlopen fails) and one whose vips_init fails
# (tests/faultinject/novips.so), each found first through
# LD_LIBRARY_PATH.  The archive is still made, with every file; the page
# shows why there is no preview; one warning a file; --version says
# which libvips it found, or why none.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/pack-png-lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
STUB=$top_builddir/tests/faultinject/novips.so
[ -f "$STUB" ] || skip_all "no $STUB: run through make check"

mkdir broken stub
: > broken/libvips.so.42
cp "$STUB" stub/libvips.so.42
png_py <<'PY'
png("red.png", 64, 48, (200, 30, 30))
png("blue.png", 32, 32, (30, 30, 200))
PY
{
	echo '{"prompt":"red","task":{"id":"1","status":"SUCCESS"},"files":[{"path":"red.png","type":"image/png"}]}'
	echo '{"prompt":"blue","task":{"id":"2","status":"SUCCESS"},"files":[{"path":"blue.png","type":"image/png"}]}'
} > recs.jsonl

for lib in broken stub; do
	case $lib in
	broken) why='libvips.so.42: file too short (install the Debian package libvips42)' ;;
	stub) why='libvips cannot start: novips: no loaders in this install' ;;
	esac
	LD_LIBRARY_PATH=$TEST_DIR/$lib run_prog mj-pack --gallery -o "$lib.tar" \
	    < recs.jsonl > out.jsonl 2> err
	is "$?" 0 "$lib libvips: --gallery still packs, status 0"
	is "$(bsdtar -tf "$lib.tar" | sort | paste -sd' ')" \
	    "blue.png index.html manifest.jsonl red.png" \
	    "... every file, the page, no thumbnail"
	jq_ok out.jsonl 'length == 2 and all(has("error") | not)' "... records without errors"
	is "$(grep -c "warning: line [12]: no thumbnail: .*$why" err)" 2 \
	    "... a warning a file, saying why"
	is "$(bsdtar -xOf "$lib.tar" index.html | grep -o "class=\"none\">[^<]*$why" | wc -l)" 2 \
	    "... the page says why for each image"
done
# only the first line of libvips' message: the page and stderr hold no
# second one
ok "a message of several lines cut to its first" sh -c '! grep -q "second line" err &&
    ! bsdtar -xOf stub.tar index.html | grep -q "second line"'

LD_LIBRARY_PATH=$TEST_DIR/broken run_prog mj-pack --version > v 2>&1
ok "--version: the libvips built with, and why it cannot be loaded" \
    grep -q "^libvips [0-9.]* (built with; cannot be loaded: .*file too short" v
LD_LIBRARY_PATH=$TEST_DIR/stub run_prog mj-pack --version > v 2>&1
ok "--version: the libvips found" grep -qx "libvips 0.0.0-novips" v
done_testing
