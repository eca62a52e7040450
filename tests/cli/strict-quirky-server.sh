#!/bin/bash
# What a server sends comes out strict: a quirky task reply (NaN,
# Infinity, lone surrogates, bad bytes, 2.) is written as strict JSON in
# UTF-8, the events too.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
# strict: UTF-8, NaN refused, each line one JSON value
strict() {
	"$PYTHON3" -c '
import json, sys
for ln in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    json.loads(ln.decode("utf-8"), parse_constant=lambda c: 1 / 0)' "$1" 2>/dev/null
}

cat > quirky.py <<'PY'
import http.server, socketserver, sys
TASK = (b'{"id":"42","status":"SUCCESS","progress":NaN,"prompt":"lone \\ud800 \\udc00",'
        b'"description":"bad \xff\xfe \xed\xa0\x80","v":-Infinity,"w":2.,"k\xffey":1,'
        b'"imageUrl":"","buttons":[],"n":[Infinity,1.5]}')
class H(http.server.BaseHTTPRequestHandler):
    def reply(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"[" + TASK + b"]" if "list" in self.path else TASK
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = reply
    def log_message(self, *a):
        pass
s = socketserver.TCPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
"$PYTHON3" quirky.py qport &
_sim_pids="$_sim_pids $!"
wait_until 10 test -s qport || { echo "Bail out! the quirky server"; exit 1; }
echo 42 | MJ_API_KEY=k mj-wait --base-url "http://127.0.0.1:$(cat qport)" -i 100ms --events ev.jsonl > out 2> err
is "$?" 0 "a quirky server's task: status 0"
ok "... written as strict JSON in UTF-8" strict out
ok "... the events too" strict ev.jsonl
jq_ok out '.[0].task | .progress == null and .v == null and .n == [null,1.5] and .w == 2.0 and
    .prompt == "lone \ufffd \ufffd" and .description == "bad \ufffd\ufffd \ufffd\ufffd\ufffd" and .["k\ufffdey"] == 1' \
    "... NaN and Infinity become null, lone surrogates and bad bytes U+FFFD, 2. becomes 2.0"
sim_stop
done_testing
