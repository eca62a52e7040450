#!/bin/sh
# make demo: the whole pipeline on samples/prompts.csv against the local
# simulator (tests/mjsim), leaving out/demo.tar.gz with a gallery.
# Run from the build directory; srcdir defaults to this script's parent.
# Installed (the Debian package): sh /usr/share/doc/mjpipe/examples/demo.sh
# runs the installed programs and mjpipe-sim, writing to ./out.
set -eu
samples=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$(dirname "$samples")}
bindir=${bindir:-$PWD/src}
out=${out:-$PWD/out}
PATH=$bindir:$PATH

tmp=$(mktemp -d)
trap 'kill "$simpid" 2>/dev/null || :; rm -rf "$tmp"' EXIT INT TERM
sim=$srcdir/tests/mjsim/mjsim
[ -f "$sim" ] || sim=$(command -v mjpipe-sim) ||
    { echo "demo: no simulator (tests/mjsim/mjsim or mjpipe-sim)" >&2; exit 1; }
python3 "$sim" --port 0 --port-file "$tmp/port" \
    --key demo-key --duration 1.5 --capacity 12 --max-seconds 300 \
    --image-bytes 200000 2>"$tmp/sim.log" &
simpid=$!
i=0
while [ ! -s "$tmp/port" ]; do
	i=$((i + 1))
	[ "$i" -le 100 ] || { echo "demo: the simulator did not start" >&2; exit 1; }
	sleep 0.1
done
MJ_BASE_URL=http://127.0.0.1:$(cat "$tmp/port")
MJ_API_KEY=demo-key
export MJ_BASE_URL MJ_API_KEY

rm -rf "$out/demo" "$out/demo.tar.gz"
mkdir -p "$out"
echo "demo: simulator at $MJ_BASE_URL; running:"
echo "  mj-submit --journal $out/demo.journal < samples/prompts.csv | mj-wait | mj-fetch -d $out/demo | mj-pack --gallery -o $out/demo.tar.gz"
start=$(date +%s)
rm -f "$out/demo.journal"
mj-submit --journal "$out/demo.journal" < "$samples/prompts.csv" |
    mj-wait | mj-fetch -d "$out/demo" |
    mj-pack --gallery -o "$out/demo.tar.gz" > "$out/demo.jsonl"
end=$(date +%s)
echo "demo: records (one JSON object per line; shown here through jq):"
jq -c '{sku, status: .task.status, id: .task.id, files: [.files[]?.path],
    archive: .archive.path, error: .error.message}' "$out/demo.jsonl"
echo "demo: $(wc -l < "$out/demo.jsonl") records in $((end - start)) s;" \
    "images in $out/demo/, archive $out/demo.tar.gz" \
    "(open index.html inside it for the gallery)"
