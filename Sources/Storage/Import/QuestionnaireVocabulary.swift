import FoundationEssentials

/// The words of the standard SKM questionnaire (SPEC.md "The standard questionnaire",
/// PermenPAN-RB 14/2017): its nine questions, their answer labels, and the everyday forms of the
/// profile answers and of the column headings form tools and spreadsheets write.
///
/// Everything here works on text made plain by `QuestionnaireVocabulary.words`: lower case, `&`
/// read as "dan", "tapi" as "tetapi", every other character that is not a letter or digit a
/// word break.
public enum QuestionnaireVocabulary {
    /// One question of the form: the unsur it scores, its wording on paper and its four answers.
    public struct Question: Sendable {
        /// 1...9: U1..U9.
        public let unsur: Int
        /// The unsur's name in PermenPAN-RB 14/2017 (`Persyaratan`).
        public let name: String
        /// The question as the model form asks it (Indonesian).
        public let text: String
        /// The question in English.
        public let englishText: String
        /// The four answers, scoring 1 (worst) to 4 (best).
        public let answers: [String]
        /// Words that mark a heading as this question (any one of them, as a whole word).
        let keywords: Set<String>
    }

    /// U1..U9 in SPEC order.
    public static let questions: [Question] = [
        Question(unsur: 1, name: "Persyaratan", text: "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                 englishText: "Do the requirements fit the kind of service?",
                 answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
                 keywords: ["persyaratan", "syarat", "requirement", "requirements"]),
        Question(unsur: 2, name: "Sistem, Mekanisme, dan Prosedur", text: "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
                 englishText: "How easy is the procedure of the service?",
                 answers: ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
                 keywords: ["prosedur", "mekanisme", "procedure", "procedures"]),
        Question(unsur: 3, name: "Waktu Penyelesaian", text: "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
                 englishText: "How fast is the service?",
                 answers: ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
                 keywords: ["kecepatan", "penyelesaian", "speed", "fast", "timeliness"]),
        Question(unsur: 4, name: "Biaya/Tarif", text: "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
                 englishText: "How fair is the cost or tariff of the service?",
                 answers: ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
                 keywords: ["biaya", "tarif", "cost", "costs", "fee", "fees", "tariff"]),
        Question(unsur: 5, name: "Produk Spesifikasi Jenis Pelayanan", text: "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
                 englishText: "Does the product match what the service standard promises?",
                 answers: ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
                 keywords: ["produk", "spesifikasi", "product", "products"]),
        Question(unsur: 6, name: "Kompetensi Pelaksana", text: "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
                 englishText: "How competent are the staff?",
                 answers: ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
                 keywords: ["kompetensi", "kemampuan", "competence", "competency", "competent"]),
        Question(unsur: 7, name: "Perilaku Pelaksana", text: "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
                 englishText: "How courteous and friendly are the staff?",
                 answers: ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
                 keywords: ["perilaku", "kesopanan", "keramahan", "courtesy", "courteous", "behaviour", "behavior"]),
        Question(unsur: 8, name: "Penanganan Pengaduan, Saran dan Masukan", text: "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
                 englishText: "How are complaints, suggestions and input handled?",
                 answers: ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
                 keywords: ["pengaduan", "complaint", "complaints"]),
        Question(unsur: 9, name: "Sarana dan Prasarana", text: "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
                 englishText: "What is the quality of the facilities and infrastructure?",
                 answers: ["Buruk", "Cukup", "Baik", "Sangat baik"],
                 keywords: ["sarana", "prasarana", "fasilitas", "facilities", "facility", "infrastructure"]),
    ]

    /// The satisfaction scale some offices print under every question instead of its own labels.
    static let generalAnswers: [[String]] = [
        ["tidak baik", "kurang baik", "baik", "sangat baik"],
        ["tidak puas", "kurang puas", "puas", "sangat puas"],
    ]

