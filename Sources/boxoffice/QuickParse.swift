import ArgumentParser

/// The command line's parse, first the short way. `Boxoffice.parseAsRoot()` spends most of a command's parse on what
/// `seats` or `book` never uses: the `--generate-completion-script` check (two more commands read through
/// reflection), the picker's arguments (the default subcommand), and reading the command's own arguments three times
/// (once to see whether the root should stop at its name). Swift's reflection pays a scan of the binary's ~7,000
/// protocol conformance records for each type it meets first, so each of those costs tens of microseconds.
///
/// `Quick<C>` holds one command's arguments as an option group and is parsed as a root of its own: when it parses, the
/// command inside is what the full parse would give, since our root has no options (its `--help` and `--version` are
/// not Quick's: they fail here). Anything but a clean parse — help, `--version`, a completion request, a validation
/// error, a malformed command line — returns nil, and the full parse decides and words it exactly as before.
enum QuickParse {
    static func command(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> ParsableCommand? {
        guard let name = arguments.first,
              let type = Boxoffice.configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              type != Boxoffice.configuration.defaultSubcommand,
              type.configuration.subcommands.isEmpty  // a command group: its subcommands need the tree
        else { return nil }
        return parse(type, Array(arguments.dropFirst()))
    }

    /// `--help`, `-h` or `--version` alone: the root's help or version as the full parse prints them, from the argument
    /// parser's own generator and our configuration. The full parse first tries two completion-script commands and
    /// the picker's arguments through reflection, ~40 % of `--help`'s time; anything else (`help tui`, `--help seats`,
    /// a second flag) still takes the full parse. CLITests.testHelpAloneIsTheFullParsesText.
    static func builtIn(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String? {
        switch arguments {
        case ["--help"], ["-h"]: Boxoffice.helpMessage()
        case ["--version"]: Boxoffice.configuration.version
        default: nil
        }
    }

    private static func parse<C: ParsableCommand>(_: C.Type, _ arguments: [String]) -> ParsableCommand? {
        (try? Quick<C>.parseAsRoot(arguments) as? Quick<C>)?.command
    }
}

/// One command's arguments, parsed with nothing around them. A "super command" name is ArgumentParser's mark of a root
/// that is not the program's own, and such a root skips the completion-script check; it is never shown, since help and
/// every error come from the full parse. No help names either: a `--help` here is an unknown option, which hands the
/// line to the full parse, as any other failure does; with the default names every parse spelled out the hidden
/// `--help-hidden` through string interpolation of an enum, whose reflection paid four conformance scans (~4 % of
/// `book`).
struct Quick<C: ParsableCommand>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: C.configuration.commandName, _superCommandName: "boxoffice", helpNames: [])
    }

    @OptionGroup var command: C
}

/// Its one option group, handed to the parser without reflection (see ArgumentMirror).
extension Quick: CustomReflectable {
    var customMirror: Mirror { ArgumentMirror.of(self, [("_command", _command)]) }
}
