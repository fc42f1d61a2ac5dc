import ArgumentParser

/// The command line clerks type all day, `iku survey add --name value ...`, read without
/// ArgumentParser's reflection when it is plain. ArgumentParser reflects a command's options
/// several times per run (its own checks for help, completion scripts and passthrough arguments
/// included): 20 of the 35 million instructions one `survey add` took, eight times what the whole
/// `sqlite3 FILE "INSERT …"` takes (docs/performance.md).
///
/// This is no second parser with its own rules: it only recognises the one shape that
/// ArgumentParser reads without any choice to make, and hands everything else back.
/// A line is plain when, after `survey add`, it is nothing but pairs `--name value` where
/// every name is one of the command's own options (as `SurveyCommand.Add.plain` builds them)
/// given at most once, and no value starts with "-". Anything else (help, `--version`,
/// `--name=value`, a flag, an unknown or repeated option, a value such as `-` or `--help`, a
/// missing value) and every line whose values the command's `validate()` refuses return nil,
/// and `Iku.main` parses it with ArgumentParser as always: the messages, help and exit codes
/// stay ArgumentParser's. Tests check that each plain line gives the command ArgumentParser
/// gives, field by field, and that the options here are the command's options.
enum PlainCommandLine {
    /// The command `arguments` (without the program name) ask for, or nil when they are not a
    /// plain `survey add` line whose values pass validation.
    static func command(_ arguments: [String]) -> ParsableCommand? {
        guard arguments.count >= 2, arguments[0] == "survey", arguments[1] == "add" else { return nil }
        guard let values = pairs(arguments.dropFirst(2), names: SurveyCommand.Add.plainOptionNames) else { return nil }
        let command = SurveyCommand.Add.plain { name in values.first { $0.name == name }?.value }
        do {
            try command.database.validate()
            try command.validate()
        } catch {
            return nil
        }
        return command
    }

    /// Every `--name value` of `arguments`, when that is all they hold, each name one of
    /// `names` and given once, and no value starts with "-"; otherwise nil.
    static func pairs(_ arguments: ArraySlice<String>, names: [String]) -> [(name: String, value: String)]? {
        guard arguments.count % 2 == 0 else { return nil }
        var result: [(name: String, value: String)] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let option = arguments[index]
            let value = arguments[index + 1]
            guard option.utf8.starts(with: "--".utf8), let name = String(option.utf8.dropFirst(2)),
                  names.contains(name), !result.contains(where: { $0.name == name }),
                  !value.utf8.starts(with: "-".utf8) else { return nil }
            result.append((name, value))
            index += 2
        }
        return result
    }
}

extension DatabaseOptions {
    /// The options of every command with `--db` and `--actor`, set from `value` (by option
    /// name; nil: not given), without ArgumentParser: see `PlainCommandLine`.
    static func plain(_ value: (String) -> String?) -> DatabaseOptions {
        var location = DatabaseLocation()
        location.db = value("db")
        var options = DatabaseOptions()
        options.location = location
        options.actor = value("actor")
        return options
    }
}

extension SurveyCommand.Fields {
    /// The fields of `survey add` and `survey correct`, set from `value` (by option name; nil:
    /// not given), without ArgumentParser: see `PlainCommandLine`.
    static func plain(_ value: (String) -> String?) -> SurveyCommand.Fields {
        var fields = SurveyCommand.Fields()
        fields.date = value("date")
        fields.service = value("service")
        fields.scores = value("scores")
        fields.gender = value("gender")
        fields.age = value("age")
        fields.education = value("education")
        fields.occupation = value("occupation")
        fields.suggestion = value("suggestion")
        return fields
    }
}

extension SurveyCommand.Add {
    /// `survey add` with every option set from `value` (by option name; nil: not given).
    static func plain(_ value: (String) -> String?) -> SurveyCommand.Add {
        var command = SurveyCommand.Add()
        command.database = DatabaseOptions.plain(value)
        command.fields = SurveyCommand.Fields.plain(value)
        return command
    }

    /// The names `plain` reads, each once: the options `PlainCommandLine` accepts.
    static var plainOptionNames: [String] {
        var names: [String] = []
        _ = plain { name in
            names.append(name)
            return nil
        }
        return names
    }
}
