#!/usr/bin/python3
"""A plain Python protobuf client talking to the broker: proof that any language integrates.

Nothing here comes from the Swift code: the messages are generated from proto/*.proto with
protoc at start, and the frames are written on a plain socket (4-byte big-endian length, then a
serialized wire.Frame), exactly as proto/wire.proto documents.

Usage:  /usr/bin/python3 Tests/Interop/interop_client.py [REPO_ROOT] 127.0.0.1:PORT

Needs the Debian packages python3-protobuf and protobuf-compiler (`make deps` installs them);
run it with /usr/bin/python3, which is the Python those packages belong to.
Prints one line per check; exit status 0 only when every check passed, 1 when one failed,
2 when the environment is missing something (protoc, google.protobuf, bad arguments).
"""

import importlib
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

SOCKET_TIMEOUT_S = 10.0
MAX_FRAME_BYTES = 4 * 1024 * 1024


class CheckFailed(Exception):
    pass


def die(message, status=2):
    print(f"interop: {message}", file=sys.stderr, flush=True)
    sys.exit(status)


def parse_arguments(argv):
    script_root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    if len(argv) == 2:
        root, address = script_root, argv[1]
    elif len(argv) == 3:
        root, address = os.path.abspath(argv[1]), argv[2]
    else:
        die("usage: interop_client.py [REPO_ROOT] 127.0.0.1:PORT")
    host, _, port = address.rpartition(":")
    if host != "127.0.0.1" or not port.isdigit() or not 0 < int(port) < 65536:
        die(f"the broker address must be 127.0.0.1:PORT (loopback only), got {address!r}")
    if not os.path.isfile(os.path.join(root, "proto", "wire.proto")):
        die(f"{root} is not the repository root (no proto/wire.proto)")
    return root, (host, int(port))


