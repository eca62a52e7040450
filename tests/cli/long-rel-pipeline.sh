#!/bin/bash
# make check-long: the fault matrix, 200 prompts, every fault at 5% and 30%.
N=200 RATES="0.05 0.3" KINDS="500 503 429 reset truncated invalid slow lost" \
    TEST_TIMEOUT=3000 exec bash "$top_srcdir/tests/cli/rel-pipeline.sh"
