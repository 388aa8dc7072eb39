"""What the bench scripts' Python clients share: a reply line off a RESP socket, a process's RSS."""


def read_line(sock):
    """Reads one reply line such as +PONG\\r\\n (with its \\r\\n); OSError when the server closed first."""
    reply = b""
    while not reply.endswith(b"\r\n"):
        chunk = sock.recv(64)
        if not chunk:
            raise OSError("closed by the server")
        reply += chunk
    return reply


def rss_kib(pid):
    """The process's resident set (VmRSS) in KiB, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
