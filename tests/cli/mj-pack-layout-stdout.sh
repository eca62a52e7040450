#!/bin/bash
# mj-pack --layout webdataset -o -: the shard on stdout, readable as
# samples.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

mj-pack --layout webdataset -o - < recs.jsonl > stream.tar 2> err
is "$?" 0 "webdataset to stdout"
"$PYTHON3" wds.py stream.tar > samples3.json
jq_ok samples3.json 'length == 17' "... readable as samples"
done_testing
