#!/bin/bash
# make check-long: mj-submit killed at 20 random instants, 200 prompts.
KILLS=20 N=200 TEST_TIMEOUT=900 SEED=${SEED:-20261125} \
    exec bash "$top_srcdir/tests/cli/mj-submit-kill.sh"
