#!/usr/bin/python3
"""Emits Swift `ProtoMessage` structs (Codable, encoded through protobuf-c by the descriptor-driven
codec in Shared/Wire) for every message and enum of one .proto file.

Usage: gen-swift-messages.py PROTO_FILE OUTPUT.swift  (run from the repository root; needs the
Debian packages protobuf-compiler and python3-protobuf, which `make deps` installs).

Scalars default to proto3 defaults, sub-messages are optionals (absent → nil), repeated fields
are arrays, map<string, V> fields are dictionaries. Enums are open: an unknown number decodes as
the zero value. Leading comments of the .proto become doc comments.
"""
import os
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
            "operator", "repeat", "extension", "import", "static", "subscript", "throws", "true", "false", "nil"}


def camel(name, upper=False):
    parts = name.split("_")
    out = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return out[:1].upper() + out[1:] if upper else out


def ident(name):
    return f"`{name}`" if name in KEYWORDS else name


def enum_case(value_name, enum_name):
    # WAITING → waiting; SEEKER_CATEGORY_UNSPECIFIED → unspecified (prefix of the enum name dropped)
    prefix = "".join("_" + c if c.isupper() else c for c in enum_name).lstrip("_").upper() + "_"
    name = value_name[len(prefix):] if value_name.startswith(prefix) else value_name
    return ident(camel(name.lower()))


def comments(file_proto):
    found = {}
    for location in file_proto.source_code_info.location:
        text = location.leading_comments or location.trailing_comments
        if text:
            found[tuple(location.path)] = text.strip()
    return found


def doc(text, indent):
    if not text:
        return []
    return [f"{indent}/// {line.strip()}".rstrip() for line in text.splitlines()]


INT_TYPES = {F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32, F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64}
UINT_TYPES = {F.TYPE_UINT32, F.TYPE_FIXED32, F.TYPE_UINT64, F.TYPE_FIXED64}


def direct_conversions(message, swift_type, enum_zero):
    """Field-by-field `dynamicMessage()` and `init(dynamicMessage:)`: no Codable machinery on the
    hot path. Field indices are positions in the fields sorted by number, as in protoc-c's
    descriptors (and so in `MessageSchema.fields`). Messages with map fields keep the Codable
    default."""
    fields = sorted(message.field, key=lambda f: f.number)
    for field in fields:
        base, _ = swift_type(field)
        if base.startswith("[String:"):
            return []

    def to_value(field, expr):
        base, _ = swift_type(field)
        t = field.type
        if t == F.TYPE_STRING: return f".string({expr})"
        if t == F.TYPE_BYTES: return f".bytes({expr})"
        if t == F.TYPE_BOOL: return f".bool({expr})"
        if t in (F.TYPE_DOUBLE, F.TYPE_FLOAT): return f".double(Double({expr}))"
        if t in INT_TYPES: return f".int(Int64({expr}))"
        if t in UINT_TYPES: return f".uint(UInt64({expr}))"
        if t == F.TYPE_ENUM: return f".enumeration({expr}.rawValue)"
        return f".message(try {expr}.dynamicMessage())"

    def is_default(field, expr):
        t = field.type
        if t in (F.TYPE_STRING, F.TYPE_BYTES): return f"{expr}.isEmpty"
        if t == F.TYPE_BOOL: return f"!{expr}"
        if t == F.TYPE_ENUM: return f"{expr}.rawValue == 0"
        return f"{expr} == 0"

    def from_value(field, var):
        """A Swift expression turning ProtoValue `var` into the field's element type, or nil."""
        base, _ = swift_type(field)
        t = field.type
        if t == F.TYPE_STRING: return f"{{ if case .string(let x) = {var} {{ return x }}; return nil }}()"
        if t == F.TYPE_BYTES: return f"{{ if case .bytes(let x) = {var} {{ return x }}; return nil }}()"
        if t == F.TYPE_BOOL: return f"{{ if case .bool(let x) = {var} {{ return x }}; return nil }}()"
        if t in (F.TYPE_DOUBLE, F.TYPE_FLOAT): return f"{{ if case .double(let x) = {var} {{ return {base}(x) }}; return nil }}()"
        if t in INT_TYPES: return f"{{ if case .int(let x) = {var} {{ return {base}(truncatingIfNeeded: x) }}; return nil }}()"
        if t in UINT_TYPES: return f"{{ if case .uint(let x) = {var} {{ return {base}(truncatingIfNeeded: x) }}; return nil }}()"
        if t == F.TYPE_ENUM:
            return f"{{ if case .enumeration(let x) = {var} {{ return {base}(rawValue: x) ?? .{enum_case(enum_zero[base], base)} }}; return nil }}()"
        return None

    out = ["    public func dynamicMessage() throws(ProtoCodecError) -> DynamicMessage {",
           "        var message = DynamicMessage(schema: Self.schema)"]
    for index, field in enumerate(fields):
        name = ident(camel(field.name)).strip("`")
        if field.label == F.LABEL_REPEATED:
            if field.type == F.TYPE_MESSAGE:
                out.append(f"        if !{name}.isEmpty {{ message.values[{index}] = .list(try {name}.map {{ element throws(ProtoCodecError) in .message(try element.dynamicMessage()) }}) }}")
            else:
                out.append(f"        if !{name}.isEmpty {{ message.values[{index}] = .list({name}.map {{ {to_value(field, '$0')} }}) }}")
        elif field.type == F.TYPE_MESSAGE:
            out.append(f"        if let {name} {{ message.values[{index}] = .message(try {name}.dynamicMessage()) }}")
        elif field.oneof_index is not None and field.HasField("oneof_index"):
            return []  # oneof members keep the Codable default
        else:
            out.append(f"        if !({is_default(field, 'self.' + name)}) {{ message.values[{index}] = {to_value(field, 'self.' + name)} }}")
    out += ["        return message", "    }", "",
            "    public init(dynamicMessage message: DynamicMessage) throws(ProtoCodecError) {",
            "        self.init()"]
    for index, field in enumerate(fields):
        name = ident(camel(field.name)).strip("`")
        base, _ = swift_type(field)
        if field.type == F.TYPE_MESSAGE:
            if field.label == F.LABEL_REPEATED:
                out.append(f"        if case .list(let list)? = message.values[{index}] {{")
                out.append(f"            {name} = try list.map {{ element throws(ProtoCodecError) in")
                out.append(f"                guard case .message(let value) = element else {{ throw ProtoCodecError(.invalidValue, field: \"{field.name}\", \"not a message\") }}")
                out.append(f"                return try {base}(dynamicMessage: value)")
                out.append("            }")
                out.append("        }")
            else:
                out.append(f"        if case .message(let value)? = message.values[{index}] {{ {name} = try {base}(dynamicMessage: value) }}")
        elif field.label == F.LABEL_REPEATED:
            out.append(f"        if case .list(let list)? = message.values[{index}] {{ {name} = list.compactMap {{ element in {from_value(field, 'element')} }} }}")
        else:
            out.append(f"        if let value = message.values[{index}], let converted = {from_value(field, 'value')} {{ {name} = converted }}")
    out += ["    }"]
    return out


