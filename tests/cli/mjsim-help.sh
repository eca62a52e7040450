#!/bin/bash
# The simulator's --help: a line of help for every option (no server).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
"$PYTHON3" "$top_srcdir/tests/mjsim/mjsim" --help > help.txt
is "$("$PYTHON3" -c '
import re, sys
lines = open(sys.argv[1]).read().split("\n")
bare = [l.split()[0] for i, l in enumerate(lines)
        if re.match(r"^  -", l) and not re.search(r"\S  +\S", l.strip())
        and not (i + 1 < len(lines) and re.match(r"^ {20,}\S", lines[i + 1]))]
print(" ".join(bare) or "none")' help.txt)" none "--help: a line of help for every option"
done_testing
