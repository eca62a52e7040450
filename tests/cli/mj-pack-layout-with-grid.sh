#!/bin/bash
# mj-pack --layout webdataset --with-grid: the grid too, as a sample of its
# own; one archive without --split-count, named as given.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

rm -rf shards2 && mkdir shards2
mj-pack --layout webdataset --with-grid -o shards2/data.tar.gz < recs.jsonl > /dev/null 2>&1
is "$?" 0 "--with-grid, tar.gz: status 0"
ok "one archive without --split-count, named as given" test -f shards2/data.tar.gz
"$PYTHON3" wds.py shards2/data.tar.gz > samples2.json
jq_ok samples2.json 'length == 20 and ([.[] | select(.grid)] | length == 3)' "--with-grid: the grid too, as a sample of its own"
done_testing
