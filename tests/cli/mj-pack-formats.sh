#!/bin/bash
# mj-pack: each format read back with bsdtar and compared with the inputs;
# the manifest; --prefix; -o -; splitting; a missing file; --remove-files;
# reproducible archives; no records.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"

mkdir -p in
head -c 70000 /dev/urandom > in/one.png
head -c 1234 /dev/urandom > in/two.png
printf 'same name, other dir' > one.png
rec() { printf '{"sku":"%s","task":{"id":"%s","status":"SUCCESS"},"files":[%s]}\n' "$@"; }
{
	rec A1 101 '{"path":"in/one.png","type":"image/png"},{"path":"in/two.png","type":"image/png"}'
	echo '{"sku":"A2","note":"no files"}'
	rec A3 103 '{"path":"one.png","type":"image/png"}'
	echo '{"sku":"A4","error":{"stage":"wait","message":"failed upstream"}}'
} > recs.jsonl

for fmt in tar tar.gz tgz tar.xz tar.zst zip 7z; do
	mj-pack -o "out.$fmt" < recs.jsonl > out.jsonl 2> err
	is "$?" 0 "$fmt: status 0"
	is "$(bsdtar -tf "out.$fmt" | sort | paste -sd' ')" "manifest.jsonl one-2.png one.png two.png" \
	    "$fmt: the files and the manifest, names made unique"
	ok "$fmt: members equal the inputs" sh -c "bsdtar -xOf out.$fmt one.png | cmp - in/one.png &&
	    bsdtar -xOf out.$fmt two.png | cmp - in/two.png && bsdtar -xOf out.$fmt one-2.png | cmp - one.png"
	ok "$fmt: no .part left" test ! -e "out.$fmt.part"
done
jq_ok out.jsonl 'length == 4 and (map(.sku) == ["A1","A2","A3","A4"])' "records printed in input order, all of them"
jq_ok out.jsonl '.[0].archive == {"path":"out.7z","members":["one.png","two.png"]} and .[2].archive.members == ["one-2.png"]' \
    "each record gets archive.path and its members"
jq_ok out.jsonl '.[1].archive.members == [] and (.[1] | has("error") | not)' "a record without files is kept, without error"
jq_ok out.jsonl '.[3].error.message == "failed upstream"' "an incoming error passes through"
bsdtar -xOf out.zip manifest.jsonl > manifest
is "$(cat manifest)" "$(sed 's/out.7z/out.zip/g' out.jsonl)" "manifest.jsonl holds every record as printed"

# --prefix
mj-pack --prefix 'batch 7/' -o p.tar < recs.jsonl > out.jsonl 2>/dev/null
is "$(bsdtar -tf p.tar | sort | paste -sd' ')" "batch 7/one-2.png batch 7/one.png batch 7/two.png manifest.jsonl" \
    "--prefix puts the files under a directory"

# -o -: the archive on stdout, no records
mj-pack -o - < recs.jsonl > stream.tar 2> err
is "$?" 0 "-o -: status 0"
is "$(bsdtar -tf stream.tar | sort | paste -sd' ')" "manifest.jsonl one-2.png one.png two.png" "-o -: a tar on stdout"
mj-pack --format tar.gz -o - < recs.jsonl | bsdtar -xOf - two.png | cmp -s - in/two.png
is "$?" 0 "-o - --format tar.gz: readable from a pipe"

# splitting
for i in 1 2 3 4 5; do rec "S$i" "20$i" '{"path":"in/one.png"}'; done > five.jsonl
mj-pack --split-count 2 -o s.tar.gz < five.jsonl > out.jsonl 2>/dev/null
is "$(ls s-*.tar.gz | paste -sd' ')" "s-001.tar.gz s-002.tar.gz s-003.tar.gz" "--split-count 2: three archives"
jq_ok out.jsonl 'map(.archive.path) == ["s-001.tar.gz","s-001.tar.gz","s-002.tar.gz","s-002.tar.gz","s-003.tar.gz"]' \
    "--split-count: each record names its archive"
