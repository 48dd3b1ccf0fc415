#!/usr/bin/python3
"""Generates the Swift contract modules from proto/*.proto. DO NOT hand-edit what it writes.

Usage: gen-contracts.py OUTPUT_ROOT   (run from the repository root; `make proto` runs it through
scripts/gen-protos.sh, and `make proto-check` re-runs it into a temporary folder and diffs).

Why Python: protoc hands the parsed .proto files over as a FileDescriptorSet, and Debian's
python3-protobuf reads it with no build step and no Swift package (swift-protobuf's plugin alone
takes ~10 minutes to build here). The output is plain Swift that compiles against protoc-c's C
structs, so protobuf-c stays the only codec.

For each proto package P (namespace `P`, e.g. `employment` -> `Employment`) it writes:

- `<dir>/<P>Messages.swift`: one `P.Message` struct per message (proto3 defaults, sub-messages
  optional, repeated as arrays, map<string, V> as dictionaries, a oneof as an optional enum) and
  one `P.Enum` per enum (open: an unknown number reads as UNKNOWN if the enum has it, else as the
  zero value). Each message converts itself straight to and from its protoc-c struct: encoding
  fills the struct in an arena and packs it; decoding unpacks with `wire_decode` (bounded memory,
  strings checked) and reads the struct's fields.
- `<dir>/<P>Service.swift` (packages with a `service`): the service protocol `P.<S>Service` with
  one requirement per rpc, its `serviceDefinition()` for the runtime, and the typed client
  `P.<S>Client`. An rpc whose leading comment contains `[inline]` is answered synchronously on
  the connection's event loop (cheap, no I/O), so its requirement is not `async`. Every rpc must
  say who may call it with `[roles: a, b]` in its leading comment ("any": every authenticated
  caller); the roles travel with the registration and the broker enforces them.

Package `wire` goes into the WireProtocol module itself (the frame codec is built on it);
every other package becomes its own module `<P>Contract` under Shared/Contracts/<P>/.
"""
import os
import re
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2

F = descriptor_pb2.FieldDescriptorProto
SCALARS = {
    F.TYPE_DOUBLE: ("Double", "0"), F.TYPE_FLOAT: ("Float", "0"),
    F.TYPE_INT64: ("Int64", "0"), F.TYPE_UINT64: ("UInt64", "0"), F.TYPE_INT32: ("Int32", "0"),
    F.TYPE_FIXED64: ("UInt64", "0"), F.TYPE_FIXED32: ("UInt32", "0"), F.TYPE_BOOL: ("Bool", "false"),
    F.TYPE_STRING: ("String", '""'), F.TYPE_BYTES: ("[UInt8]", "[]"), F.TYPE_UINT32: ("UInt32", "0"),
    F.TYPE_SFIXED32: ("Int32", "0"), F.TYPE_SFIXED64: ("Int64", "0"), F.TYPE_SINT32: ("Int32", "0"),
    F.TYPE_SINT64: ("Int64", "0"),
}
KEYWORDS = {"class", "struct", "enum", "protocol", "default", "internal", "public", "private", "func",
            "var", "let", "in", "is", "as", "case", "switch", "where", "return", "self", "Type", "init",
            "operator", "repeat", "extension", "import", "static", "subscript", "throws", "true", "false",
            "nil", "package", "fileprivate", "open", "while", "for", "if", "else", "guard", "do", "try",
            "catch", "throw", "break", "continue", "defer", "fallthrough", "inout", "super", "Any"}


def camel(name, upper=False):
    parts = name.split("_")
    out = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return out[:1].upper() + out[1:] if upper else out


def ident(name):
    return f"`{name}`" if name in KEYWORDS else name


def bare(name):
    return name.strip("`")


def lower_first(name):
    # GetJobSeeker -> getJobSeeker, WhoAmI -> whoAmI
    return name[:1].lower() + name[1:]


def c_lower(name):
    """protoc-c's CamelToLower: an underscore before an upper-case letter that follows a
    non-upper-case one (JobSeeker -> job_seeker, WhoAmIRequest -> who_am_irequest)."""
    out, was_upper = "", True
    for ch in name:
        if ch.isupper():
            if not was_upper:
                out += "_"
            out += ch.lower()
            was_upper = True
        else:
            out += ch
            was_upper = False
    return out