def main():
    proto, output = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        descriptor_path = os.path.join(tmp, "set.pb")
        subprocess.run(["protoc", "-Iproto", "--include_source_info", f"--descriptor_set_out={descriptor_path}", proto], check=True)
        descriptor_set = descriptor_pb2.FileDescriptorSet()
        with open(descriptor_path, "rb") as handle:
            descriptor_set.ParseFromString(handle.read())
    file_proto = descriptor_set.file[-1]
    package = file_proto.package
    notes = comments(file_proto)
    maps = {}
    for message in file_proto.message_type:
        for nested in message.nested_type:
            if nested.options.map_entry:
                maps[f".{package}.{message.name}.{nested.name}"] = nested

    def swift_type(field):
        if field.type == F.TYPE_MESSAGE and field.type_name in maps:
            entry = maps[field.type_name]
            return f"[String: {swift_type(entry.field[1])}]", "[:]"
        if field.type in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            name = field.type_name.split(".")[-1]
            if not field.type_name.startswith(f".{package}."):
                raise SystemExit(f"{proto}: {field.name} uses {field.type_name} from another package; not supported")
            if field.type == F.TYPE_ENUM:
                return name, None
            return name, None
        return SCALARS[field.type]

    lines = [f"// Generated by scripts/gen-swift-messages.py from proto/{proto}. DO NOT EDIT.", "", "import Wire", ""]
    enum_zero = {e.name: e.value[0].name for e in file_proto.enum_type}
    for index, enum in enumerate(file_proto.enum_type):
        lines += doc(notes.get((5, index)), "") or [f"/// `{package}.{enum.name}`."]
        lines.append(f"public enum {enum.name}: Int32, Sendable, Codable, CaseIterable, Hashable {{")
        for v_index, value in enumerate(enum.value):
            note = notes.get((5, index, 2, v_index))
            lines += doc(note, "    ")
            lines.append(f"    case {enum_case(value.name, enum.name)} = {value.number}")
        lines += ["", "    /// Unknown numbers (from a newer peer) read as the zero value.",
                  "    public init(from decoder: any Decoder) throws {",
                  f"        self = {enum.name}(rawValue: try decoder.singleValueContainer().decode(Int32.self)) ?? .{enum_case(enum.value[0].name, enum.name)}",
                  "    }", "}", ""]
    for index, message in enumerate(file_proto.message_type):
        lines += doc(notes.get((4, index)), "") or [f"/// `{package}.{message.name}`."]
        lines.append(f"public struct {message.name}: ProtoMessage, Equatable {{")
        lines.append(f"    public static let protoName = \"{package}.{message.name}\"")
        params = []
        for f_index, field in enumerate(message.field):
            base, default = swift_type(field)
            if field.type == F.TYPE_ENUM:
                default = "." + enum_case(enum_zero[base], base)
            if field.label == F.LABEL_REPEATED and not base.startswith("[String:"):
                swift, default = f"[{base}]", "[]"
            elif field.type == F.TYPE_MESSAGE and not base.startswith("[String:"):
                swift, default = f"{base}?", "nil"
            else:
                swift = base
            name = ident(camel(field.name))
            lines += doc(notes.get((4, index, 2, f_index)), "    ")
            lines.append(f"    public var {name}: {swift} = {default}")
            params.append((name, swift, default))
        lines.append("")
        signature = ", ".join(f"{n.strip('`')}: {t} = {d}" for n, t, d in params)
        lines.append(f"    public init({signature}) {{")
        for n, _, _ in params:
            lines.append(f"        self.{n.strip('`')} = {n.strip('`')}")
        lines += ["    }", ""]
        lines += direct_conversions(message, swift_type, enum_zero)
        lines += ["}", ""]
    type_list = os.path.splitext(os.path.basename(output))[0]
    lines += [f"/// Every message type of proto/{proto}, for tests that walk them all.",
              f"public enum {type_list}Catalog {{",
              "    public static let all: [any ProtoMessage.Type] = ["]
    lines += [f"        {m.name}.self," for m in file_proto.message_type]
    lines += ["    ]", "}", ""]
    with open(output, "w") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    main()
