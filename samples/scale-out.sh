#!/bin/bash
# Scale out with GNU parallel: split a large JSON-lines input into blocks,
# run one pipeline per block, each with its own journal, and merge the
# records.  Rerunning the same command (same input, same BLOCK) resubmits
# nothing: block N always gets journal part-N.journal.
#
#   samples/scale-out.sh prompts.jsonl out/ [JOBS] [BLOCK]
#
# Several keys: put one key per file in keys/ and use the slot number
# ({%}, 1..JOBS) to pick one:  MJ_API_KEY_FILE=keys/{%}
# Several hosts: add  --sshlogin host1,host2  (or -S :,host2; ':' is this
# machine); each host then keeps its journals in its own OUT directory, and
# mj-fetch downloads there.  JSON-lines, not CSV: --pipe cuts between
# lines, and a CSV field may span lines.
set -euo pipefail
in=${1:?usage: scale-out.sh INPUT.jsonl OUTDIR [JOBS] [BLOCK]}
out=${2:?usage: scale-out.sh INPUT.jsonl OUTDIR [JOBS] [BLOCK]}
jobs=${3:-4}
block=${4:-64k}
mkdir -p "$out"
out=$(cd "$out" && pwd)
parallel --pipe --block "$block" -j "$jobs" ${SSHLOGIN:+--sshlogin "$SSHLOGIN"} \
    "mj-submit -q --journal $out/part-{#}.journal | mj-wait -q | mj-fetch -q -d $out/images" \
    < "$in" > "$out/records.jsonl"
mj-pack -q -o "$out/images.tar.gz" < "$out/records.jsonl" > "$out/packed.jsonl"
jq -r -s '"\(length) records, \(map(select(.error)) | length) with errors"' \
    "$out/packed.jsonl"
