#!/usr/bin/env python3
"""A hostile API server for the tests: the first path component picks the
misbehaviour, e.g. http://127.0.0.1:PORT/deep/mj/submit/imagine.
  big       a 40 MiB reply          deep     JSON nested 100000 deep
  stream    a 40 MiB reply, chunked (no length declared)
  headers   a 1 MiB header          html     200 with an HTML page
  tofile    302 to file:///etc/passwd
  toother   302 to the same server under another host name (localhost)
  echo      the request's headers, as JSON (what reached "another host")
Requests are logged as JSON lines to --log.  Stops after --max-seconds."""
import argparse, http.server, json, socketserver, sys, threading

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--max-seconds", type=float, default=120)
    a = p.parse_args()
    log = open(a.log, "a")
    lock = threading.Lock()

    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args):
            pass
        def reply(self, code, body, ctype="application/json", extra=()):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        def handle_any(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(n)
            with lock:
                log.write(json.dumps({"host": self.headers.get("Host"), "path": self.path,
                                      "headers": dict(self.headers)}) + "\n")
                log.flush()
            mode = self.path.split("/")[1] if self.path.count("/") > 1 else ""
            port = self.server.server_address[1]
            if mode == "big":
                self.reply(200, b'{"code":1,"result":"' + b"9" * (40 << 20) + b'"}')
            elif mode == "stream":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"9" * (1 << 20)
                self.wfile.write(b'%x\r\n{"code":1,"result":"\r\n' % 20)
                for _ in range(40):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b'2\r\n"}\r\n0\r\n\r\n')
            elif mode == "deep":
                self.reply(200, b"[" * 100000 + b"]" * 100000)
            elif mode == "headers":
                self.reply(200, b"{}", extra=[("X-Filler", "a" * (1 << 20))])
            elif mode == "html":
                self.reply(200, b"<html><body>Gateway says hello</body></html>", "text/html")
            elif mode == "tofile":
                self.reply(302, b"", extra=[("Location", "file:///etc/passwd")])
            elif mode == "toother":
                rest = self.path.split("/", 2)[2]
                self.reply(302, b"", extra=[("Location", "http://localhost:%d/echo/%s" % (port, rest))])
            elif mode == "loop":
                self.reply(302, b"", extra=[("Location", self.path)])
            elif mode == "echo":
                self.reply(200, json.dumps({"id": "1", "status": "SUCCESS", "headers": dict(self.headers)}).encode())
            else:
                self.reply(404, b'{"error":"no such mode"}')
        do_GET = do_POST = handle_any

    class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        def handle_error(self, request, client_address):
            pass    # clients hanging up on the big replies is the point
    srv = S(("127.0.0.1", 0), H)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(a.port_file + ".tmp", a.port_file)
    threading.Timer(a.max_seconds, srv.shutdown).start()
    srv.serve_forever()

if __name__ == "__main__":
    main()
