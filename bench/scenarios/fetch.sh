# bench scenario: downloading, over HTTP and HTTPS.  Sourced by bench/run, which defines the
# harness (row, st, sim, nginx_start, timed, best ...) and runs sc_* in
# its order.

# --- 4: downloading ----------------------------------------------------------
# shellcheck disable=SC2046
nginx_ticks() { cpu_ticks "$NGINX_PID" $(ps -o pid= --ppid "$NGINX_PID"); }
fetch_inputs() {	# records and curl configs for N files
	local i
	for i in $(seq 0 $(($1 - 1))); do
		printf '{"task":{"id":"%d","status":"SUCCESS","imageUrl":"%s/%d.png"}}\n' \
		    "$i" "$NGINX" "$i"
	done > recs.jsonl
	for i in $(seq 0 $(($1 - 1))); do
		printf 'url = "%s/%d.png"\noutput = "out/%d.png"\n' \
		    "$NGINX" "$i" "$i"
	done > curl.cfg
}
# Where the unsynced downloads land: a tmpfs if there is room.  On the
# disk, each run's files are deleted before the next, and ext4 then skips
# the inodes deleted in the last minute when it makes new ones: system
# time that has nothing to do with either tool and moves by a second
# from run to run.  A tmpfs measures the tools alone.
fetch_tmpfs() {
	local d=/dev/shm free
	[ -d "$d" ] && [ -w "$d" ] || return 1
	free=$(df -Pk "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
	[ -n "$free" ] && [ "$free" -gt $((3 * $1 * 1024)) ] || return 1
	mktemp -d "$d/mjbench.XXXXXX"
}
# fresh [DIR]: an empty out/ (a link to DIR/out when given), written
# files flushed so that no earlier run's writeback overlaps this one.
# Files on the disk are set aside, not deleted, until the section ends
# (for the reason above) when keep_disk is 1.
kept=0 keep_disk=0
fresh() {
	if [ "$keep_disk" = 1 ] && [ -d out ] && [ ! -L out ]; then
		kept=$((kept + 1))
		mv out "kept.$kept"
	fi
	rm -rf out
	if [ -n "${1:-}" ]; then
		rm -rf "$1/out"
		mkdir "$1/out" && ln -s "$1/out" out
	else
		mkdir out
	fi
	sync
}
# fetch_run TAG TOOL JOBS [DIR]: one timed download into out/, checked
fetch_run() {
	local tag=$1 tool=$2 jobs=$3 n got
	n=$(wc -l < recs.jsonl)
	fresh "${4:-}"
	case $tool in
	mj) timed "t-$tag" timeout -k 5 600 mj-fetch -q -j "$jobs" -d out \
	    recs.jsonl > "f-$tag.jsonl" ;;
	mjns) timed "t-$tag" timeout -k 5 600 mj-fetch -q --no-sync -j "$jobs" \
	    -d out recs.jsonl > "f-$tag.jsonl" ;;
	mjnh) timed "t-$tag" timeout -k 5 600 mj-fetch -q --no-sync --no-sha256 \
	    -j "$jobs" -d out recs.jsonl > "f-$tag.jsonl" ;;
	cs) timed "t-$tag" timeout -k 5 600 sh -c \
	    'curl -s --fail --config curl.cfg && sync' ;;
	curl) timed "t-$tag" timeout -k 5 600 curl -s --fail --config curl.cfg ;;
	par) timed "t-$tag" timeout -k 5 600 curl -s --fail --parallel \
	    --parallel-max "$jobs" --config curl.cfg 2>> curl.log ;;
	esac
	st "download $tag" 0 $?
	got=$(find out/ -name '*.png' -size 1M | wc -l)
	[ "$got" = "$n" ] || broke "download $tag: $got files of $n"
}
make_www() {	# make_www N: N random 1 MiB files in www/, once
	[ "$(find www -name '*.png' 2> /dev/null | wc -l)" = "$1" ] && return
	rm -rf www
	mkdir -p www
	python3 - "$1" <<'PY'
import os, sys
for i in range(int(sys.argv[1])):
    with open("www/%d.png" % i, "wb") as f:
        f.write(os.urandom(1 << 20))
PY
	chmod -R a+rX www
}
sc_fetch() {
	local n r n0 n1 m c p b nbusy mw mc bw bc bname ratio tmp where hasher free
	n=$(q 1000 100)
	section "downloading $n x 1 MiB"
	make_www "$n"
	nginx_start 0 || return
	fetch_inputs "$n"
	tmp=$(fetch_tmpfs "$n") && where="to tmpfs" || { tmp=""; where="to disk"; }
	fetch_tmp=$tmp
	free=$(df -Pk . | awk 'NR == 2 { print $4 }')
	# three rounds of two synced runs kept: 6 x N MiB, and room to spare
	[ -n "$tmp" ] && [ "${free:-0}" -gt $((8 * n * 1024)) ] && keep_disk=1
	# One untimed download first, so that no timed run pays for warming
	# nginx, the page cache or the tmpfs; then each tool three times,
	# alternating, the best run kept: the kernel's share of the CPU time
	# moves by half from one run to the next.  curl neither syncs nor
	# hashes: mj-fetch --no-sync --no-sha256 does its work and is
	# measured against it; mj-fetch --no-sync, which hashes every byte
	# for the records' sha256, against curl then a hash of the files;
	# mj-fetch as it runs by default (each file synced, on the disk)
	# against curl then sync.
	fetch_run warm curl 1 "$tmp"
	for r in 1 2 3; do
		n0=$(nginx_ticks)
		fetch_run "nh$r" mjnh 8 "$tmp"
		n1=$(nginx_ticks)
		nbusy[$r]=$(calc "round(($n1 - $n0) / $hz / max($(wall "t-nh$r"), 0.01) * 100)")
		fetch_run "curl$r" curl 1 "$tmp"
		fetch_run "ns$r" mjns 8 "$tmp"
		fetch_run "par$r" par 8 "$tmp"
		fetch_run "mj$r" mj 8
		fetch_run "cs$r" cs 1
	done
	m=$(best t-nh1 t-nh2 t-nh3)
	c=$(best t-curl1 t-curl2 t-curl3)
	p=$(best t-par1 t-par2 t-par3)
	b=$(best "$c" "$p")
	# CPU: each side's smallest of its runs, the same tool as for wall
	mw=$(wall "$m") bw=$(wall "$b") mc=$(cpumin t-nh1 t-nh2 t-nh3)
	if [ "$b" = "$c" ]; then bc=$(cpumin t-curl1 t-curl2 t-curl3) bname=curl
	else bc=$(cpumin t-par1 t-par2 t-par3) bname="curl --parallel"; fi
	ratio=$(calc "round($mw / max($bw, 0.01), 2)")
	row "download $n x 1 MiB $where, wall (mj-fetch --no-sync --no-sha256 -j 8)" \
	    "${mw}s" "curl $(wall "$c")s, --parallel 8 $(wall "$p")s" "$ratio" \
	    "<= 1.05" "$(verdict "$mw / max($bw, 0.01) <= 1.05")"
	row "download $n x 1 MiB $where, CPU user+sys (the same)" "${mc}s" \
	    "$bname ${bc}s" \
	    "$(calc "round($mc / max($bc, 0.01), 2)")" "<= 1.1" \
	    "$(verdict "$mc / max($bc, 0.01) <= 1.1")"
	# the same work as mj-fetch --no-sync: the download, then the hashes,
	# by openssl where there is one (it uses the CPU's SHA instructions,
	# as mj-fetch does; coreutils' sha256sum does not)
	fresh "$tmp"
	curl -s --fail --config curl.cfg || broke "curl before the hashes"
	if have openssl; then
		hasher=openssl
		timed t-sum sh -c 'openssl dgst -sha256 -r out/*.png > /dev/null'
	else
		hasher=sha256sum
		timed t-sum sh -c 'sha256sum out/*.png > /dev/null'
	fi
	st "$hasher" 0 $?
	m=$(best t-ns1 t-ns2 t-ns3)
	mw=$(wall "$m") mc=$(cpumin t-ns1 t-ns2 t-ns3)
	row "the same, hashing every byte (mj-fetch --no-sync -j 8), wall" \
	    "${mw}s" "curl then $hasher $(calc "round($bw + $(wall t-sum), 2)")s" \
	    "$(calc "round($mw / max($bw + $(wall t-sum), 0.01), 2)")" - info
	row "the same, hashing every byte, CPU user+sys" "${mc}s" \
	    "$bname ${bc}s, then $hasher $(calc "round($bc + $(cpu t-sum), 2)")s" \
	    "$(calc "round($mc / max($bc + $(cpu t-sum), 0.01), 2)")" - info
	m=$(best t-mj1 t-mj2 t-mj3)
	b=$(best t-cs1 t-cs2 t-cs3)
	mw=$(wall "$m") bw=$(wall "$b")
	row "download $n x 1 MiB to disk, synced, wall (mj-fetch -j 8)" \
	    "${mw}s" "curl then sync ${bw}s" \
	    "$(calc "round($mw / max($bw, 0.01), 2)")" \
	    "<= 1.05" "$(verdict "$mw / max($bw, 0.01) <= 1.05")"
	notes+=("nginx busy ${nbusy[1]}%, ${nbusy[2]}% and ${nbusy[3]}% of one core during the three mj-fetch --no-sha256 runs")
	row "nginx load during mj-fetch" "busy ${nbusy[1]}%, ${nbusy[2]}%, ${nbusy[3]}% of one core" \
	    - - "< 50%: not the bottleneck" \
	    "$(verdict "max(${nbusy[1]}, ${nbusy[2]}, ${nbusy[3]}) < 50")"
	[ -n "$tmp" ] && rm -rf "$tmp"
	fetch_tmp=""
	stop "$NGINX_PID"
	rm -rf out kept.*
	keep_disk=0

	nginx_start 10m || return
	fetch_inputs "$n"
	fetch_run mjslow mj 8		# synced: the syncs hide behind the wait
	fetch_run parslow par 8
	mw=$(calc "round($n / max($(wall t-mjslow), 0.01), 1)")
	bw=$(calc "round($n / max($(wall t-parslow), 0.01), 1)")
	row "download at 10 MB/s per connection, $n x 1 MiB, -j 8" \
	    "$mw MiB/s" "curl --parallel 8: $bw MiB/s" \
	    "$(calc "round($mw / $bw, 2)")" ">= 0.95" \
	    "$(verdict "$mw / $bw >= 0.95")"
	stop "$NGINX_PID"
	rm -rf out
}

