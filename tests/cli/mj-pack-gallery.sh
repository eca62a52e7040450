#!/bin/bash
# mj-pack --gallery: the page opened in a real headless Chromium: every
# image loads, nothing is fetched from the network, a prompt holding
# <script> is shown as text and runs nothing (the page's one script is
# its filter); a screenshot is kept.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/pack-png-lib.sh"
TEST_TIMEOUT=180
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || skip_all "chromium is not installed (.ci/run installs it)"
command -v bsdtar >/dev/null || skip_all "bsdtar is not installed"

# real PNGs of several sizes, with hostile names and prompts
png_py <<'PY'
png("red.png", 64, 48, (200, 30, 30))
png("green #1.png", 48, 64, (30, 200, 30))
png("blue?x=1.png", 32, 32, (30, 30, 200))
for i in range(12):
    png("grid%02d.png" % i, 40, 40, (i * 20, 100, 255 - i * 20))
PY
{
	printf '%s\n' '{"prompt":"<script>document.title=\"pwned\"</script><img src=x onerror=alert(1)>","task":{"id":"9001","status":"SUCCESS"},"files":[{"path":"red.png","type":"image/png"}]}'
	printf '%s\n' '{"prompt":"a \"quoted\" & <b>bold</b> boat","task":{"id":"9002","status":"SUCCESS"},"files":[{"path":"green #1.png"},{"path":"blue?x=1.png"}]}'
	for i in $(seq -w 0 11); do
		printf '{"prompt":"grid image %s","task":{"id":"93%s","status":"SUCCESS"},"files":[{"path":"grid%s.png"}]}\n' "$i" "$i" "$i"
	done
	printf '%s\n' '{"prompt":"failed one","task":{"id":"9100","status":"FAILURE"},"error":{"stage":"wait","message":"banned <word>"}}'
} > recs.jsonl
mj-pack --gallery --prefix img/ -o g.tar.gz < recs.jsonl > out.jsonl 2> err
is "$?" 0 "packed with a gallery"
mkdir site && bsdtar -xf g.tar.gz -C site
ok "index.html at the root" test -s site/index.html
ok "one inline script (the filter), no external reference in the page" sh -c \
    "[ \$(grep -o '<script' site/index.html | wc -l) = 1 ] && ! grep -Eiq '<script[^>]*src|https?://|//[a-z]' site/index.html"
ok "a Content-Security-Policy allowing that script only, by its hash" \
    grep -q "script-src 'sha256-[A-Za-z0-9+/]*='" site/index.html
ok "the hostile prompt is escaped in the file" grep -q '&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' site/index.html
ok "a viewport for phones" grep -q 'name="viewport"' site/index.html

# a test page (not part of the product) loads the gallery in a frame and
# reports what the browser made of it in its title
cat > site/probe.html <<'HTML'
<!DOCTYPE html><html><head><title>probe</title></head><body>
<iframe id="g" src="index.html" style="width:1200px;height:6000px;border:0"></iframe>
<script>
window.onload = function () {
  var d = document.getElementById("g").contentDocument, tries = 0;
  function check() {
    var imgs = Array.prototype.slice.call(d.images);
    var loaded = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
    if (loaded < imgs.length && ++tries < 50) { setTimeout(check, 100); return; }
    var text = d.body.textContent;
    document.title = "imgs=" + imgs.length + " loaded=" + loaded +
      " scripts=" + d.scripts.length + " innertitle=" + d.title +
      " shown=" + (text.indexOf('<script>document.title="pwned"<\/script>') >= 0) +
      " links=" + d.querySelectorAll("a[href]").length +
      " cards=" + d.querySelectorAll("figure").length;
  }
  check();
};
</script></body></html>
HTML
serve_dir site
port=$SERVE_PORT
run_chromium() {
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
	    --no-first-run --user-data-dir="$TEST_DIR/profile" --virtual-time-budget=8000 "$@" 2>>chromium.log
}
title=$(run_chromium --dump-dom "http://127.0.0.1:$port/probe.html" | sed -n 's:.*<title>\(.*\)</title>.*:\1:p')
diag "browser says: $title"
is "$(sed 's/.*imgs=\([0-9]*\) loaded=\([0-9]*\).*/\1 \2/' <<<"$title")" "15 15" "every image of the gallery loaded (15 of 15)"
is "$(grep -o 'scripts=[0-9]*' <<<"$title")" "scripts=1" "the page has its own script only"
is "$(grep -o 'innertitle=[^ ]*' <<<"$title")" "innertitle=mjpipe" "the hostile prompt did not change the page"
is "$(grep -o 'shown=[a-z]*' <<<"$title")" "shown=true" "the hostile prompt is shown as text"
is "$(grep -o 'links=[0-9]*' <<<"$title")" "links=15" "each image links to its full file"
is "$(grep -o 'cards=[0-9]*' <<<"$title")" "cards=16" "a card per image, and one for the failed task"
run_chromium --screenshot="$TEST_DIR/gallery.png" --window-size=1280,900 "http://127.0.0.1:$port/index.html" > /dev/null
ok "a desktop screenshot" sh -c "file gallery.png | grep -q 'PNG image data, 1280 x 900'"
run_chromium --screenshot="$TEST_DIR/phone.png" --window-size=390,844 "http://127.0.0.1:$port/index.html" > /dev/null
ok "a phone screenshot" sh -c "file phone.png | grep -q 'PNG image data, 390 x 844'"
keep=${MJ_TEST_ARTIFACTS:-$top_builddir/tests}
cp gallery.png "$keep/gallery-screenshot.png" 2>/dev/null && diag "screenshot kept in $keep/gallery-screenshot.png"
done_testing
