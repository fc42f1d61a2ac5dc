import FoundationEssentials

/// The language of the messages a clerk reads while keying or importing survey forms:
/// Indonesian by default, English on request (`--lang en`).
public enum MessageLanguage: String, Sendable, CaseIterable {
    case id, en

    /// `indonesian` or `english`, by this language.
    public func pick(_ indonesian: String, _ english: String) -> String {
        self == .id ? indonesian : english
    }
}

extension InputError {
    /// The refusal in `language`: the same field, value and rule as `description`, with the
    /// words of the survey rules (fields, dates, scores, ages, lengths, closed sets) translated.
    public func text(in language: MessageLanguage) -> String {
        guard language == .id else { return description }
        let place = line.map { "baris \($0): " } ?? ""
        return "\(place)\(Self.indonesianField(field)): \"\(Self.shown(value))\" tidak diterima; \(Self.indonesianAllowed(allowed))"
    }

    static func indonesianField(_ field: String) -> String {
        if field.hasPrefix("scores ") { return "jawaban " + field.dropFirst("scores ".count) }
        return [
            "date": "tanggal", "service": "layanan", "scores": "jawaban", "gender": "jenis kelamin", "age": "umur",
            "education": "pendidikan", "occupation": "pekerjaan", "suggestion": "saran", "reason": "alasan",
            "header": "judul kolom", "row": "baris", "rows": "baris", "encoding": "pengodean", "quoting": "tanda kutip",
            "timestamp": "stempel waktu", "profile": "profil", "command": "perintah",
        ][field] ?? field
    }

    static func indonesianAllowed(_ allowed: String) -> String {
        if allowed.hasPrefix("it is required: ") {
            return "wajib diisi: " + indonesianAllowed(String(allowed.dropFirst("it is required: ".count)))
        }
        if let known = indonesianRules[allowed] { return known }
        if let (limit, rest) = number(after: "text of at most ", in: allowed),
           let (length, _) = number(after: " characters (this has ", in: rest) {
            return "teks paling banyak \(limit) karakter (ini \(length))"
        }
        if let (limit, _) = number(after: "text of 1 to ", in: allowed[...]) {
            return "teks 1 sampai \(limit) karakter (wajib diisi)"
        }
        return allowed
    }

    /// The decimal number right after `prefix` at the start of `text`, and the text after it.
    private static func number<Text: StringProtocol>(after prefix: String, in text: Text) -> (Int, Text.SubSequence)? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits) else { return nil }
        return (value, rest.dropFirst(digits.count))
    }

    private static let indonesianRules: [String: String] = [
        FieldRules.dateAllowed(FieldRules.recordYears):
            "tanggal yang ada, ditulis YYYY-MM-DD, tahun 2000 sampai 2100, mis. 2026-03-01",
        SurveyRules.scoreAllowed: "bilangan bulat 1 (terburuk) sampai 4 (terbaik), atau kosong atau - bila tidak dijawab",
        SurveyRules.ageAllowed: "umur dalam tahun, bilangan bulat 10 sampai 120",
        SurveyRules.scoresAllowed: "sembilan jawaban U1..U9, masing-masing 1..4 atau - bila tidak dijawab, mis. 434434434",
        Gender.allowedText: "L atau P",
        Education.allowedText: "salah satu dari SD, SMP, SMA, D1-D3, D4/S1, S2, S3",
        Occupation.allowedText: "salah satu dari PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA",
        "the service used, 1 to 200 characters": "layanan yang diterima, 1 sampai 200 karakter",
        "at least one row after the header": "paling sedikit satu baris setelah baris judul",
        "UTF-8 text (save the file as CSV UTF-8)": "teks UTF-8 (simpan berkas sebagai CSV UTF-8)",
    ]
}

extension ImportRefused {
    /// The refusal in `language`, every bad line as `InputError.text(in:)` gives it.
    public func text(in language: MessageLanguage) -> String {
        guard language == .id else { return description }
        if badLineCount == 1, let only = problems.first {
            return "\(fileName): \(only.text(in: language)); tidak ada yang diimpor"
        }
        var lines = ["\(fileName): \(badLineCount) baris salah; tidak ada yang diimpor:"]
        lines += problems.map { "  \($0.text(in: language))" }
        if badLineCount > problems.count {
            lines.append("  dan \(badLineCount - problems.count) baris salah lainnya")
        }
        return lines.joined(separator: "\n")
    }
}