    /// The answer labels of `unsur` (1...9) as plain words, each with its score.
    static func answerScores(unsur: Int) -> [String: Int] {
        var scores: [String: Int] = [:]
        for scale in generalAnswers + [questions[unsur - 1].answers] {
            for (index, label) in scale.enumerated() { scores[words(label).joined(separator: " ")] = index + 1 }
        }
        return scores
    }

    static let answerScoreTables: [[String: Int]] = (1...9).map(answerScores)

    // MARK: Plain words

    /// `text` as plain lower-case words (see the type's description).
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            result.append(current == "tapi" ? "tetapi" : current)
            current = ""
        }
        for character in text.lowercased() {
            if character == "&" {
                flush()
                result.append("dan")
            } else if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    // MARK: Answers

    /// What an answer cell holds.
    enum Answer: Equatable {
        case score(Int?)
        case unknown
    }

    /// An answer to `unsur` as a form writes it: a label of that question (or of the general
    /// satisfaction scale), the label with its letter (`a. Tidak sesuai`, `d) Sangat sesuai`), a
    /// letter alone, or a number 1-4 (optionally followed by the label); empty or `-` is unanswered.
    static func answer(_ text: String, unsur: Int) -> Answer {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty || trimmed == "-" { return .score(nil) }
        var plain = words(trimmed)
        var marked: Int?
        if let first = plain.first, first.count == 1, let byte = first.utf8.first {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "d"): marked = Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "1")...UInt8(ascii: "4"): marked = Int(byte - UInt8(ascii: "0"))
            default: break
            }
            if marked != nil { plain.removeFirst() }
        }
        if plain.isEmpty { return marked.map { .score($0) } ?? .unknown }
        guard let labelled = answerScoreTables[unsur - 1][plain.joined(separator: " ")] else { return .unknown }
        if let marked, marked != labelled { return .unknown }
        return .score(labelled)
    }

    // MARK: Profile answers

    static let genders: [String: Gender] = [
        "l": .l, "laki laki": .l, "laki": .l, "lelaki": .l, "pria": .l, "male": .l, "man": .l,
        "p": .p, "perempuan": .p, "wanita": .p, "female": .p, "woman": .p,
    ]

    static let educations: [String: Education] = [
        "sd": .sd, "mi": .sd, "sd mi": .sd, "sekolah dasar": .sd, "primary school": .sd,
        "smp": .smp, "mts": .smp, "sltp": .smp, "smp mts": .smp, "sekolah menengah pertama": .smp, "junior high school": .smp,
        "sma": .sma, "smk": .sma, "ma": .sma, "slta": .sma, "sma smk": .sma, "sma ma": .sma, "sma smk ma": .sma,
        "sekolah menengah atas": .sma, "senior high school": .sma, "high school": .sma,
        "d1": .d1d3, "d2": .d1d3, "d3": .d1d3, "d1 d3": .d1d3, "diploma": .d1d3, "diploma d1 d3": .d1d3,
        "diploma i iii": .d1d3, "diploma 1 3": .d1d3,
        "d4": .d4s1, "s1": .d4s1, "d4 s1": .d4s1, "s1 d4": .d4s1, "sarjana": .d4s1, "diploma iv": .d4s1, "diploma 4": .d4s1,
        "bachelor": .d4s1, "sarjana s1": .d4s1,
        "s2": .s2, "magister": .s2, "pascasarjana": .s2, "master": .s2, "magister s2": .s2,
        "s3": .s3, "doktor": .s3, "doctorate": .s3, "phd": .s3, "doktor s3": .s3,
    ]

    static let occupations: [String: Occupation] = [
        "pns": .pns, "asn": .pns, "pns asn": .pns, "asn pns": .pns, "pegawai negeri": .pns, "pegawai negeri sipil": .pns,
        "civil servant": .pns,
        "tni": .tni, "polri": .polri, "polisi": .polri, "tni polri": .tni,
        "swasta": .swasta, "pegawai swasta": .swasta, "karyawan swasta": .swasta, "karyawan": .swasta,
        "private employee": .swasta, "private sector": .swasta,
        "wiraswasta": .wirausaha, "wirausaha": .wirausaha, "pengusaha": .wirausaha, "self employed": .wirausaha,
        "entrepreneur": .wirausaha,
        "lainnya": .lainnya, "lain": .lainnya, "lain lain": .lainnya, "other": .lainnya, "others": .lainnya,
    ]

    /// Words a form adds after an education level ("SMA/sederajat").
    private static let educationSuffixes: Set<String> = ["sederajat", "atau", "dan", "equivalent"]
    /// Words around an age ("34 tahun").
    private static let ageUnits: Set<String> = ["tahun", "th", "thn", "thn.", "years", "year", "yo"]

    static func gender(_ text: String) -> Gender? {
        genders[words(text).joined(separator: " ")]
    }

    static func education(_ text: String) -> Education? {
        var plain = words(text)
        while let last = plain.last, educationSuffixes.contains(last), plain.count > 1 { plain.removeLast() }
        return educations[plain.joined(separator: " ")]
    }

    /// An occupation; with `freeText`, any other text with a letter in it is LAINNYA (a form's
    /// "Yang lain: Petani"), as SPEC.md says.
    static func occupation(_ text: String, freeText: Bool) -> Occupation? {
        if let known = occupations[words(text).joined(separator: " ")] { return known }
        if freeText, text.contains(where: \.isLetter) { return .lainnya }
        return nil
    }

    /// The digits of an age written `34`, `34 tahun`, `34th`; nil for anything else.
    static func ageDigits(_ text: String) -> String? {
        var plain = words(text)
        if plain.count == 2, ageUnits.contains(plain[1]) { plain.removeLast() }
        guard plain.count == 1 else { return nil }
        var digits = plain[0]
        for unit in ageUnits where digits.hasSuffix(unit) && digits.count > unit.count {
            digits.removeLast(unit.count)
            break
        }
        return digits.allSatisfy(\.isASCIIDigit) && !digits.isEmpty ? digits : nil
    }

    /// What an allowed profile answer looks like, for messages.
    static func profileAllowed(_ field: ProfileField, language: MessageLanguage) -> String {
        switch (field, language) {
        case (.gender, .id): return "L atau P (Laki-laki, Perempuan)"
        case (.gender, .en): return "L or P (Laki-laki, Perempuan)"
        case (.education, .id): return "salah satu dari SD, SMP, SMA (SMA/SMK/sederajat), D1-D3 (Diploma, D3), D4/S1, S2, S3"
        case (.education, .en): return "one of SD, SMP, SMA (SMA/SMK/sederajat), D1-D3 (Diploma, D3), D4/S1, S2, S3"
        case (.occupation, .id): return "salah satu dari PNS (ASN), TNI, POLRI, SWASTA (Pegawai swasta), WIRAUSAHA (Wiraswasta), LAINNYA"
        case (.occupation, .en): return "one of PNS (ASN), TNI, POLRI, SWASTA (Pegawai swasta), WIRAUSAHA (Wiraswasta), LAINNYA"
        case (.age, .id): return "umur dalam tahun, bilangan bulat 10 sampai 120 (mis. 34 atau 34 tahun)"
        case (.age, .en): return "the age in years, a whole number from 10 to 120 (e.g. 34 or 34 tahun)"
        }
    }

    /// What an allowed answer to `unsur` looks like, for messages.
    static func answerAllowed(unsur: Int, language: MessageLanguage) -> String {
        let labels = questions[unsur - 1].answers.enumerated()
            .map { "\(["a", "b", "c", "d"][$0.offset]). \($0.element)" }.joined(separator: ", ")
        switch language {
        case .id: return "\(labels), atau angka 1-4; kosong atau - bila tidak dijawab"
        case .en: return "\(labels), or a number 1-4; empty or - when unanswered"
        }
    }
}

/// The profile questions of the form.
enum ProfileField: Sendable {
    case gender, age, education, occupation
}
