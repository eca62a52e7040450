#!/bin/bash
# mj-pack --layout imagefolder (zip and tar): every metadata.jsonl
# file_name present in the archive with its bytes, as Hugging Face's
# imagefolder needs; manifest.jsonl kept.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

for fmt in zip tar; do
	rm -rf if && mkdir if
	mj-pack --layout imagefolder --prefix train/ -o "if.$fmt" < recs.jsonl > out.jsonl 2> err
	is "$?" 0 "imagefolder $fmt: status 0"
	bsdtar -xf "if.$fmt" -C if
	ok "imagefolder $fmt: metadata.jsonl at the root" test -s if/metadata.jsonl
	ok "imagefolder $fmt: every file_name of metadata.jsonl is in the archive, the same bytes" "$PYTHON3" -c '
import json, hashlib, sys
n = 0
for line in open("if/metadata.jsonl"):
    m = json.loads(line)
    data = open("if/" + m["file_name"], "rb").read()
    assert hashlib.sha256(data).hexdigest() == m["file"]["sha256"], m["file_name"]
    n += 1
sys.exit(0 if n == 17 else 1)'
	jq_ok if/metadata.jsonl '[.[] | .file_name] | map(startswith("train/")) | all' "imagefolder $fmt: file_name is the path inside the archive"
	jq_ok if/metadata.jsonl '.[1] | (keys_unsorted[0] == "file_name" and .file.index == 2 and .task.id == "1700" and .prompt != null)' \
	    "imagefolder $fmt: a line holds file_name, the record's fields and file"
	is "$(find if -type f \( -name '*.png' -o -name '*.PNG' \) | wc -l)" 17 "imagefolder $fmt: the images only, no split grid"
done
ok "imagefolder keeps manifest.jsonl" test -s if/manifest.jsonl
done_testing
