# bench scenario: expanding prompts.  Sourced by bench/run, which defines
# the harness (row, st, timed, best, cpu ...) and runs sc_* in its order.

# --- 6b: prompt expansion -----------------------------------------------------
# mj-submit -n on rows of two 2-option groups (4 jobs each) against the
# same jobs written out one per row: the time per job may grow by 10% at
# most, so that expanding in mjpipe costs about what a script that
# pre-expands would.  CPU time (user+system), the least of three runs.
sc_expand() {
	local n a b r
	n=$(q 100000 20000)
	section "expanding $n rows into $((4 * n)) jobs"
	python3 - "$n" <<'PY'
import sys
n = int(sys.argv[1])
with open("perm.txt", "w") as p, open("flat.txt", "w") as f:
    for i in range(n):
        p.write("a paper boat number %d, {ink, oil} --ar {3:2, 2:3}\n" % i)
        for s in ("ink", "oil"):
            for ar in ("3:2", "2:3"):
                f.write("a paper boat number %d, %s --ar %s\n" % (i, s, ar))
PY
	for r in 1 2 3; do
		timed "t-ex$r" timeout -k 5 300 mj-submit -q -n -f lines \
		    perm.txt > ex.jsonl
		st "mj-submit -n (expanding)" 0 $?
		[ "$(wc -l < ex.jsonl)" = $((4 * n)) ] ||
		    broke "mj-submit -n: $(wc -l < ex.jsonl) jobs of $((4 * n))"
		timed "t-fl$r" timeout -k 5 300 mj-submit -q -n -f lines \
		    flat.txt > fl.jsonl
		st "mj-submit -n (written out)" 0 $?
	done
	# the least CPU of each: other load on the machine only adds
	a=$(calc "min($(cpu t-ex1), $(cpu t-ex2), $(cpu t-ex3))")
	b=$(calc "min($(cpu t-fl1), $(cpu t-fl2), $(cpu t-fl3))")
	r=$(calc "round($a / max($b, 0.01), 2)")
	row "mj-submit -n, $n rows of 4 permutations ($((4 * n)) jobs), CPU" \
	    "${a}s" "the $((4 * n)) jobs written out: ${b}s" "$r" \
	    "<= 1.1 per job" "$(verdict "$a / max($b, 0.01) <= 1.1")"
	rm -f ex.jsonl fl.jsonl perm.txt flat.txt
}
