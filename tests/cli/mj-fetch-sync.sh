#!/bin/bash
# mj-fetch's durability, watched with strace: every file is synced
# before it is linked to its name, and its record goes out only after a
# sync of the directory that finished after the link.  --no-sync syncs
# nothing and gives the same files.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=90

[ "${MJ_VALGRIND:-0}" = 1 ] && skip_all "strace of valgrind's process"
command -v strace > /dev/null || skip_all "no strace"
strace -f -o /dev/null true 2> /dev/null || skip_all "strace cannot trace here"

sim_start --duration 0.1 --jitter 0 --capacity 40 --image-bytes 300000
seq 1 40 | sed 's/^/p/' | mj-submit -j 8 | mj-wait -i 100ms > tasks
jq_ok tasks 'length == 40 and all(.task.status == "SUCCESS")' "40 finished tasks"

# -y: descriptors as paths; -s 300: the record's text in stdout's writes
# (LeakSanitizer cannot run under ptrace: a sanitizer build checks leaks
# in the other tests)
trace() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -y -qq -s 300 -o "$1" -e trace=fsync,fdatasync,link,linkat,rename,renameat,renameat2,write \
	    "$(command -v mj-fetch)" "${@:2}"
}
trace synced -d dir1 -j 8 < tasks > out1 2> err
is "$?" 0 "under strace: status 0"
jq_ok out1 'length == 40 and all(.files | length == 1)' "40 records with their file"
jq -r '.files[] | "\(.sha256)  \(.path)"' out1 > sums
ok "the files are the ones recorded" sha256sum --quiet -c sums

# For each file, the line numbers at which each step finished, in the
# order they must come: sync of NAME.part, link to NAME.png, sync of the
# directory (the first to finish after the link), the record on stdout.
python3 - synced out1 > order <<'PY'
import json, re, sys
trace, out = sys.argv[1], sys.argv[2]
pending, done = {}, []          # pid -> text of an unfinished call
for n, line in enumerate(open(trace)):
    pid, rest = line.split(None, 1)   # the pid may be padded
    m = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
    if m:
        rest = pending.pop(pid, "") + m.group(1)
    elif rest.rstrip().endswith("<unfinished ...>"):
        pending[pid] = rest.rstrip()[:-len("<unfinished ...>")].rstrip()
        continue
    if re.search(r"= 0\s*$", rest) or rest.startswith("write(1<"):
        done.append((n, rest))
bad = 0
for rec in map(json.loads, open(out)):
    path = rec["files"][0]["path"]
    part = path.rsplit(".", 1)[0] + ".part"
    tid = rec["task"]["id"]
    def first(pred, after=-1):
        return next((n for n, t in done if n > after and pred(t)), None)
    s = first(lambda t: t.startswith("fsync(") and t.split(">", 1)[0].endswith("/" + part))
    l = first(lambda t: t.startswith(("link", "rename")) and part in t and path in t)
    d = first(lambda t: t.startswith("fsync(") and re.match(r"fsync\(\d+<[^>]*/dir1>\)", t), l if l is not None else -1)
    w = first(lambda t: t.startswith("write(1<") and tid in t)
    steps = [s, l, d, w]
    if None in steps or steps != sorted(steps):
        bad += 1
        print("out of order:", path, steps)
print("bad", bad)
PY
grep "^out of order" order | head -3 | sed "s/^/# /"
is "$(tail -1 order)" "bad 0" "each file: synced, linked, directory synced, then its record"
is "$(grep -Ec '^[0-9]+ +fsync\(.*\.part>' synced)" 40 "one sync per file"
n=$(grep -Ec '^[0-9]+ +fsync\(.*/dir1>' synced)
ok "directory syncs: at least one, at most one per file ($n)" test "$n" -ge 1 -a "$n" -le 40

trace nosync -d dir2 -j 8 --no-sync < tasks > out2 2> err
is "$?" 0 "--no-sync: status 0"
is "$(grep -c 'fsync\|fdatasync' nosync)" 0 "--no-sync: no sync at all"
is "$(jq -r '.files[0].sha256' out2 | sort | tr '\n' ' ')" \
    "$(jq -r '.files[0].sha256' out1 | sort | tr '\n' ' ')" "--no-sync: the same files"
is "$(find dir2 -name '*.part' | wc -l)" 0 "--no-sync: no .part file left"

# a rerun over files already there reads each one to hash it, unless
# --no-sha256: then it does not even open them
opens() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o "$1" -e trace=open,openat \
	    "$(command -v mj-fetch)" "${@:2}"
}
opens hashed -d dir1 < tasks > out4 2> err
is "$?" 0 "rerun: status 0"
is "$(grep -Ec 'dir1/[^"]*\.png"' hashed)" 40 "rerun: each file there is read once to hash it"
opens unhashed --no-sha256 -d dir1 < tasks > out5 2> err
is "$?" 0 "--no-sha256 rerun: status 0"
is "$(grep -Ec 'dir1/[^"]*\.png"' unhashed)" 0 "--no-sha256 rerun: no file opened"
jq_ok out5 'length == 40 and all(.files[0] | (has("sha256") | not) and .bytes == 300000)' \
    "--no-sha256 rerun: each record has its file's size"

# one job: one sync thread, the same guarantees
run_prog mj-fetch -d dir3 -j 1 < tasks > out3 2> err
is "$?" 0 "-j 1: status 0"
jq_ok out3 'length == 40 and all(.files | length == 1)' "-j 1: every file"
done_testing