is "$(bsdtar -xOf s-002.tar.gz manifest.jsonl | jq -r .sku | paste -sd,)" "S3,S4" "--split-count: each manifest holds its own records"
mj-pack --split-size 150k -o z.zip < five.jsonl > out.jsonl 2>/dev/null
is "$(ls z-*.zip | paste -sd' ')" "z-001.zip z-002.zip z-003.zip" "--split-size 150k with 70 kB files: two per archive"

# a missing file: an error record, the archive still good
{ rec M1 301 '{"path":"in/two.png"},{"path":"in/gone.png"}'; rec M2 302 '{"path":"in/one.png"}'; } > miss.jsonl
mj-pack -o m.tar.gz < miss.jsonl > out.jsonl 2> err
is "$?" 1 "a missing file: status 1"
jq_ok out.jsonl '.[0].error.stage == "pack" and (.[0].error.message | test("gone.png")) and .[0].archive.members == ["two.png"]' \
    "... an error naming it; the other file packed"
jq_ok out.jsonl '.[1].archive.members == ["one.png"] and (.[1] | has("error") | not)' "... the next record packed"
ok "... the archive closes cleanly" sh -c 'bsdtar -tf m.tar.gz >/dev/null && bsdtar -xOf m.tar.gz manifest.jsonl | jq -e . >/dev/null'
ok "... and stderr names the line" grep -q '^mj-pack: line 1: ' err

# --remove-files: only after the archive is in place
cp in/one.png rm1.png; cp in/two.png rm2.png
rec R1 401 '{"path":"rm1.png"},{"path":"rm2.png"}' | mj-pack --remove-files -o r.tar > /dev/null 2>&1
ok "--remove-files: packed files deleted" test ! -e rm1.png -a ! -e rm2.png
ok "--remove-files: ... and safe in the archive" sh -c 'bsdtar -xOf r.tar rm1.png | cmp - in/one.png'
cp in/one.png keep.png
rec R2 402 '{"path":"keep.png"}' | mj-pack --remove-files -o nodir/r.tar > out.jsonl 2> err
is "$?" 1 "--remove-files: an archive that cannot be written: status 1"
ok "... and the files are kept" test -e keep.png
jq_ok out.jsonl '.[0].error | .stage == "pack" and .retryable == true' "... the records say why"

# reproducible: the same input, packed twice (a second apart, the files
# touched in between), gives the same bytes with --mtime or SOURCE_DATE_EPOCH
sed "s|\"path\":\"|\"path\":\"$TEST_DIR/|g" recs.jsonl > abs.jsonl
mkdir r1 r2
for f in tar.gz zip tar.xz 7z; do
	(cd r1 && mj-pack --mtime 1764028800 -o "same.$f" < ../abs.jsonl > /dev/null 2>&1)
	touch in/one.png; sleep 1
	(cd r2 && mj-pack --mtime 1764028800 -o "same.$f" < ../abs.jsonl > /dev/null 2>&1)
	ok "--mtime: $f byte-identical" cmp "r1/same.$f" "r2/same.$f"
done
(cd r1 && SOURCE_DATE_EPOCH=1764028800 mj-pack --gallery -o sde.tar.gz < ../abs.jsonl > /dev/null 2>&1)
sleep 1
(cd r2 && SOURCE_DATE_EPOCH=1764028800 mj-pack --gallery -o sde.tar.gz < ../abs.jsonl > /dev/null 2>&1)
ok "SOURCE_DATE_EPOCH: byte-identical, gallery included" cmp r1/sde.tar.gz r2/sde.tar.gz
is "$(bsdtar -tvf r1/sde.tar.gz | awk '{print $3, $4}' | sort -u)" "0 0" "... owned by 0:0"

# no records: an archive with an empty manifest
mj-pack -o empty.tar < /dev/null > out.jsonl 2>&1
is "$?$(bsdtar -tf empty.tar)" "0manifest.jsonl" "no records: an archive with an empty manifest"
mj-pack -o out.rar < /dev/null > /dev/null 2> err
is "$?" 2 "an unknown suffix is a usage error"
done_testing
