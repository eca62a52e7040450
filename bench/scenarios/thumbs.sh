# bench scenario: thumbnails.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 10: thumbnails ------------------------------------------------------------
# 2048 x 2048 PNGs, about 6.7 MB each like a rendered grid: smooth colour
# fields with grain, made by the vips command line; four distinct pictures,
# the N files links to them (decoding is the work, the page cache serves
# both tools alike).  mj-pack --gallery (the archive included: the full
# images are copied into it) against vipsthumbnail on the same files, the
# same box (320 px) and format (JPEG); each twice, alternating, the
# better run kept.
sc_thumbs() {
	local n i b r a v
	n=$(q 200 40)
	section "thumbnails of $n x 2048 x 2048 PNG"
	if [ "$have_pack" != 1 ]; then
		na "thumbnails, $n x 2048x2048 PNG" "<= 1.1" "mj-pack --version fails"
		return
	fi
	if ! have vips || ! have vipsthumbnail; then
		na "thumbnails, $n x 2048x2048 PNG" "<= 1.1" "no vips command line (libvips-tools)"
		return
	fi
	rm -rf th && mkdir -p th/src th/ref
	for i in 0 1 2 3; do
		for b in 0 1 2; do
			vips gaussnoise "th/n$b.v" 128 128 --sigma 60 \
			    --seed $((i * 3 + b + 1)) || break 2
		done
		vips bandjoin "th/n0.v th/n1.v th/n2.v" th/rgb.v &&
		    vips resize th/rgb.v th/big.v 16 --kernel cubic &&
		    vips gaussnoise th/g.v 2048 2048 --sigma 4 --seed $((i + 50)) &&
		    vips add th/big.v th/g.v th/sum.v &&
		    vips cast th/sum.v th/u.v uchar &&
		    vips pngsave th/u.v "th/p$i.png" || break
	done
	rm -f th/*.v
	if [ ! -s th/p3.png ]; then
		broke "thumbnails: the vips command line could not make the PNGs"
		return
	fi
	for i in $(seq 1 "$n"); do
		ln "th/p$((i % 4)).png" "th/src/img-$i.png"
		printf '{"prompt":"picture %d","task":{"id":"%d","status":"SUCCESS"},"files":[{"path":"th/src/img-%d.png","type":"image/png"}]}\n' \
		    "$i" "$i" "$i"
	done > th.jsonl
	for r in 1 2; do
		timed "t-thumb$r" timeout -k 5 900 mj-pack -q --no-sync \
		    --gallery -o th/g.tar th.jsonl > /dev/null
		st "mj-pack --gallery" 0 $? || return
		if have bsdtar && [ "$(bsdtar -tf th/g.tar | grep -c '^thumbs/.*\.jpg$')" != "$n" ]; then
			broke "mj-pack --gallery: not $n thumbnails in the archive"
			return
		fi
		rm -f th/g.tar
		timed "t-vthumb$r" timeout -k 5 900 vipsthumbnail -s 320 \
		    -o "$work/th/ref/%s.jpg" th/src/*.png
		st "vipsthumbnail" 0 $? || return
		if [ "$(ls th/ref | wc -l)" != "$n" ]; then
			broke "vipsthumbnail: not $n thumbnails"
			return
		fi
		rm -f th/ref/*
	done
	a=$(wall "$(best t-thumb1 t-thumb2)")
	v=$(wall "$(best t-vthumb1 t-vthumb2)")
	row "thumbnails, $n x 2048x2048 PNG (mj-pack --gallery --no-sync, archive included)" \
	    "${a}s" "vipsthumbnail ${v}s" "$(calc "round($a / max($v, 0.01), 2)")" \
	    "<= 1.1" "$(verdict "$a / max($v, 0.01) <= 1.1")"
	rm -rf th th.jsonl
}
