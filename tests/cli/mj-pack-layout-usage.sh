#!/bin/bash
# mj-pack --layout: bad combinations are usage errors (webdataset into
# zip, --gallery with webdataset, --with-grid with layout files, an
# unknown layout).
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
. "$top_srcdir/tests/cli/pack-layouts-lib.sh"

mj-pack --layout webdataset -o x.zip < recs.jsonl > /dev/null 2> err
is "$?" 2 "webdataset into zip: a usage error"
ok "... saying it needs tar" grep -q 'tar' err
mj-pack --layout webdataset --gallery -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "--gallery with webdataset: a usage error"
mj-pack --with-grid -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "--with-grid with layout files: a usage error"
mj-pack --layout wds -o x.tar < recs.jsonl > /dev/null 2> err
is "$?" 2 "an unknown layout: a usage error"
done_testing
