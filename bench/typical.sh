#!/bin/bash
# What users write today: for each prompt, submit it, poll every 3 s until
# it ends, download the image, then the next prompt.  With PARALLEL=N the
# same per-prompt job runs N at a time under xargs -P.
#   typical.sh PROMPTS.txt OUTDIR      (MJ_BASE_URL, MJ_API_KEY)
set -u
in=$1 out=$2
mkdir -p "$out"
job() {
	local prompt=$1 out=$2 id status url body
	body=$(jq -nc --arg p "$prompt" '{prompt: $p}')
	id=$(curl -s -H "Authorization: Bearer $MJ_API_KEY" -H 'Content-Type: application/json' \
	    -d "$body" "$MJ_BASE_URL/mj/submit/imagine" | jq -r .result)
	for _ in $(seq 1 200); do
		sleep 3
		status=$(curl -s -H "Authorization: Bearer $MJ_API_KEY" "$MJ_BASE_URL/mj/task/$id/fetch")
		case $(jq -r .status <<<"$status") in
		SUCCESS) break ;;
		FAILURE|CANCEL) return 1 ;;
		esac
	done
	url=$(jq -r .imageUrl <<<"$status")
	curl -s -o "$out/$id.png" "$url"
}
export -f job
if [ -n "${PARALLEL:-}" ]; then
	tr '\n' '\0' < "$in" | xargs -0 -P "$PARALLEL" -I{} bash -c 'job "$1" "$2"' _ {} "$out"
else
	while IFS= read -r p; do job "$p" "$out"; done < "$in"
fi