def namespace(package):
    return package[:1].upper() + package[1:]


def enum_case(value_name, enum_name):
    # FRAME_KIND_REQUEST -> request; SEEKER_CATEGORY_UNSPECIFIED -> unspecified; INVALID_ARGUMENT -> invalidArgument
    prefix = "".join("_" + c if c.isupper() else c for c in enum_name).lstrip("_").upper() + "_"
    name = value_name[len(prefix):] if value_name.startswith(prefix) else value_name
    return ident(camel(name.lower()))


def doc(text, indent):
    if not text:
        return []
    return [f"{indent}/// {line.strip()}".rstrip() for line in text.strip().splitlines()]


class Model:
    """Every message and enum of every file, by full name (`.pkg.Name`)."""

    def __init__(self, files):
        self.messages, self.enums, self.maps = {}, {}, {}
        for file_proto in files:
            package = file_proto.package
            for message in file_proto.message_type:
                full = f".{package}.{message.name}"
                self.messages[full] = (package, message)
                for nested in message.nested_type:
                    if nested.options.map_entry:
                        self.maps[f"{full}.{nested.name}"] = (package, message, nested)
                    else:
                        raise SystemExit(f"{full}.{nested.name}: nested messages are not supported; declare it at top level")
                if message.enum_type:
                    raise SystemExit(f"{full}: nested enums are not supported; declare them at top level")
            for enum in file_proto.enum_type:
                self.enums[f".{package}.{enum.name}"] = (package, enum)

    def swift_name(self, type_name):
        package, name = type_name[1:].split(".", 1)
        return f"{namespace(package)}.{name}"

    def c_type(self, type_name):
        package, rest = type_name[1:].split(".", 1)
        return f"{namespace(package)}__" + "__".join(rest.split("."))

    def c_function(self, type_name):
        package, rest = type_name[1:].split(".", 1)
        return f"{package}__" + "__".join(c_lower(part) for part in rest.split("."))

    def enum_zero_case(self, type_name):
        _, enum = self.enums[type_name]
        return enum_case(enum.value[0].name, enum.name)


class Field:
    """How one field looks in Swift and in protoc-c's struct."""

    def __init__(self, model, package, field):
        self.model, self.field = model, field
        self.proto_name = field.name
        self.name = ident(camel(field.name))
        self.c = f"`{field.name}`"
        self.repeated = field.label == F.LABEL_REPEATED
        self.map_entry = model.maps.get(field.type_name) if field.type == F.TYPE_MESSAGE else None
        self.oneof = field.oneof_index if field.HasField("oneof_index") and not field.proto3_optional else None
        if field.proto3_optional:
            raise SystemExit(f"{field.name}: proto3 `optional` is not supported")
        if field.type == F.TYPE_MESSAGE and not self.map_entry:
            ref_package = field.type_name[1:].split(".")[0]
            if ref_package != package:
                raise SystemExit(f"{field.name}: messages from another package ({field.type_name}) are not supported")

    def element_type(self, field=None):
        field = field or self.field
        if field.type == F.TYPE_MESSAGE or field.type == F.TYPE_ENUM:
            return self.model.swift_name(field.type_name)
        return SCALARS[field.type][0]

    def swift_type(self):
        if self.map_entry:
            value = self.map_entry[2].field[1]
            return f"[String: {self.element_type(value)}]"
        element = self.element_type()
        if self.repeated:
            return f"[{element}]"
        if self.field.type == F.TYPE_MESSAGE:
            return f"{element}?"
        return element

    def default(self):
        if self.map_entry:
            return "[:]"
        if self.repeated:
            return "[]"
        if self.field.type == F.TYPE_MESSAGE:
            return "nil"
        if self.field.type == F.TYPE_ENUM:
            return "." + self.model.enum_zero_case(self.field.type_name)
        return SCALARS[self.field.type][1]


# MARK: conversions of one value

