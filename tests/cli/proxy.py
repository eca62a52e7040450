#!/usr/bin/env python3
"""Two small proxies for the tests, on loopback, as the current user.

  proxy.py --port-file F --answer CODE     answers every request, CONNECT
                                           included, with CODE (407, 502...)
  proxy.py --port-file F --relay PORT --dump FILE
                                           passes every byte on to
                                           127.0.0.1:PORT (a real proxy) and
                                           writes what clients sent to FILE

The first lines of the requests go to stderr (one per request)."""
import argparse
import socket
import sys
import threading

REASONS = {407: "Proxy Authentication Required", 502: "Bad Gateway",
           503: "Service Unavailable"}


def answer(conn, code):
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        sys.stderr.write(data.split(b"\r\n", 1)[0].decode("latin-1") + "\n")
        sys.stderr.flush()
        extra = 'Proxy-Authenticate: Basic realm="test"\r\n' if code == 407 else ""
        conn.sendall(("HTTP/1.1 %d %s\r\n%sContent-Length: 0\r\n"
                      "Connection: close\r\n\r\n"
                      % (code, REASONS.get(code, "Error"), extra)).encode())
    except OSError:
        pass
    finally:
        conn.close()


def pump(src, dst, dump, lock):
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            if dump is not None:
                with lock:
                    dump.write(chunk)
                    dump.flush()
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def relay(conn, port, dump, lock):
    try:
        up = socket.create_connection(("127.0.0.1", port))
    except OSError:
        conn.close()
        return
    threading.Thread(target=pump, args=(conn, up, dump, lock), daemon=True).start()
    threading.Thread(target=pump, args=(up, conn, None, lock), daemon=True).start()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port-file", required=True)
    p.add_argument("--answer", type=int)
    p.add_argument("--relay", type=int)
    p.add_argument("--dump")
    a = p.parse_args()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    import os
    os.rename(a.port_file + ".tmp", a.port_file)
    dump = open(a.dump, "ab") if a.dump else None
    lock = threading.Lock()
    while True:
        conn, _ = srv.accept()
        if a.answer:
            threading.Thread(target=answer, args=(conn, a.answer), daemon=True).start()
        else:
            relay(conn, a.relay, dump, lock)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
