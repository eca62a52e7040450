#!/bin/bash
# mj-submit --describe: a task whose prompt texts come back.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > a.png
echo '{"job":"describe"}' | mj-submit --describe --image a.png | mj-wait -i 200ms > de.jsonl 2>/dev/null
jq_ok de.jsonl '.[0].task.action == "DESCRIBE" and .[0].task.status == "SUCCESS" and (.[0].task.prompt | length > 0)' \
    "--describe: a task whose prompt texts come back"
done_testing
