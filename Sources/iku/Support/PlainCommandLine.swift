import Storage

/// The command line clerks type all day, `iku survey add --name value ...`, read without
/// ArgumentParser's reflection when it is plain. ArgumentParser reflects a command's options
/// several times per run (its own checks for help, completion scripts and passthrough arguments
/// included): 20 of the 35 million instructions one `survey add` took, eight times what the whole
/// `sqlite3 FILE "INSERT …"` takes (docs/performance.md).
///
/// This is no second parser with its own rules: it only recognises the one shape that
/// ArgumentParser reads without any choice to make, and hands everything else back.
/// A line is plain when, after `survey add`, it is nothing but pairs `--name value` where
/// every name is one of the command's own options (`surveyAddOptionNames`) given at most
/// once, and no value starts with "-". Anything else (help, `--version`, `--name=value`, a
/// flag, an unknown or repeated option, a value such as `-` or `--help`, a missing value) and
/// every line whose values the command's `validate()` refuses return nil,
/// and `Iku.main` parses it with ArgumentParser as always: the messages, help and exit codes
/// stay ArgumentParser's. A plain line gives a `SurveyAddition`, the plain values that
/// `SurveyCommand.Add` itself validates and runs, so no ArgumentParser type (and none of its
/// property wrappers' metadata) is touched on that path. Tests check that each plain line gives
/// the values ArgumentParser gives, field by field, and that the options here are the command's.
enum PlainCommandLine {
    /// The options of `survey add`, in the order ArgumentParser lists them (`--db`, `--actor`,
    /// then the fields): a test checks they are exactly the command's.
    static let surveyAddOptionNames = ["db", "actor", "date", "service", "scores", "gender", "age", "education",
                                       "occupation", "suggestion"]

    /// The `survey add` that `arguments` (without the program name) ask for, or nil when they
    /// are not a plain `survey add` line whose values pass validation.
    static func surveyAddition(_ arguments: [String]) -> SurveyAddition? {
        guard arguments.count >= 2, arguments[0] == "survey", arguments[1] == "add" else { return nil }
        guard let values = pairs(arguments.dropFirst(2), names: surveyAddOptionNames) else { return nil }
        func value(_ name: String) -> String? { values.first { $0.name == name }?.value }
        let addition = SurveyAddition(
            database: DatabaseChoice(db: value("db"), actor: value("actor")),
            input: SurveyResponseInput(
                date: value("date"), service: value("service"), scores: value("scores"), gender: value("gender"),
                age: value("age"), education: value("education"), occupation: value("occupation"),
                suggestion: value("suggestion")))
        do {
            try addition.database.validate()
            try addition.validateRequired()
        } catch {
            return nil
        }
        return addition
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
