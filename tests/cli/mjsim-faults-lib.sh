# Sourced after lib.sh by the mjsim-faults-*.sh tests, each on a simulator
# of its own: code (the HTTP status of an authenticated curl), fault
# CLASS KIND (that fault on the next request of CLASS, set through
# /_sim/faults) and finished_task (id: an imagine that reached SUCCESS).
code() {
	curl -s -o /dev/null -w '%{http_code}' \
	    -H 'Authorization: Bearer test-key' "$@"
}
fault() {
	sim_post /_sim/faults \
	    "{\"faults\":[{\"class\":\"$1\",\"kind\":\"$2\",\"first\":1}]}" >/dev/null
}
finished_task() {
	id=$(sim_api POST /mj/submit/imagine '{"prompt":"img"}' | jq -r .result)
	wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' \
	    $SIM_URL/mj/task/$id/fetch | jq -e '.status == \"SUCCESS\"'"
}