def to_c(model, field, expr, path):
    """Swift expression (may use `try`/`arena`) giving the C value of a singular `expr`."""
    t = field.type
    if t == F.TYPE_STRING:
        return f"try arena.string({expr}, field: {path})"
    if t == F.TYPE_BYTES:
        return f"arena.bytes({expr})"
    if t == F.TYPE_BOOL:
        return f"({expr} ? 1 : 0)"
    if t == F.TYPE_ENUM:
        return f"{model.c_type(field.type_name)}(rawValue: UInt32(bitPattern: {expr}.rawValue))"
    if t == F.TYPE_MESSAGE:
        return f"try {expr}.cMessage(&arena)"
    return expr


def from_c(model, field, expr):
    """Swift expression turning the C value `expr` into the field's Swift element."""
    t = field.type
    if t == F.TYPE_STRING:
        return f"ProtoC.string({expr})"
    if t == F.TYPE_BYTES:
        return f"ProtoC.bytes({expr})"
    if t == F.TYPE_BOOL:
        return f"({expr} != 0)"
    if t == F.TYPE_ENUM:
        return f"{model.swift_name(field.type_name)}(wireValue: Int32(bitPattern: {expr}.rawValue))"
    if t == F.TYPE_MESSAGE:
        return f"{model.swift_name(field.type_name)}(cMessage: {expr})"
    return expr


def is_default(field, expr):
    t = field.type
    if t in (F.TYPE_STRING, F.TYPE_BYTES):
        return f"{expr}.isEmpty"
    if t == F.TYPE_BOOL:
        return f"!{expr}"
    if t == F.TYPE_ENUM:
        return f"{expr}.rawValue == 0"
    return f"{expr} == 0"


def c_element_type(model, field):
    t = field.type
    if t == F.TYPE_STRING:
        return "UnsafeMutablePointer<CChar>?"
    if t == F.TYPE_BYTES:
        return "ProtobufCBinaryData"
    if t == F.TYPE_BOOL:
        return "protobuf_c_boolean"
    if t == F.TYPE_ENUM:
        return model.c_type(field.type_name)
    if t == F.TYPE_MESSAGE:
        return f"UnsafeMutablePointer<{model.c_type(field.type_name)}>?"
    return SCALARS[t][0]


# MARK: one message

