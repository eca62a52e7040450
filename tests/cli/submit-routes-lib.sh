# Sourced after lib.sh by the mj-submit-edit-*, -describe-language,
# -video-frames-*, -video-extend-* and -dialect-* tests, each of which
# starts its own simulator: what the server received and made, and the
# inputs they share.

# request ID: the body task ID was submitted with, as the server got it
request() { sim_get "/_sim/task/$1" | jq -c .request; }
# created: how many tasks the server made
created() { sim_stats | jq -r '.tasks_created'; }
# req ROUTE: how many requests POST /mj/submit/ROUTE took (0 for none)
req() { sim_stats | jq -r ".requests[\"POST /mj/submit/$1\"] // 0"; }

# tiny_png FILE TAG: FILE holds a PNG signature and header (TAG in it),
# an image as far as mj-submit reads one; prints FILE's data URI
tiny_png() {
	printf '\211PNG\r\n\032\n\0\0\0\rIHDR%s' "$2" > "$1"
	printf 'data:image/png;base64,%s' "$(base64 -w0 "$1")"
}

# the videos' first frame: a URL, sent as given
first=http://img.example/first.png

# finished_video: a video of two variants submitted and waited for, in
# video.jsonl; checks it (one result)
finished_video() {
	echo 'waves' | mj-submit --video --image "$first" --batch-size 2 |
	    mj-wait -i 200ms > video.jsonl 2> err
	jq_ok video.jsonl '.[0].task.status == "SUCCESS" and
	    (.[0].task.videoUrls | length) == 2' "a finished video, two variants"
}
