#!/bin/bash
# make check-long: a random program of the pipeline killed 24 times.
KILLS=24 N=200 TEST_TIMEOUT=1800 SEED=${SEED:-20261125} \
    exec bash "$top_srcdir/tests/cli/rel-kill.sh"
