import Storage

/// The demo office's letterhead and head of office, recorded on its first day with
/// `office set` like a clerk would, so the demo's printed report carries the letterhead and a
/// signature block. The head is a sample, and says so in the name; the NIP is valid by its
/// structure but belongs to no one. The regency name is left to its default from the code.
enum DemoOffice {
    static let headName = "Contoh Nama Camat, S.Sos. (data contoh)"
    static let settings: [(key: OfficeSettingKey, value: String?)] = [
        (.address, "Jl. Contoh Raya No. 1, Tempursari, Lumajang (alamat contoh)"),
        (.headName, headName),
        (.headNIP, "19700512 199503 1 004"),
        (.headRank, "Pembina (IV/a)"),
        (.headPosition, "Camat Tempursari"),
    ]
}
