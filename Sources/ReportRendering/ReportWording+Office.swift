import Indicators
import Storage

/// The phrases of the letterhead and the signature block (`OfficialDocument`).
extension ReportWording {
    private func say(_ indonesian: String, _ english: String) -> String {
        language == .id ? indonesian : english
    }

    static let indonesianMonths = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                                   "September", "Oktober", "November", "Desember"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    /// `2 Desember 2026` (`2 December 2026` in English).
    func longDate(_ date: CalendarDate) -> String {
        let months = language == .id ? Self.indonesianMonths : Self.englishMonths
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// `PEMERINTAH KABUPATEN LUMAJANG`.
    func governmentLine(_ regencyName: String) -> String {
        say("PEMERINTAH \(regencyName.uppercased())", "GOVERNMENT OF \(regencyName.uppercased())")
    }

    /// `KECAMATAN TEMPURSARI`.
    func kecamatanLine(_ office: Office) -> String {
        "KECAMATAN \(office.kecamatanName.uppercased())"
    }

    var missingRegencyName: String {
        say("Nama kabupaten/kota belum dicatat: iku office set --regency-name \"Kabupaten ...\"",
            "The regency name is not recorded: iku office set --regency-name \"Kabupaten ...\"")
    }

    var missingAddress: String {
        say("Alamat kantor belum dicatat: iku office set --address \"...\"",
            "The office's address is not recorded: iku office set --address \"...\"")
    }

    /// `Tempursari, 2 Desember 2026`.
    func placeAndDate(_ office: Office?, _ date: CalendarDate) -> String {
        (office.map { "\($0.kecamatanName), " } ?? "") + longDate(date)
    }

    /// The position when none is recorded: `Camat Tempursari`, or in English `Head of
    /// Kecamatan Tempursari (Camat)`.
    func defaultPosition(_ position: String, _ office: Office?) -> String {
        guard language == .en, let office else { return position }
        return "Head of Kecamatan \(office.kecamatanName) (Camat)"
    }

    /// `NIP 19660228 199203 1 012`.
    func nipLine(_ nip: String) -> String { "NIP \(nip)" }

    /// What the signature block lacks and the command that records it, e.g. `Kepala kantor belum
    /// dicatat (nama, NIP, pangkat): iku office set --head-name "..." --head-nip "..." --head-rank "..."`.
    func missingHead(_ keys: [OfficeSettingKey]) -> String {
        let names = keys.map { key -> String in
            switch key {
            case .headName: return say("nama", "name")
            case .headNIP: return "NIP"
            case .headRank: return say("pangkat/golongan", "rank")
            case .headPosition: return say("jabatan", "position")
            default: return key.argument
            }
        }
        let command = "iku office set " + keys.map { "--\($0.argument) \"...\"" }.joined(separator: " ")
        let allMissing = keys.contains(.headName) && keys.contains(.headNIP)
        return say("\(allMissing ? "Kepala kantor belum dicatat" : "Data kepala kantor belum lengkap") (\(names.joined(separator: ", "))): \(command)",
                   "\(allMissing ? "The head of office is not recorded" : "The head of office's details are incomplete") (\(names.joined(separator: ", "))): \(command)")
    }
}
