#!/usr/bin/env python3
"""One get line naming a 512 KiB value 600 and 2,000 times: seconds to the last byte, and to the first.

Usage: bench/large-get.py PORT   (a plaintext memcached-protocol port on 127.0.0.1, auth off)
Issue 12: memcached writes such a reply as the client reads; a server that builds it whole stalls.
"""
import socket, sys, time
def run(port, repeats, value_size=512*1024):
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(120)
    v = b"v"*value_size
    s.sendall(b"set big 0 0 %d\r\n" % len(v) + v + b"\r\n")
    buf=b""
    while b"STORED\r\n" not in buf: buf += s.recv(65536)
    req = b"get" + b" big"*repeats + b"\r\n"
    t0=time.time(); s.sendall(req)
    expect = repeats*(len(b"VALUE big 0 %d\r\n" % value_size)+value_size+2)+5
    got=0; first=None
    while got < expect:
        d=s.recv(1<<20)
        if not d: break
        if first is None: first=time.time()-t0
        got+=len(d)
    t=time.time()-t0; s.close()
    return t, first, got==expect
port=int(sys.argv[1])
for r in (600, 2000):
    t,f,ok=run(port,r)
    print(f"port {port} repeats {r}: {t:.3f} s total, first byte {f*1000:.1f} ms, complete={ok}")
