# The strict reference (tests/cli/jsonref.py: Python's json, NaN refused)
# for json-suite.sh and json-differential.sh, sourced after lib.sh.
# jsonref prints "STATUS description" and "# detail" lines; report turns
# them into test points.  A check that did not run, or the reference
# crashing, fails: see checked.
ref() { "$PYTHON3" "$top_srcdir/tests/cli/jsonref.py" "$@"; }
reported=0
report() {
	local st desc
	while IFS=' ' read -r st desc; do
		case $st in
		0|1) _result "$st" "$desc"; reported=$((reported + 1)) ;;
		*) printf '%s %s\n' "$st" "$desc" ;;
		esac
	done
}
checked() { is "$reported" "$1" "the reference ran all $1 checks"; }
