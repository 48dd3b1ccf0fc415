extension Masking {
    /// A name as public notices (公示) show it: the family name and one `*` ("张三丰" → "张*"),
    /// so not even the length of the given name is published. A name of one character (or a
    /// bare compound surname) is shown as `*` alone.
    public static func familyNameOnly(_ name: String) -> String {
        let masked = maskName(name)
        return String(masked.prefix { $0 != "*" }) + "*"
    }
}
