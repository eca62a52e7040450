#!/bin/bash
# rel-oom.sh on a dense sample: the first hundred points of each program,
# every fourth after, and every point on the journal and publish paths
OOM_FIRST=100 OOM_STEP=${OOM_STEP:-4} OOM_PATH=all \
    OOM_PROGS=${OOM_PROGS:-"submit wait fetch pack gallery"} \
    TEST_TIMEOUT=${TEST_TIMEOUT:-7200} \
    exec "$BASH" "$top_srcdir/tests/cli/rel-oom.sh"
