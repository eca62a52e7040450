#!/bin/bash
# mj-fetch on a filesystem without hard links (link(2) fails with EPERM,
# as on FAT or some network filesystems; tests/faultinject/nolink.so
# makes it so): downloads and --split quadrants are published by rename
# instead, the same files as with hard links, no .part left, and a rerun
# finds them all.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90
SHIM=$top_builddir/tests/faultinject/nolink.so
SIM_DIALECT_FIXED=1	# the file counts are comet's (a video: an image and a video)

[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"
preload=(LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
: > probe.a
env "${preload[@]}" ln probe.a probe.b 2> probe.err
is "$?" 1 "the shim takes hold: ln(1) fails"
ok "... with EPERM" grep -q "not permitted" probe.err

# records come out as their files are done: compared in task order
files_of() { jq -sc 'sort_by(.task.id) | map(.files)' "$1"; }
shas_of() { jq -sc 'sort_by(.task.id) | map([.files[].sha256])' "$1"; }

sim_start --duration 0.1 --jitter 0 --capacity 10 --image-bytes 20000 \
    --grid-size 64x48
printf '%s\n' 'one' 'two' 'a clip --video' | mj-submit | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 3 and all(.task.status == "SUCCESS")' "three finished tasks"

run_prog mj-fetch -d ref < tasks > ref.out 2> err
is "$?" 0 "with hard links: status 0"

env "${preload[@]}" "$top_builddir/src/mj-fetch" -d out < tasks > out1 2> err
is "$?" 0 "downloads without hard links: status 0"
is "$(cat err)" "" "... nothing on stderr"
jq_ok out1 'map(.files | length) | sort == [1, 1, 2]' "... every file"
jq -r '.files[] | "\(.sha256)  \(.path)"' out1 > sums
ok "... the bytes served, under their names" sha256sum --quiet -c sums
is "$(shas_of out1)" "$(shas_of ref.out)" \
    "... the same files as with hard links"
is "$(find out -name '*.part' | wc -l)" 0 "... no .part left"
media() { sim_stats | jq '(.requests["GET /mj/image"] // 0) + (.requests["GET /mj/video"] // 0)'; }
n1=$(media)
env "${preload[@]}" "$top_builddir/src/mj-fetch" -d out < tasks > out2 2> err
is "$?" 0 "a rerun: status 0"
is "$(media)" "$n1" "... no request"
is "$(files_of out2)" "$(files_of out1)" "... the same records"

env "${preload[@]}" "$top_builddir/src/mj-fetch" --split -d split < tasks \
    > split1 2> err
is "$?" 0 "--split without hard links: status 0"
is "$(cat err)" "" "... nothing on stderr"
jq_ok split1 'map(.files | length) | sort == [2, 5, 5]' "... each grid and its four quadrants"
jq -r '.files[] | "\(.sha256)  \(.path)"' split1 > sums
ok "... every file under its name" sha256sum --quiet -c sums
is "$(find split -name '*.part' | wc -l)" 0 "... no .part left"
run_prog mj-fetch --split -d splitref < tasks > splitref.out 2> err
is "$(shas_of split1)" "$(shas_of splitref.out)" \
    "... the same quadrants as with hard links"
stat -c '%i %s %n' split/* > stat1
env "${preload[@]}" "$top_builddir/src/mj-fetch" --split -d split < tasks \
    > split2 2> err
is "$?" 0 "--split rerun: status 0"
stat -c '%i %s %n' split/* > stat2
ok "... nothing written again" cmp -s stat1 stat2
is "$(files_of split2)" "$(files_of split1)" "... the same records"
done_testing