def message_code(model, package, message, notes, path):
    ns = namespace(package)
    full = f".{package}.{message.name}"
    c_type = model.c_type(full)
    c_fn = model.c_function(full)
    fields = [Field(model, package, f) for f in message.field]
    oneofs = {}
    for f in fields:
        if f.oneof is not None:
            oneofs.setdefault(f.oneof, []).append(f)

    decl = doc(notes.get(path), "    ") or [f"    /// `{package}.{message.name}`."]
    decl.append(f"    public struct {message.name}: ProtoMessage {{")
    decl.append(f"        public static let protoName = \"{package}.{message.name}\"")
    params = []
    for index, f in enumerate(fields):
        if f.oneof is not None:
            continue
        decl += doc(notes.get(path + (2, index)), "        ")
        decl.append(f"        public var {f.name}: {f.swift_type()} = {f.default()}")
        params.append((bare(f.name), f.swift_type(), f.default()))
    for oneof_index, members in oneofs.items():
        oneof_name = message.oneof_decl[oneof_index].name
        type_name = camel(oneof_name, upper=True)
        decl.append(f"        /// The `{oneof_name}` oneof: at most one of its fields is set.")
        decl.append(f"        public enum {type_name}: Equatable, Sendable {{")
        for m in members:
            decl.append(f"            case {m.name}({m.element_type()})")
        decl.append("        }")
        decl.append(f"        public var {ident(camel(oneof_name))}: {type_name}? = nil")
        params.append((camel(oneof_name), f"{type_name}?", "nil"))
    decl += ["", "        /// Every field at its proto3 default.", "        public init() {}"]
    if params:
        signature = ", ".join(f"{n}: {t} = {d}" for n, t, d in params)
        decl += ["", f"        public init({signature}) {{"]
        for n, _, _ in params:
            decl.append(f"            self.{n} = {n}")
        decl.append("        }")
    decl.append("    }")

    # The conversions to and from protoc-c's struct.
    conv = [f"extension {ns}.{message.name} {{",
            "    // protoc-c's descriptor is a static, immutable C table: sharing its address is safe.",
            f"    nonisolated(unsafe) static let cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> = {{",
            f"        var probe = {c_type}()",
            f"        {c_fn}__init(&probe)",
            "        return probe.base.descriptor",
            "    }()",
            "",
            "    public func serializedBytes() throws(ProtoCodecError) -> [UInt8] {",
            "        var arena = ProtoCArena()",
            "        return ProtoC.pack(try cMessage(&arena))",
            "    }",
            "",
            "    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoCodecError) {",
            f"        self = try ProtoC.unpack(bytes, descriptor: Self.cDescriptor, as: {c_type}.self) {{ Self(cMessage: $0) }}",
            "    }",
            "",
            f"    func cMessage(_ arena: inout ProtoCArena) throws(ProtoCodecError) -> UnsafeMutablePointer<{c_type}> {{",
            f"        let m = arena.allocate({c_type}.self)",
            f"        {c_fn}__init(m)"]
    for f in fields:
        if f.oneof is not None:
            continue
        q = f'"{f.proto_name}"'
        if f.map_entry:
            _, _, entry = f.map_entry
            entry_full = f"{full}.{entry.name}"
            entry_c, entry_fn = model.c_type(entry_full), model.c_function(entry_full)
            value_field = entry.field[1]
            conv += [f"        if !self.{f.name}.isEmpty {{",
                     f"            let entries = arena.allocate(UnsafeMutablePointer<{entry_c}>?.self, count: self.{f.name}.count)",
                     f"            for (i, key) in self.{f.name}.keys.sorted().enumerated() {{",
                     f"                let entry = arena.allocate({entry_c}.self)",
                     f"                {entry_fn}__init(entry)",
                     f"                entry.pointee.`key` = try arena.string(key, field: {q})",
                     f"                let value = self.{f.name}[key]!"]
            if value_field.type == F.TYPE_MESSAGE:
                conv.append(f"                entry.pointee.`value` = try value.cMessage(&arena)")
            else:
                conv.append(f"                entry.pointee.`value` = {to_c(model, value_field, 'value', q)}")
            conv += ["                entries[i] = entry",
                     "            }",
                     f"            m.pointee.`n_{f.proto_name}` = self.{f.name}.count",
                     f"            m.pointee.{f.c} = entries",
                     "        }"]
        elif f.repeated:
            t = f.field.type
            conv.append(f"        if !self.{f.name}.isEmpty {{")
            if t in (F.TYPE_STRING, F.TYPE_BYTES, F.TYPE_MESSAGE):
                ctype = c_element_type(model, f.field)
                conv += [f"            let array = arena.allocate({ctype}.self, count: self.{f.name}.count)",
                         f"            for (i, element) in self.{f.name}.enumerated() {{",
                         f"                array[i] = {to_c(model, f.field, 'element', q)}",
                         "            }"]
            elif t in (F.TYPE_BOOL, F.TYPE_ENUM):
                conv.append(f"            let array = arena.array(self.{f.name}.map {{ {to_c(model, f.field, '$0', q)} }})")
            else:
                conv.append(f"            let array = arena.array(self.{f.name})")
            conv += [f"            m.pointee.`n_{f.proto_name}` = self.{f.name}.count",
                     f"            m.pointee.{f.c} = array",
                     "        }"]
        elif f.field.type == F.TYPE_MESSAGE:
            conv.append(f"        if let value = self.{f.name} {{ m.pointee.{f.c} = try value.cMessage(&arena) }}")
        else:
            conv.append(f"        if !({is_default(f.field, 'self.' + f.name)}) {{ m.pointee.{f.c} = {to_c(model, f.field, 'self.' + f.name, q)} }}")
    for oneof_index, members in oneofs.items():
        oneof_name = message.oneof_decl[oneof_index].name
        case_type = f"{c_type}__{camel(oneof_name, upper=True)}Case"
        conv.append(f"        switch self.{ident(camel(oneof_name))} {{")
        for mem in members:
            q = f'"{mem.proto_name}"'
            conv += [f"        case .{bare(mem.name)}(let value)?:",
                     f"            m.pointee.`{oneof_name}_case` = {case_type}(rawValue: {mem.field.number})",
                     f"            m.pointee.{mem.c} = {to_c(model, mem.field, 'value', q)}"]
        conv += ["        case nil:", "            break", "        }"]
    conv += ["        return m", "    }", "",
             f"    init(cMessage m: UnsafePointer<{c_type}>) {{",
             "        self.init()",
             "        let c = m.pointee" if fields else "        _ = m"]
    for f in fields:
        if f.oneof is not None:
            continue
        if f.map_entry:
            _, _, entry = f.map_entry
            value_field = entry.field[1]
            if value_field.type == F.TYPE_MESSAGE:
                value = f"entry.pointee.`value`.map {{ {model.swift_name(value_field.type_name)}(cMessage: $0) }} ?? {model.swift_name(value_field.type_name)}()"
            else:
                value = from_c(model, value_field, "entry.pointee.`value`")
            conv.append(f"        self.{f.name} = ProtoC.map(c.`n_{f.proto_name}`, c.{f.c}) {{ entry in (ProtoC.string(entry.pointee.`key`), {value}) }}")
        elif f.repeated:
            if f.field.type == F.TYPE_MESSAGE:
                conv.append(f"        self.{f.name} = ProtoC.messages(c.`n_{f.proto_name}`, c.{f.c}) {{ {model.swift_name(f.field.type_name)}(cMessage: $0) }}")
            else:
                conv.append(f"        self.{f.name} = ProtoC.array(c.`n_{f.proto_name}`, c.{f.c}) {{ {from_c(model, f.field, '$0')} }}")
        elif f.field.type == F.TYPE_MESSAGE:
            conv.append(f"        if let value = c.{f.c} {{ self.{f.name} = {model.swift_name(f.field.type_name)}(cMessage: value) }}")
        else:
            conv.append(f"        self.{f.name} = {from_c(model, f.field, 'c.' + f.c)}")
    for oneof_index, members in oneofs.items():
        oneof_name = message.oneof_decl[oneof_index].name
        conv.append(f"        switch c.`{oneof_name}_case`.rawValue {{")
        for mem in members:
            if mem.field.type == F.TYPE_MESSAGE:
                value = f"c.{mem.c}.map {{ {model.swift_name(mem.field.type_name)}(cMessage: $0) }} ?? {model.swift_name(mem.field.type_name)}()"
            else:
                value = from_c(model, mem.field, "c." + mem.c)
            conv.append(f"        case {mem.field.number}: self.{ident(camel(oneof_name))} = .{bare(mem.name)}({value})")
        conv += ["        default: break", "        }"]
    conv += ["    }", "}"]
    return decl, conv


