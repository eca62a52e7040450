# Sourced after lib.sh by the mj-fetch-disk-*.sh and mj-fetch-scheme-*.sh
# tests, each on a simulator of its own serving 200,000-byte images:
# two_tasks makes `tasks`, two finished tasks, from that simulator.
TEST_TIMEOUT=60
two_tasks() {
	printf '%s\n' '{"prompt":"big one"}' '{"prompt":"big two"}' |
	    mj-submit | mj-wait -i 200ms > tasks
	jq_ok tasks 'length == 2 and all(.task.status == "SUCCESS")' \
	    "two finished tasks"
}
