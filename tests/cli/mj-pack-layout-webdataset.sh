#!/bin/bash
# mj-pack --layout webdataset, read back by an independent reader (Python's
# tarfile grouping members into samples by the name before the first dot,
# as the webdataset library does): split grids give four samples, shards
# of --split-count samples, a record names its shard and members.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

mkdir shards
mj-pack --layout webdataset --split-count 5 -o shards/data.tar < recs.jsonl > out.jsonl 2> err
is "$?" 0 "webdataset: status 0"
is "$(cd shards && ls | paste -sd' ')" "data-000000.tar data-000001.tar data-000002.tar data-000003.tar" \
    "shards named NAME-000000.tar on, from -o shards/data.tar"
"$PYTHON3" wds.py shards/data-*.tar > samples.json 2> reader.err
is "$?" 0 "the webdataset reader gets whole samples (image, .json, .txt), adjacent, keys unique"
[ -s reader.err ] && diag "$(cat reader.err)"
jq_ok samples.json 'length == 17' "17 samples: four for each split grid, one plain, four imageUrls, none for the failed task"
jq_ok samples.json '[.[] | select(.grid)] | length == 0' "a split grid's own image is not a sample"
jq_ok samples.json '[.[] | select(.task == "1701") | .index] == [1,2,3,4]' "a grid's quadrants, in U1..U4 order, each with file.index"
jq_ok samples.json '[.[] | .key | select(test("\\."))] | length == 0' "no key holds a dot (a.b.c.png gives a_b_c)"
jq_ok samples.json '[.[] | .ext] | unique == ["png"]' "the image's own extension, lower case (u0.PNG gives .png)"
jq_ok samples.json '[group_by(.shard)[] | length] == [4,4,5,4]' \
    "shards of at most 5 samples, a record's samples never split across shards"
jq_ok samples.json '[.[] | select(.has_archive)] | length == 0' "a sample's .json is the record as it came, with its file"
ok "no manifest.jsonl in the shards (it would be a sample)" sh -c '! bsdtar -tf shards/data-000000.tar | grep -q manifest'
jq_ok out.jsonl 'length == 6 and (map(.task.id) == ["1700","1701","1702","1800","1801","1802"])' "every record printed, in order"
jq_ok out.jsonl '.[0].archive == {"path":"shards/data-000000.tar","members":["1700-1.png","1700-1.json","1700-1.txt","1700-2.png","1700-2.json","1700-2.txt","1700-3.png","1700-3.json","1700-3.txt","1700-4.png","1700-4.json","1700-4.txt"]}' \
    "a record names its shard and its members"
jq_ok out.jsonl '.[5].archive.members == [] and .[5].error.message == "banned prompt"' "the failed task passes through"
k=$(bsdtar -xOf shards/data-000000.tar 1700-2.json | jq -c '[.file.index, .file.path, .task.seed, .prompt]')
is "$k" '[2,"out/1700-2.png","990","split grid 0, été \"q\""]' "a quadrant's .json: the record, plus file (its index and path)"
done_testing
