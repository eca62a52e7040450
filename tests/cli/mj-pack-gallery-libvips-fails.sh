#!/bin/bash
# mj-pack --gallery where libvips fails on a good image
# (tests/faultinject/failvips.so): making the thumbnail, or saving it as
# JPEG.  The image is packed, its card says why, one warning names it;
# the other image gets its thumbnail; status 0.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/pack-png-lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
SHIM=$top_builddir/tests/faultinject/failvips
[ -f "$SHIM/libvips.so.42" ] || skip_all "no $SHIM: run through make check"
FAILVIPS_REAL=$(ldconfig -p 2>/dev/null | sed -n 's/.*libvips\.so\.42 .*=> //p' | head -1)
[ -f "$FAILVIPS_REAL" ] || skip_all "libvips.so.42 not found by ldconfig"
# VIPSHOME: no libvips modules, which would load the shim as their libvips
export FAILVIPS_REAL VIPSHOME=$TEST_DIR/no-vips-home

png_py <<'PY'
png("one.png", 64, 48, (200, 30, 30))
png("two.png", 64, 48, (30, 30, 200))
PY
{
	echo '{"prompt":"one","task":{"id":"1"},"files":[{"path":"one.png"}]}'
	echo '{"prompt":"two","task":{"id":"2"},"files":[{"path":"two.png"}]}'
} > recs.jsonl

for op in thumbnail jpegsave_buffer; do
		LD_LIBRARY_PATH=$SHIM FAILVIPS=$op:1 run_prog mj-pack --gallery -o "$op.tar" \
	    < recs.jsonl > out.jsonl 2> err
	is "$?" 0 "$op failing: status 0"
	is "$(bsdtar -tf "$op.tar" | grep -c '^[a-z]*\.png$')" 2 "... both images packed"
	is "$(bsdtar -tf "$op.tar" | grep -c '^thumbs/')" 1 "... one thumbnail"
	is "$(grep -c 'no thumbnail' err)" 1 "... one warning"
	ok "... naming the image and the failure" \
	    grep -q "no thumbnail: [a-z]*\.png: failvips: $op failed" err
	ok "... the card says why" sh -c "bsdtar -xOf $op.tar index.html |
	    grep -q 'class=\"none\">[a-z]*.png: failvips: $op failed'"
done
done_testing