def generate_modules(root):
    """Runs protoc on proto/*.proto into a temporary directory and imports the results."""
    try:
        import google.protobuf  # noqa: F401
    except ImportError as error:
        die(f"{sys.executable} cannot import google.protobuf ({error}); run `make deps` "
            "(installs the Debian package python3-protobuf) and use /usr/bin/python3")
    protoc = shutil.which("protoc")
    if protoc is None:
        die("protoc not found; run `make deps` (installs the Debian package protobuf-compiler)")
    out = tempfile.mkdtemp(prefix="interop-pb2-")
    command = [protoc, f"--python_out={out}", "-I", "proto", "proto/wire.proto", "proto/window.proto", "proto/echo.proto"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        die(f"protoc failed ({result.returncode}): {result.stderr.strip()}")
    sys.path.insert(0, out)
    modules = tuple(importlib.import_module(name) for name in ("wire_pb2", "window_pb2", "echo_pb2"))
    print(f"ok   generated wire_pb2, window_pb2, echo_pb2 with {protoc} "
          f"(python protobuf {google.protobuf.__version__})", flush=True)
    return out, modules


class Connection:
    """One TCP connection to the broker, speaking length-prefixed wire.Frame."""

    def __init__(self, address, wire_pb2):
        self.wire = wire_pb2
        self.sock = socket.create_connection(address, timeout=SOCKET_TIMEOUT_S)
        self.sock.settimeout(SOCKET_TIMEOUT_S)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        self.sock.close()

    def request_frame(self, call_id, service, method, message, deadline_ms=5000):
        frame = self.wire.Frame()
        frame.call_id = call_id
        frame.kind = self.wire.FRAME_KIND_REQUEST
        frame.service = service
        frame.method = method
        frame.deadline_ms = deadline_ms
        frame.metadata["request-id"] = f"python-interop-{call_id}"
        frame.payload = message.SerializeToString()
        return frame

    def send(self, frames):
        """Writes the frames in one go (pipelined: nothing is read in between)."""
        data = bytearray()
        for frame in frames:
            body = frame.SerializeToString()
            data += struct.pack(">I", len(body)) + body
        self.sock.sendall(bytes(data))

    def _read_exactly(self, count):
        chunks, remaining = [], count
        while remaining:
            try:
                chunk = self.sock.recv(remaining)
            except socket.timeout:
                raise CheckFailed(f"no data from the broker within {SOCKET_TIMEOUT_S} s")
            if not chunk:
                raise CheckFailed("the broker closed the connection")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def receive(self):
        (length,) = struct.unpack(">I", self._read_exactly(4))
        if length > MAX_FRAME_BYTES:
            raise CheckFailed(f"frame of {length} bytes announced, more than {MAX_FRAME_BYTES}")
        frame = self.wire.Frame()
        frame.ParseFromString(self._read_exactly(length))
        if frame.kind == self.wire.FRAME_KIND_ERROR:
            raise CheckFailed(f"the broker sent an ERROR frame: {describe_status(self.wire, frame.status)}")
        return frame

    def call(self, call_id, service, method, message):
        self.send([self.request_frame(call_id, service, method, message)])
        return self.receive()


def describe_status(wire_pb2, status):
    text = f"{wire_pb2.StatusCode.Name(status.code)}({status.code}) {status.message!r}"
    for violation in status.violations:
        text += f" [{violation.field}: {violation.description}]"
    return text


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def expect_response(wire_pb2, frame, call_id, code):
    expect(frame.kind == wire_pb2.FRAME_KIND_RESPONSE,
           f"expected a RESPONSE frame, got {wire_pb2.FrameKind.Name(frame.kind)}")
    expect(frame.call_id == call_id, f"expected call_id {call_id}, got {frame.call_id}")
    expect(frame.HasField("status") or code == wire_pb2.OK,
           f"call {call_id}: response without a status")
    expect(frame.status.code == code,
           f"call {call_id}: expected {wire_pb2.StatusCode.Name(code)}, got {describe_status(wire_pb2, frame.status)}")


def check_list_services(conn, wire_pb2, window_pb2):
    frame = conn.call(1, "window", "ListServices", window_pb2.ListServicesRequest())
    expect_response(wire_pb2, frame, 1, wire_pb2.OK)
    listing = window_pb2.ListServicesResponse()
    listing.ParseFromString(frame.payload)
    services = {service.name: service for service in listing.services}
    expect("echo" in services, f"service 'echo' not listed (got {sorted(services)})")
    methods = {method.name: method for method in services["echo"].methods}
    expect("Echo" in methods, f"echo has no method 'Echo' (got {sorted(methods)})")
    expect(methods["Echo"].request_type == "echo.EchoRequest",
           f"echo.Echo request type is {methods['Echo'].request_type!r}")
    instances = [instance.instance_id for instance in services["echo"].instances]
    expect(instances, "service 'echo' has no instances")
    return f"window.ListServices lists echo with methods {sorted(methods)} on instances {instances}"


def check_pipelined_echo(conn, wire_pb2, echo_pb2):
    texts = {
        10: "hello", 11: "你好", 12: "一站式服务窗口", 13: "社区就业服务", 14: "",
        15: "mixed 文本 with ascii", 16: "emoji 🙂 and 汉字", 17: "x" * 5000,
        18: "第十八号", 19: "last one 最后",
    }
    frames = [conn.request_frame(call_id, "echo", "Echo", echo_pb2.EchoRequest(text=text, blob=text.encode()[:16]))
              for call_id, text in texts.items()]
    conn.send(frames)
    answered, order = {}, []
    while len(answered) < len(texts):
        frame = conn.receive()
        expect(frame.call_id in texts, f"response for unknown call_id {frame.call_id}")
        expect(frame.call_id not in answered, f"second response for call_id {frame.call_id}")
        answered[frame.call_id] = frame
        order.append(frame.call_id)
    for call_id, text in texts.items():
        frame = answered[call_id]
        expect_response(wire_pb2, frame, call_id, wire_pb2.OK)
        reply = echo_pb2.EchoResponse()
        reply.ParseFromString(frame.payload)
        expect(reply.text == text, f"call {call_id}: sent {text[:40]!r}, echoed {reply.text[:40]!r}")
        expect(reply.blob == text.encode()[:16], f"call {call_id}: blob not echoed")
        expect(reply.instance_id, f"call {call_id}: no instance_id in the reply")
    return f"{len(texts)} pipelined echo.Echo calls answered and matched by call_id (arrival order {order})"


def check_validate(conn, wire_pb2, echo_pb2):
    frame = conn.call(30, "echo", "Validate", echo_pb2.ValidateRequest(id_number="110105194912310021", amount_fen=100))
    expect_response(wire_pb2, frame, 30, wire_pb2.INVALID_ARGUMENT)
    fields = [violation.field for violation in frame.status.violations]
    expect("id_number" in fields, f"no violation for field 'id_number' (got {fields})")
    # And the good number is accepted, to show the check character is what made the difference.
    frame = conn.call(31, "echo", "Validate", echo_pb2.ValidateRequest(id_number="11010519491231002X", amount_fen=100))
    expect_response(wire_pb2, frame, 31, wire_pb2.OK)
    reply = echo_pb2.ValidateResponse()
    reply.ParseFromString(frame.payload)
    expect(reply.birth_date == "1949-12-31", f"birth_date of the valid number is {reply.birth_date!r}")
    return f"echo.Validate: bad check character -> INVALID_ARGUMENT with violation on {fields}; valid number -> OK"


def check_unknown_service(conn, wire_pb2, echo_pb2):
    frame = conn.call(40, "no-such-service", "Anything", echo_pb2.EchoRequest(text="?"))
    expect_response(wire_pb2, frame, 40, wire_pb2.UNAVAILABLE)
    expect(frame.status.code == 14, "UNAVAILABLE is not 14")
    return f"unknown service -> UNAVAILABLE (14): {frame.status.message!r}"


def main(argv):
    root, address = parse_arguments(argv)
    generated, (wire_pb2, window_pb2, echo_pb2) = generate_modules(root)
    checks = [
        ("list services", lambda conn: check_list_services(conn, wire_pb2, window_pb2)),
        ("pipelined echo", lambda conn: check_pipelined_echo(conn, wire_pb2, echo_pb2)),
        ("validate", lambda conn: check_validate(conn, wire_pb2, echo_pb2)),
        ("unknown service", lambda conn: check_unknown_service(conn, wire_pb2, echo_pb2)),
    ]
    failures = 0
    started = time.monotonic()
    try:
        for name, check in checks:
            # A connection per check, so a failed check cannot leave stray responses for the next.
            try:
                conn = Connection(address, wire_pb2)
            except OSError as error:
                failures += 1
                print(f"FAIL {name}: cannot connect to {address[0]}:{address[1]}: {error}", flush=True)
                continue
            try:
                print(f"ok   {name}: {check(conn)}", flush=True)
            except (CheckFailed, OSError) as error:
                failures += 1
                print(f"FAIL {name}: {error}", flush=True)
            finally:
                conn.close()
    finally:
        shutil.rmtree(generated, ignore_errors=True)
    elapsed = time.monotonic() - started
    if failures:
        print(f"interop: {failures} of {len(checks)} checks FAILED ({elapsed:.2f} s)", flush=True)
        return 1
    print(f"interop: all {len(checks)} checks passed ({elapsed:.2f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
