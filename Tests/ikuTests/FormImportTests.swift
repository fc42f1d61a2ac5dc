import Foundation
import Testing

/// `iku survey import FILE --form` end to end, through the built `iku`, on form exports as
/// Google Forms, Microsoft Forms and spreadsheets write them.
@Suite("Survey form import")
struct FormImportTests {
    let iku: IkuRunner

    init() throws {
        iku = try IkuRunner()
        iku.environment["IKU_NOW"] = "2026-12-02T03:00:00Z"
        try iku.initialise()
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = iku.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The stored responses as CSV lines from `date` to `suggestion`.
    func stored() throws -> [String] {
        let result = try iku.run(["survey", "list", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\r\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false)[2..<18].joined(separator: ",")
        }
    }

    static let indonesianHeader = [
        "Stempel waktu", "Alamat email", "Jenis Layanan",
        "1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "3. Kecepatan waktu pelayanan",
        "4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        "6. Kompetensi / kemampuan petugas",
        "7. Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "Jenis Kelamin", "Umur", "Pendidikan Terakhir", "Pekerjaan Utama", "Saran dan Masukan",
    ].map { "\"\($0)\"" }.joined(separator: ",")

    @Test func googleFormsIndonesianExportImportsByMeaningAllOrNothing() throws {
        let path = try file("SKM (Jawaban).csv", Self.indonesianHeader + "\r\n" + """
            28/11/2026 9:05:31,a@b.id,KTP,d. Sangat sesuai,c. Mudah,Cepat,Gratis,Sesuai,KOMPETEN,Sangat  sopan dan ramah,Baik,Dikelola dengan baik,Laki-laki,34 tahun,SMA/SMK/sederajat,Wiraswasta,"Antre, lama"
            1/12/2026 14.00.00,,KK,a) tidak sesuai,B. Kurang Mudah,4,4,3,3,3,Cukup,Ada tapi tidak berfungsi,Perempuan,45,S1,Petani,
            2/12/2026 8:00:00,,KK,,,,,,,,-,,P,,D3,Pegawai Swasta,
            """ + "\r\n")
        let dryRun = try iku.run(["survey", "import", path, "--form", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("  3. \"Jenis Layanan\" → jenis layanan\n"))
        #expect(dryRun.stdout.contains("  2. \"Alamat email\" → diabaikan\n"))
        #expect(dryRun.stdout.contains("tentang kualitas sarana dan prasarana?\" → U9 Sarana dan Prasarana\n"))
        #expect(dryRun.stdout.contains("→ U8 Penanganan Pengaduan, Saran dan Masukan\n"))
        #expect(dryRun.stdout.contains("Tanggal bergaris miring dibaca d/M/yyyy: baris 2 hanya bisa dibaca begitu\n"))
        #expect(dryRun.stdout.contains("Tanggal survei: 2026-11-28 s.d. 2026-12-02\nPer layanan:\n  KK: 2\n  KTP: 1\n"))
        #expect(dryRun.stdout.hasSuffix("uji coba: semua 3 baris SKM (Jawaban).csv sah; tidak ada yang ditulis\n"))
        #expect(try stored().isEmpty)

        let imported = try iku.run(["survey", "import", path, "--form"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("diimpor 3 jawaban survei dari SKM (Jawaban).csv (id 1-3) sebagai perubahan 2\n"))
        #expect(try stored() == [
            "2026-11-28,KTP,4,3,3,4,3,3,4,4,3,L,34,SMA,WIRAUSAHA,\"Antre",
            "2026-12-01,KK,1,2,4,4,3,3,3,2,2,P,45,D4/S1,LAINNYA,",
            "2026-12-02,KK,,,,,,,,,,P,,D1-D3,SWASTA,",
        ])
        #expect(try iku.run(["audit", "verify"]).status == 0)

        let again = try iku.run(["survey", "import", path, "--form"])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: \"SKM (Jawaban).csv\" isinya sama (SHA-256) dengan \"SKM (Jawaban).csv\", yang diimpor pada 2026-12-02T03:00:00.000Z oleh test-clerk sebagai perubahan 2; tidak ada yang diimpor"))
        #expect(try stored().count == 3)
    }

    @Test func englishLocaleTimestampsDigitsAndTimeZone() throws {
        let path = try file("forms.csv", """
            Timestamp,Email Address,Service,U1 Requirements,U2 Procedure,U3 Speed,U4 Cost,U5 Product,U6 Competence,U7 Courtesy,U8 Complaint handling,U9 Facilities,Gender,Age,Education,Occupation,Suggestions
            11/28/2026 9:05:31 AM,x@y.z,KTP,4,4,4,4,4,4,4,4,4,Male,30,Bachelor,Civil servant,
            11/3/2026 23:59:59,,KTP,1,1,1,1,1,1,1,1,1,Female,61,SMP,TNI,
            """)
        #expect(try iku.run(["survey", "import", path, "--form", "--lang", "en"]).stdout
                == "imported 2 survey response rows from forms.csv (ids 1-2) as change 2\nSlashed dates read M/d/yyyy: line 2 can only be read so\n")
        let result = try iku.run(["survey", "list", "--format", "csv"])
        #expect(try stored() == [
            "2026-11-03,KTP,1,1,1,1,1,1,1,1,1,P,61,SMP,TNI,",
            "2026-11-28,KTP,4,4,4,4,4,4,4,4,4,L,30,D4/S1,PNS,",
        ], "\(result.stdout)")

        // An instant with an offset is dated in the office's zone: 23:30 UTC on 31 December 2025
        // is 1 January 2026 in Jakarta, still 31 December in UTC.
        let instants = "Timestamp,Service,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2025-12-31T23:30:00Z,KK,3,3,3,3,3,3,3,3,3\n"
        let jakarta = try file("jakarta.csv", instants)
        #expect(try iku.run(["survey", "import", jakarta, "--form"]).status == 0)
        let utc = try file("utc.csv", instants + "2025-12-30 10:00:00,KK,3,3,3,3,3,3,3,3,3\n")
        #expect(try iku.run(["survey", "import", utc, "--form", "--timezone", "UTC"]).status == 0)
        #expect(try stored().prefix(3) == [
            "2025-12-30,KK,3,3,3,3,3,3,3,3,3,,,,,",
            "2025-12-31,KK,3,3,3,3,3,3,3,3,3,,,,,",
            "2026-01-01,KK,3,3,3,3,3,3,3,3,3,,,,,",
        ])
        let badZone = try iku.run(["survey", "import", utc, "--form", "--timezone", "Mars/Olympus"])
        #expect(badZone.status == 2 && badZone.stderr.contains("--timezone Mars/Olympus is not an IANA time zone name"))
    }

    @Test func microsoftFormsExportWithItsOwnColumns() throws {
        let path = try file("ms.csv", """
            ID,Start time,Completion time,Email,Name,Last modified time,Jenis layanan,Persyaratan,"Sistem, Mekanisme, dan Prosedur",Waktu Penyelesaian,Biaya/Tarif,Produk Spesifikasi Jenis Pelayanan,Kompetensi Pelaksana,Perilaku Pelaksana,Sarana dan Prasarana,"Penanganan Pengaduan, Saran dan Masukan",Usia,Jenis kelamin
            1,11/27/26 8:58,11/27/26 9:05,anonymous,,,Legalisasi,Sesuai,Mudah,Cepat,Murah,Sesuai,Kompeten,Sopan dan ramah,Sangat baik,Berfungsi kurang maksimal,29 tahun,Pria
            """)
        let imported = try iku.run(["survey", "import", path, "--form", "--lang", "en"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Slashed dates read M/d/yyyy: line 2 can only be read so"))
        #expect(try stored() == ["2026-11-27,Legalisasi,3,3,3,3,3,3,3,3,4,L,29,,,"])
    }

    @Test func aFormPerServiceTakesItsServiceFromTheCommandLine() throws {
        let path = try file("ktp.csv", "Timestamp,U1,U2,U3,U4,U5,U6,U7,U8,U9\n11/28/2026 9:00:00,4,4,4,4,4,4,4,4,4\n")
        let missing = try iku.run(["survey", "import", path, "--form"])
        #expect(missing.status == 1 && missing.stderr.contains("kolom yang wajib tidak ada: jenis layanan (atau --service)"))
        let imported = try iku.run(["survey", "import", path, "--form", "--service", "KTP"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try stored() == ["2026-11-28,KTP,4,4,4,4,4,4,4,4,4,,,,,"])
        let both = try file("both.csv", "Timestamp,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n11/28/2026 9:00:00,KK,4,4,4,4,4,4,4,4,4\n")
        let refused = try iku.run(["survey", "import", both, "--form", "--service", "KTP", "--lang", "en"])
        #expect(refused.status == 1 && refused.stderr.contains("--service is for a form without a service column; column 2 asks it"))
        let plain = try iku.run(["survey", "import", path, "--service", "KTP"])
        #expect(plain.status == 2 && plain.stderr.contains("--timezone, --date-order, --lang and --service apply to --form"))
    }

    @Test func ambiguousDatesAreSaidAndDecidedByDateOrder() throws {
        let path = try file("ambigu.csv", """
            Stempel waktu,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9
            3/11/2026 10:00:00,KTP,4,4,4,4,4,4,4,4,4
            """)
        let dryRun = try iku.run(["survey", "import", path, "--form", "--dry-run"])
        #expect(dryRun.stdout.contains("PERHATIAN: setiap tanggal bisa dibaca d/M atau M/d; dibaca d/M/yyyy menurut bahasa judul kolom tanggal."))
        #expect(dryRun.stdout.contains("Tanggal survei: 2026-11-03 s.d. 2026-11-03\n"))
        #expect(try iku.run(["survey", "import", path, "--form", "--date-order", "mdy"]).status == 0)
        #expect(try stored() == ["2026-03-11,KTP,4,4,4,4,4,4,4,4,4,,,,,"])
    }

    @Test func badColumnsAnswersAndTimestampsAreNamedAndNothingIsWritten() throws {
        let before = try iku.contentDump()
        let unknown = try file("hobi.csv", "Stempel waktu,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,Hobi\n28/11/2026 9:00:00,KTP,4,4,4,4,4,4,4,4,4,Catur\n")
        let refusedColumn = try iku.run(["survey", "import", unknown, "--form"])
        #expect(refusedColumn.status == 1)
        #expect(refusedColumn.stderr.hasPrefix("error: hobi.csv: baris 1: judul kolom: \"Hobi\" tidak diterima; kolom 12 tidak dikenali"))

        let missing = try file("kurang.csv", "Stempel waktu,Layanan,U1,U2,U3,U5,U6,U7,U8,U9\n28/11/2026 9:00:00,KTP,4,4,4,4,4,4,4,4\n")
        #expect(try iku.run(["survey", "import", missing, "--form", "--lang", "en"]).stderr
                .contains("required column missing: U4 Biaya/Tarif"))

        let bad = try file("salah.csv", """
            Stempel waktu,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis kelamin,Pendidikan
            28/11/2026 9:00:00,KTP,4,4,Cepet,4,4,4,4,4,4,L,SMA
            kemarin,KTP,4,4,4,4,4,4,4,4,4,L,SMA
            29/11/2026 9:00:00,KTP,4,4,4,4,4,4,4,4,4,X,SMA
            30/11/2026 9:00:00,KTP,4,4,4,4,4,4,4,4,5,L,Sekolah tinggi
            """)
        let refused = try iku.run(["survey", "import", bad, "--form"])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n") == [
            "error: salah.csv: 4 baris salah; tidak ada yang diimpor:",
            "  baris 2: U3: \"Cepet\" tidak diterima; a. Tidak cepat, b. Kurang cepat, c. Cepat, d. Sangat cepat, atau angka 1-4; kosong atau - bila tidak dijawab",
            "  baris 3: Stempel waktu: \"kemarin\" tidak diterima; stempel waktu seperti 28/11/2026 9:05:31, 11/28/2026 9:05:31, 2026-11-28 09:05:31 atau 2026-11-28T02:05:31Z, atau tanggal saja",
            "  baris 4: jenis kelamin: \"X\" tidak diterima; L atau P (Laki-laki, Perempuan)",
            "  baris 5: U9: \"5\" tidak diterima; a. Buruk, b. Cukup, c. Baik, d. Sangat baik, atau angka 1-4; kosong atau - bila tidak dijawab",
        ])
        #expect(try iku.contentDump() == before)
    }
}