def enum_code(package, enum, notes, path):
    lines = doc(notes.get(path), "    ") or [f"    /// `{package}.{enum.name}`."]
    lines.append(f"    public enum {enum.name}: Int32, Sendable, CaseIterable, Hashable {{")
    for v_index, value in enumerate(enum.value):
        lines += doc(notes.get(path + (2, v_index)), "        ")
        lines.append(f"        case {enum_case(value.name, enum.name)} = {value.number}")
    fallback = next((v for v in enum.value if v.name == "UNKNOWN"), enum.value[0])
    lines += ["",
              f"        /// A number from the wire; unknown numbers (a newer peer) read as `.{bare(enum_case(fallback.name, enum.name))}`.",
              "        public init(wireValue: Int32) {",
              f"            self = Self(rawValue: wireValue) ?? .{enum_case(fallback.name, enum.name)}",
              "        }", "",
              "        /// The name in the .proto file, as JSON and the `window` client spell it.",
              "        public var protoName: String {",
              "            switch self {"]
    for value in enum.value:
        lines.append(f"            case .{bare(enum_case(value.name, enum.name))}: return \"{value.name}\"")
    lines += ["            }", "        }", "    }"]
    return lines


# MARK: services

def method_roles(package, service, notes, path):
    """The [roles: …] of every rpc of `service`, checked."""
    proto_full = f"{package}.{service.name}"
    roles = {}
    for index, method in enumerate(service.method):
        note = notes.get(path + (2, index)) or ""
        found = re.search(r"\[roles:\s*([^\]]*)\]", note)
        if not found:
            raise SystemExit(f"{proto_full}.{method.name}: say who may call it with [roles: …] in its comment")
        names = [r.strip() for r in found.group(1).split(",") if r.strip()]
        for r in names:
            if not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", r):
                raise SystemExit(f"{proto_full}.{method.name}: role {r!r} must be lower-case letters, digits and '-'")
        roles[method.name] = names
    return roles


