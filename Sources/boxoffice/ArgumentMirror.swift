@_spi(Reflection) import Swift
import ArgumentParser

/// A command's arguments as the argument parser reads them, without the standard library's reflection.
///
/// The parser finds a command's options by `Mirror(reflecting:)`. Its default path (`internalReflecting`) builds the
/// children as a lazy map over `0..<count` inside the standard library, whose generic types are looked up by mangled
/// name: their requirements (`Range<Int>: RandomAccessCollection`, `Int: SignedInteger`…) are checked at run time,
/// and each first check scans all ~7,000 conformance records of the static binary — 13 scans, ~3 M instructions, at a
/// command's first reflection — and every field's type is demangled again at each reflection. A command that is
/// `CustomReflectable` through `ArgumentMirror.of` hands the parser the same children, in declaration order, from an
/// array.
///
/// The list is written by hand, so the debug build checks it at every use against the type's stored properties
/// (names and order, from the type's field records): a property added without its entry stops every debug run of
/// the command (the CLI tests run the debug binary).
enum ArgumentMirror {
    static func of<C>(_ command: C, _ children: [(label: String, value: Any)]) -> Mirror {
        #if DEBUG
        check(C.self, children.map(\.label))
        #endif
        return Mirror(command, children: children.map { Mirror.Child(label: $0.label, value: $0.value) })
    }

    #if DEBUG
    private static func check(_ type: Any.Type, _ labels: [String]) {
        var stored: [String] = []
        _forEachField(of: type) { name, _, _, _ in
            stored.append(String(cString: name))
            return true
        }
        precondition(stored == labels, "ArgumentMirror of \(type): the list \(labels) is not the stored properties \(stored)")
    }
    #endif
}
