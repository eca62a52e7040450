#!/bin/bash
# mj-pack --gallery with files libvips cannot make a thumbnail of (a
# truncated PNG and JPEG, GIF bytes named .png, a PNG whose header
# claims 400 million pixels) and a video: every file is packed, status
# 0; each image a warning naming it and why, and its card says why
# instead of a preview; the video is a <video> of its member; quotes in
# a prompt are escaped.
. "$top_srcdir/tests/cli/lib.sh"
command -v bsdtar >/dev/null || skip_all "bsdtar (libarchive-tools) is not installed"
command -v convert >/dev/null || { echo "Bail out! ImageMagick's convert is needed (Debian: imagemagick)"; exit 1; }

"$PYTHON3" - <<'PY'
import os, struct, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
def png(w, h, raw):
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
d = png(300, 300, b"".join(b"\0" + os.urandom(900) for _ in range(300)))
open("cut.png", "wb").write(d[:len(d) // 2])
open("gif.png", "wb").write(b"GIF89a")
open("bomb.png", "wb").write(png(20000, 20000, b"\0" * 100))
open("clip.mp4", "wb").write(b"\0\0\0\x18ftypmp42" + os.urandom(2000))
PY
convert -size 300x300 plasma: whole.jpg 2>/dev/null
head -c $(( $(stat -c %s whole.jpg) / 2 )) whole.jpg > cut.jpg
rec() { printf '{"prompt":"%s","task":{"id":"%s","status":"SUCCESS","action":"IMAGINE","seed":"77"},"files":[{"path":"%s"}]}\n' "$@"; }
{
	rec "it's \\\"cut\\\"" 1 cut.png
	rec jpeg 2 cut.jpg
	rec gif 3 gif.png
	rec bomb 4 bomb.png
	rec video 5 clip.mp4
} > recs.jsonl

run_prog mj-pack --gallery -o g.tar < recs.jsonl > out.jsonl 2> err
is "$?" 0 "status 0"
is "$(bsdtar -tf g.tar | sort | paste -sd' ')" \
    "bomb.png clip.mp4 cut.jpg cut.png gif.png index.html manifest.jsonl" \
    "every file packed, no thumbnail"
jq_ok out.jsonl 'length == 5 and all(has("error") | not)' "no record an error"
for f in cut.png cut.jpg gif.png bomb.png; do
	ok "$f: a warning naming it" grep -q "^mj-pack: warning: line [0-9]: no thumbnail: $f: ." err
done
ok "the bomb refused from its header" grep -q "bomb.png: 400000000 pixels, more than the 100000000 allowed" err
is "$(grep -c 'no thumbnail' err)" 4 "one warning an image, none for the video"
bsdtar -xOf g.tar index.html > page.html
is "$(grep -o 'class="none">[^<]*' page.html | grep -c ': .')" 4 "each image's card says why"
ok "the video is a <video> of its member" grep -q '<video controls preload="none" src="clip.mp4"></video>' page.html
ok "quotes in a prompt escaped" grep -qF 'it&#39;s &quot;cut&quot;' page.html
ok "action and seed in the captions" grep -q 'IMAGINE &middot; seed 77' page.html
done_testing