# The same downloads over HTTPS: nginx with TLS (HTTP/2 offered), mjpipe
# and curl trusting its CA through CURL_CA_BUNDLE; like for like, the
# rows with a target: mj-fetch --no-sync --no-sha256 against curl and
# curl --parallel, each the best of three runs after one warm-up.
sc_fetch_tls() {
	local n r n0 n1 m c p b nbusy mw bw mc bc bname tmp where
	n=$(q 1000 100)
	section "downloading $n x 1 MiB over HTTPS"
	make_www "$n"
	nginx_start 0 tls || return
	export CURL_CA_BUNDLE=$work/tls/ca.pem
	fetch_inputs "$n"
	tmp=$(fetch_tmpfs "$n") && where="to tmpfs" || { tmp=""; where="to disk"; }
	fetch_tmp=$tmp
	fetch_run warm curl 1 "$tmp"
	for r in 1 2 3; do
		n0=$(nginx_ticks)
		fetch_run "snh$r" mjnh 8 "$tmp"
		n1=$(nginx_ticks)
		nbusy[$r]=$(calc "round(($n1 - $n0) / $hz / max($(wall "t-snh$r"), 0.01) * 100)")
		fetch_run "scurl$r" curl 1 "$tmp"
		fetch_run "spar$r" par 8 "$tmp"
	done
	m=$(best t-snh1 t-snh2 t-snh3)
	c=$(best t-scurl1 t-scurl2 t-scurl3)
	p=$(best t-spar1 t-spar2 t-spar3)
	b=$(best "$c" "$p")
	mw=$(wall "$m") bw=$(wall "$b") mc=$(cpumin t-snh1 t-snh2 t-snh3)
	if [ "$b" = "$c" ]; then bc=$(cpumin t-scurl1 t-scurl2 t-scurl3) bname=curl
	else bc=$(cpumin t-spar1 t-spar2 t-spar3) bname="curl --parallel"; fi
	row "download over HTTPS, $n x 1 MiB $where, wall (mj-fetch --no-sync --no-sha256 -j 8)" \
	    "${mw}s" "curl $(wall "$c")s, --parallel 8 $(wall "$p")s" \
	    "$(calc "round($mw / max($bw, 0.01), 2)")" \
	    "<= 1.05" "$(verdict "$mw / max($bw, 0.01) <= 1.05")"
	row "download over HTTPS, $n x 1 MiB $where, CPU user+sys (the same)" \
	    "${mc}s" "$bname ${bc}s" \
	    "$(calc "round($mc / max($bc, 0.01), 2)")" "<= 1.1" \
	    "$(verdict "$mc / max($bc, 0.01) <= 1.1")"
	notes+=("nginx (TLS) busy ${nbusy[1]}%, ${nbusy[2]}% and ${nbusy[3]}% of one core during the three mj-fetch runs over HTTPS")
	[ -n "$tmp" ] && rm -rf "$tmp"
	fetch_tmp=""
	stop "$NGINX_PID"
	unset CURL_CA_BUNDLE
	rm -rf out
}