def package_service_code(package, services, notes):
    """The routing name and the method table of a package: one for all its `service`s, which the
    broker routes as one service named after the package (each proto service may be served by a
    different program, e.g. window's built-in methods and its composition)."""
    ns = namespace(package)
    lines = [f"extension {ns} {{",
             f"    /// The name the broker routes package `{package}`'s methods by.",
             f"    public static let serviceName = \"{package}\"", "",
             f"    /// The methods of every service of package `{package}` with their message types and roles.",
             "    public static let methodDescriptors: [Wire.MethodDescriptor] = ["]
    for index, service in enumerate(services):
        roles = method_roles(package, service, notes, (6, index))
        for method in service.method:
            role_list = ", ".join(f'"{r}"' for r in roles[method.name])
            lines.append(f"        Wire.MethodDescriptor(name: \"{method.name}\", requestType: \"{method.input_type[1:]}\", responseType: \"{method.output_type[1:]}\", allowedRoles: [{role_list}]),")
    names = [m.name for service in services for m in service.method]
    if len(set(names)) != len(names):
        raise SystemExit(f"package {package}: method names must be unique across its services (the broker routes them as one)")
    lines += ["    ]", "}"]
    return lines


def service_code(model, package, service, notes, path):
    ns = namespace(package)
    name = service.name
    proto_full = f"{package}.{name}"
    roles = method_roles(package, service, notes, path)
    lines = [f"extension {ns} {{"]
    lines += doc(notes.get(path), "    ") or []
    lines += [f"    /// The handlers of `{proto_full}`: one requirement per rpc, so a missing handler does not compile.",
              f"    /// `serviceDefinition()` turns a conforming value into what `ServiceRuntime` serves.",
              f"    public protocol {name}Service: Sendable {{"]
    inline = {}
    for index, method in enumerate(service.method):
        note = notes.get(path + (2, index)) or ""
        inline[method.name] = "[inline]" in note
        req, resp = model.swift_name(method.input_type), model.swift_name(method.output_type)
        lines += doc(note, "        ") or [f"        /// `{method.name}`."]
        if inline[method.name]:
            lines.append(f"        func {lower_first(method.name)}(_ request: {req}, context: CallContext) throws -> {resp}")
        else:
            lines.append(f"        func {lower_first(method.name)}(_ request: {req}, context: CallContext) async throws -> {resp}")
    lines += ["    }", "",
              f"    /// Calls `{proto_full}` through a connection (the broker, or a service directly) or, from",
              "    /// inside a handler, through its `CallContext` (deadline, request id and purpose carried on).",
              f"    public struct {name}Client: Sendable {{",
              "        public let caller: any UnaryCalling",
              f"        /// The service name calls are routed by (default `{package}`).",
              "        public let service: String", "",
              f"        public init(_ caller: any UnaryCalling, service: String = {ns}.serviceName) {{",
              "            self.caller = caller",
              "            self.service = service",
              "        }"]
    for method in service.method:
        req, resp = model.swift_name(method.input_type), model.swift_name(method.output_type)
        lines += ["",
                  f"        /// Calls `{method.name}`; a non-OK status is thrown as `RPCError`.",
                  f"        public func {lower_first(method.name)}(",
                  f"            _ request: {req}, deadline: TimeAmount? = nil, metadata: [String: String] = [:], idempotencyKey: String? = nil",
                  f"        ) async throws -> {resp} {{",
                  f"            try await caller.unary(",
                  f"                service: service, method: \"{method.name}\", request: request, as: {resp}.self,",
                  "                options: CallOptions(deadline: deadline, metadata: metadata, idempotencyKey: idempotencyKey))",
                  "        }"]
    lines += ["    }", "}", "",
              f"extension {ns}.{name}Service {{",
              f"    /// The method table of `{proto_full}` bound to this value's handlers.",
              "    public func serviceDefinition() -> ServiceDefinition {",
              f"        var definition = ServiceDefinition(name: {ns}.serviceName)"]
    for method in service.method:
        req, resp = model.swift_name(method.input_type), model.swift_name(method.output_type)
        role_list = ", ".join(f'"{r}"' for r in roles[method.name])
        if inline[method.name]:
            lines.append(f"        definition.inlineMethod(\"{method.name}\", roles: [{role_list}]) {{ (request: {req}, context) -> {resp} in")
            lines.append(f"            try self.{lower_first(method.name)}(request, context: context)")
        else:
            lines.append(f"        definition.method(\"{method.name}\", roles: [{role_list}]) {{ (request: {req}, context) -> {resp} in")
            lines.append(f"            try await self.{lower_first(method.name)}(request, context: context)")
        lines.append("        }")
    lines += ["        return definition", "    }", "}"]
    return lines


