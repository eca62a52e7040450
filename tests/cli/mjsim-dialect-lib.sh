# Sourced after lib.sh by the mjsim-dialect-*.sh tests (the simulator's
# dialects, tests/mjsim/mjsim --dialect, api.md 7b, with curl straight
# against it), mjsim-grid-ar*.sh and mjsim-help.sh, each on a simulator of
# its own that says its dialect (comet when it names none).
SIM_DIALECT_FIXED=1	# each simulator here says its dialect
png="data:image/png;base64,iVBORw0KGgo="
# wait_status ID STATUS: the task reaches STATUS within 10 s
wait_status() {
	wait_until 10 sh -c "curl -s -H 'Authorization: Bearer test-key' \
	    $SIM_URL/mj/task/$1/fetch | jq -e '.status == \"$2\"'"
}
code_of() { echo "$1" | jq -r .code; }
# http METHOD PATH [JSON]: "STATUS BODY" of an authenticated call
http() {
	curl -s --max-time 10 -H 'Authorization: Bearer test-key' \
	    -H 'Content-Type: application/json' -X "$1" ${3:+-d "$3"} \
	    -o body -w '%{http_code}' "$SIM_URL$2"
	printf ' %s' "$(cat body)"
}
