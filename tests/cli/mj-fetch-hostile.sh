#!/bin/bash
# mj-fetch against a hostile server (a small python3 one on loopback):
# the key follows no redirect to another host, redirects to other schemes
# are refused, a missing Content-Type or an empty body is an error, an
# unknown image type gets an extension from its name.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

cat > srv.py <<'PY'
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_GET(self):
        with open("seen.jsonl", "a") as f:
            f.write(json.dumps({"path": self.path, "host": self.headers.get("Host"),
                                "auth": self.headers.get("Authorization")}) + "\n")
        port = self.server.server_address[1]
        routes = {
            "/away": (302, None, b"", {"Location": "http://localhost:%d/img" % port}),
            "/file": (302, None, b"", {"Location": "file:///etc/passwd"}),
            "/img": (200, "image/png", b"\x89PNG\r\n\x1a\n-fake-png", {}),
            "/notype": (200, None, b"some bytes", {}),
            "/empty": (200, "image/png", b"", {}),
            "/svg": (200, "image/svg+xml; charset=utf-8", b"<svg/>", {}),
        }
        status, ctype, body, extra = routes.get(self.path, (404, "text/plain", b"no", {}))
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
with open("port.tmp", "w") as f:
    f.write(str(s.server_address[1]))
import os; os.rename("port.tmp", "port")
s.timeout = 1
import time
end = time.time() + 120
while time.time() < end:
    s.handle_request()
PY
"$PYTHON3" srv.py 2>srv.log &
srv=$!
_sim_pids="$_sim_pids $srv"
wait_until 10 test -s port || { echo "Bail out! the server did not start"; exit 1; }
P=$(cat port)
B=http://127.0.0.1:$P
export MJ_BASE_URL=$B MJ_API_KEY=hostile-test-key

rec() { jq -cn --arg id "$1" --arg u "$2" '{task:{id:$id,status:"SUCCESS",imageUrl:$u}}'; }

# a redirect from the API host to another host name: followed, no key
rec away "$B/away" | run_prog mj-fetch -d out > out1 2> err
is "$?" 0 "a redirect to another host is followed"
jq_ok out1 '.[0].files[0] | .path == "out/away.png" and .bytes == 17 and .type == "image/png"' "... and the file written"
is "$(jq -r 'select(.path == "/away") | .auth' seen.jsonl)" "Bearer hostile-test-key" "the API host got the key"
is "$(jq -r 'select(.path == "/img") | .auth' seen.jsonl)" null "... the other host did not"
ok "... and the key is in no output" sh -c '! grep -q hostile-test-key out1 err'

# a redirect to file://: refused, no file
rec file "$B/file" | run_prog mj-fetch -d out > out2 2> err
is "$?" 1 "a redirect to file:// fails"
jq_ok out2 '.[0].error.stage == "fetch" and .[0].error.retryable == false and .[0].files == []' "... with a final error"
ok "... and no file" test ! -e out/file.png -a ! -e out/file.part

# no Content-Type, an empty body: errors, nothing left
rec notype "$B/notype" | run_prog mj-fetch -d out > out3 2> err
is "$?" 1 "no Content-Type: status 1"
jq_ok out3 '.[0].error.message | test("not an image or video \\(Content-Type missing\\)")' "... said so"
rec empty "$B/empty" | run_prog mj-fetch -d out > out4 2> err
is "$?" 1 "an empty body: status 1"
jq_ok out4 '.[0].error.message | test(": an empty reply$")' "... said so"
is "$(ls out | tr '\n' ' ')" "away.png " "no file but the good one"

# an image type we have no table entry for: the extension from its name
rec pic "$B/svg" | run_prog mj-fetch -d out > out5 2> err
is "$?" 0 "image/svg+xml is an image"
jq_ok out5 '.[0].files[0] | .path == "out/pic.svg" and .type == "image/svg+xml"' "... out/pic.svg, type without parameters"
n=$(wc -l < seen.jsonl)
rec pic "$B/svg" | run_prog mj-fetch -d out > out6 2> err
is "$(wc -l < seen.jsonl)" "$n" "... found again on a rerun, no request"
done_testing