def comments(file_proto):
    found = {}
    for location in file_proto.source_code_info.location:
        text = location.leading_comments or location.trailing_comments
        if text:
            found[tuple(location.path)] = text.strip()
    return found


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")


def main():
    out_root = sys.argv[1]
    protos = sorted(p for p in os.listdir("proto") if p.endswith(".proto"))
    with tempfile.TemporaryDirectory() as tmp:
        set_path = os.path.join(tmp, "set.pb")
        subprocess.run(["protoc", "-Iproto", "--include_source_info", f"--descriptor_set_out={set_path}"] + protos, check=True)
        descriptor_set = descriptor_pb2.FileDescriptorSet()
        with open(set_path, "rb") as handle:
            descriptor_set.ParseFromString(handle.read())
    files = list(descriptor_set.file)
    model = Model(files)
    for file_proto in files:
        package = file_proto.package
        ns = namespace(package)
        notes = comments(file_proto)
        in_protocol_module = package == "wire"
        directory = "Shared/Wire/Protocol/Generated" if in_protocol_module else f"Shared/Contracts/{ns}"
        header = [f"// Generated by scripts/gen-contracts.py from proto/{file_proto.name}. DO NOT EDIT.", ""]
        imports = ["internal import CProtobufC", "internal import Messages"]
        if not in_protocol_module:
            imports.append("import WireProtocol")
        lines = header + imports + ["", f"/// The messages and enums of proto/{file_proto.name} (package `{package}`).",
                                    f"public enum {ns} {{}}", "", f"extension {ns} {{"]
        conversions = []
        for index, enum in enumerate(file_proto.enum_type):
            lines += enum_code(package, enum, notes, (5, index)) + [""]
        for index, message in enumerate(file_proto.message_type):
            decl, conv = message_code(model, package, message, notes, (4, index))
            lines += decl + [""]
            conversions += conv + [""]
        if lines[-1] == "":
            lines.pop()
        lines += ["}", ""] + conversions
        lines += [f"extension {ns} {{",
                  f"    /// Every message type of proto/{file_proto.name}, for tests that walk them all.",
                  "    public static let allMessageTypes: [any ProtoMessage.Type] = ["]
        lines += [f"        {ns}.{m.name}.self," for m in file_proto.message_type]
        lines += ["    ]", "}"]
        write(os.path.join(out_root, directory, f"{ns}Messages.swift"), lines)
        if file_proto.service:
            if in_protocol_module:
                raise SystemExit("wire.proto declares no services")
            service_lines = header + ["import NIOCore", "import WireClient", "import WireProtocol", "import WireRuntime", ""]
            service_lines += package_service_code(package, file_proto.service, notes) + [""]
            for index, service in enumerate(file_proto.service):
                service_lines += service_code(model, package, service, notes, (6, index)) + [""]
            write(os.path.join(out_root, directory, f"{ns}Service.swift"), service_lines)


if __name__ == "__main__":
    main()
