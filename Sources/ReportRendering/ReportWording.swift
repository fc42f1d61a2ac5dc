import Indicators
import Storage

/// The language of the printable report.
public enum ReportLanguage: String, CaseIterable, Sendable {
    /// Bahasa Indonesia, the default.
    case id
    case en
}

/// How an indicator stands against its target, in the order a reader cares about.
enum Verdict: Equatable {
    case notComputable(reason: String)
    case noTarget
    case met
    case notMet

    init(figure: Figure, achievement: Achievement, reason: String) {
        if figure.value == nil {
            self = .notComputable(reason: reason)
        } else if let met = achievement.isMet {
            self = met ? .met : .notMet
        } else {
            self = .noTarget
        }
    }

    /// The CSS class of the verdict's badge.
    var styleClass: String {
        switch self {
        case .notComputable: return "not-computable"
        case .noTarget: return "no-target"
        case .met: return "met"
        case .notMet: return "not-met"
        }
    }
}

/// How a village's document stands against its deadline.
enum DocumentStatus: String {
    case onTime = "on-time"
    case late
    case missing
    /// Not in yet, its deadline still ahead: left out of the count (an open period).
    case notYetDue = "not-yet-due"
    /// The village was not active on the deadline: nothing was expected of it.
    case notExpected = "not-expected"

    init(_ cell: DocumentCell?) {
        guard let cell else { self = .notExpected; return }
        if cell.isNotYetDue { self = .notYetDue; return }
        if cell.isMissing { self = .missing } else { self = cell.isOnTime ? .onTime : .late }
    }
}

/// Every phrase of the printable report, in Indonesian or English. Phrases that the query
/// module writes in Indonesian (reasons, deadline bases, element names) are rebuilt here from the
/// results' structure, so the English report has no Indonesian sentences left in it.
public struct ReportWording {
    let language: ReportLanguage

    public init(language: ReportLanguage) {
        self.language = language
    }

    private func pick(_ indonesian: String, _ english: String) -> String {
        language == .id ? indonesian : english
    }

    // MARK: Page and header

    var documentTitle: String { pick("Laporan Capaian Indikator Kinerja Utama (IKU)", "Key Performance Indicators (IKU) Report") }

    func office(_ office: Office?) -> String {
        guard let office else { return "Kecamatan" }
        return pick("Kecamatan \(office.kecamatanName) (kode Kemendagri \(office.kecamatanCode))",
                    "Kecamatan (sub-district) \(office.kecamatanName), Kemendagri code \(office.kecamatanCode)")
    }

    func period(_ period: Period) -> String {
        switch period.span {
        case .year: return pick("Tahun \(period.year)", "Year \(period.year)")
        case .quarter(let quarter): return pick("Triwulan \(roman(quarter)) \(period.year)", "Quarter \(roman(quarter)) \(period.year)")
        case .range: return pick("\(period.from) s.d. \(period.to)", "\(period.from) to \(period.to)")
        }
    }

    func periodDays(_ period: Period) -> String {
        pick("Periode \(period.from) s.d. \(period.to)", "Period \(period.from) to \(period.to)")
    }

    func computedFrom(changeID: Int64, generatedAt: String) -> String {
        pick("Dihitung langsung dari catatan yang tersimpan sampai perubahan #\(changeID); dibuat \(generatedAt).",
             "Computed straight from the records stored up to change #\(changeID); generated \(generatedAt).")
    }

    var goal: String { pick("Tujuan", "Goal") }
    var strategicTarget: String { pick("Sasaran strategis", "Strategic objective") }
    var responsible: String { pick("Penanggung jawab: Camat", "Responsible: the Camat (head of the kecamatan)") }

    func goalText() -> String {
        pick("\(IKUSheet.tujuan) (indikator tujuan: \(IKUSheet.indikatorTujuan))",
             "Increase public satisfaction (goal indicator: the community satisfaction index)")
    }

    func strategicTargetText() -> String {
        pick(IKUSheet.sasaranStrategis,
             "Better quality of the kecamatan's services, facilities and coordination, and accountable village finances and government")
    }

    // MARK: Indicators

    func indicatorName(_ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return pick(IKUSheet.ikm.name, "Community satisfaction index (Nilai IKM) of the kecamatan")
        case .facilitation: return pick(IKUSheet.facilitation.name, "Facilitation and coordination results followed up (%)")
        case .villageDocuments:
            return pick(IKUSheet.villageDocuments.name, "Average share of villages with their administration documents on time (%)")
        }
    }

    func indicatorShortName(_ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return pick("Nilai IKM", "IKM score")
        case .facilitation: return pick("Fasilitasi ditindaklanjuti (%)", "Facilitation followed up (%)")
        case .villageDocuments: return pick("Dokumen desa tepat waktu (%)", "Village documents on time (%)")
        }
    }

    var summaryHeading: String { pick("Ringkasan capaian", "Summary") }
    var indicatorColumn: String { pick("Indikator", "Indicator") }
    var valueColumn: String { pick("Realisasi", "Value") }
    var targetColumn: String { pick("Target", "Target") }
    var capaianColumn: String { pick("Capaian", "Achievement (capaian)") }
    var verdictColumn: String { pick("Penilaian", "Verdict") }

    var noTargetValue: String { pick("belum ditetapkan", "not set") }
    var notComputableValue: String { pick("tidak dapat dihitung", "not computable") }

    func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .notComputable(let reason): return pick("Tidak dapat dihitung: \(reason)", "Not computable: \(reason)")
        case .noTarget: return pick("Target belum ditetapkan", "No target set")
        case .met: return pick("Target tercapai", "Target met")
        case .notMet: return pick("Target belum tercapai", "Target not met")
        }
    }

    func mutu(_ mutu: Mutu) -> String {
        pick("Mutu pelayanan \(mutu.rawValue) (\(mutu.kinerja))", "Service quality \(mutu.rawValue) (\(kinerja(mutu)))")
    }

    func kinerja(_ mutu: Mutu) -> String {
        switch mutu {
        case .a: return pick(mutu.kinerja, "very good")
        case .b: return pick(mutu.kinerja, "good")
        case .c: return pick(mutu.kinerja, "fair")
        case .d: return pick(mutu.kinerja, "poor")
        }
    }

    func counted(_ numerator: Int, of denominator: Int, _ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return pick("\(numerator) responden", "\(numerator) respondents")
        case .facilitation: return pick("\(numerator) dari \(denominator) kegiatan", "\(numerator) of \(denominator) activities")
        case .villageDocuments: return pick("\(numerator) dari \(denominator) dokumen", "\(numerator) of \(denominator) documents")
        }
    }

    // MARK: Reasons a figure is not computable

    func reason(_ result: IKMResult) -> String {
        if result.respondents == 0 { return pick("tidak ada responden survei pada periode ini", "no survey responses in this period") }
        let unanswered = result.tally.scores.filter { $0.answered == 0 }.map { "\($0.unsur.code) (\(unsurName($0.unsur)))" }
        return pick("unsur \(unanswered.joined(separator: ", ")) tidak dijawab oleh satu pun responden",
                    "element \(unanswered.joined(separator: ", ")) answered by no respondent")
    }

    func reason(_ result: FacilitationResult) -> String {
        pick("tidak ada kegiatan fasilitasi atau koordinasi pada periode ini", "no facilitation or coordination activity held in this period")
    }

    func reason(_ result: VillageDocumentsResult) -> String {
        if result.deadlines.isEmpty {
            return pick("tidak ada batas waktu RKPDesa, APBDesa atau LPPDesa dalam periode ini",
                        "no RKPDesa, APBDesa or LPPDesa deadline falls in this period")
        }
        if result.tally.expected == 0, result.tally.notYetDue > 0 {
            return pick("belum ada dokumen yang jatuh tempo sampai dengan \(result.decidedOn)",
                        "no document is due yet up to \(result.decidedOn)")
        }
        return pick("tidak ada desa yang aktif pada batas waktu dokumen dalam periode ini",
                    "no village was active on the document deadlines in this period")
    }

    // MARK: IKU 1

    var ikmHeading: String { pick("IKU 1 — Nilai IKM Kecamatan", "IKU 1 — Community satisfaction index (IKM)") }

    func ikmSummary(respondents: Int, value: String, mutu: String) -> String {
        pick("Responden: \(respondents). Nilai IKM: \(value). \(mutu).", "Respondents: \(respondents). IKM: \(value). \(mutu).")
    }

    var nrrChartTitle: String { pick("Nilai rata-rata (NRR) per unsur pelayanan", "Average score (NRR) per service element") }

    var nrrChartDescription: String {
        pick("Skala 1–4. Garis putus-putus: batas mutu A (3.5324), B (3.0644) dan C (2.60). Batang merah: NRR terendah; jingga: prioritas perbaikan lainnya.",
             "Scale 1–4. Dashed lines: the quality band limits A (3.5324), B (3.0644) and C (2.60). Red bar: the lowest NRR; orange: the other priorities for improvement.")
    }

    func unsurName(_ unsur: Unsur) -> String {
        guard language == .en else { return unsur.name }
        switch unsur {
        case .u1: return "Requirements"
        case .u2: return "Systems, mechanisms and procedures"
        case .u3: return "Completion time"
        case .u4: return "Cost/tariff"
        case .u5: return "Product specification of the service"
        case .u6: return "Staff competence"
        case .u7: return "Staff behaviour"
        case .u8: return "Handling of complaints, suggestions and feedback"
        case .u9: return "Facilities and infrastructure"
        }
    }

    var codeColumn: String { pick("Kode", "Code") }
    var elementColumn: String { pick("Unsur pelayanan", "Service element") }
    var answeredColumn: String { pick("Responden menjawab", "Answered by") }
    var nrrColumn: String { "NRR" }
    var priorityColumn: String { pick("Prioritas perbaikan", "Priority for improvement") }
    var lowestMark: String { pick("terendah", "lowest") }
    var priorityMark: String { pick("ya", "yes") }
    var noAnswers: String { pick("tidak ada jawaban", "no answers") }

    func sample(_ sample: SampleAdequacy?, span: Period.Span) -> String {
        guard let sample else {
            if span == .range {
                return pick("Kecukupan sampel: populasi dicatat per tahun atau per triwulan, sehingga untuk rentang tanggal ini tidak dinilai.",
                            "Sample adequacy: the population is recorded per year or quarter, so it is not judged for a date range.")
            }
            return pick("Kecukupan sampel: jumlah penerima layanan (populasi) periode ini belum dicatat, sehingga tidak dinilai.",
                        "Sample adequacy: the number of service users (population) of this period is not recorded, so it is not judged.")
        }
        return pick("""
            Kecukupan sampel (Krejcie & Morgan): populasi \(sample.population) orang; sampel minimum \(sample.minimumSample) \
            responden; responden \(sample.respondents) — \(sample.isAdequate ? "memenuhi" : "belum memenuhi") sampel minimum.
            """, """
            Sample adequacy (Krejcie & Morgan): population \(sample.population); minimum sample \(sample.minimumSample); \
            respondents \(sample.respondents) — the minimum is \(sample.isAdequate ? "reached" : "not reached").
            """)
    }

    var serviceHeading: String { pick("Nilai IKM per jenis layanan", "IKM per service") }
    var quarterHeading: String { pick("Nilai IKM per triwulan", "IKM per quarter") }
    var serviceColumn: String { pick("Jenis layanan", "Service") }
    var quarterColumn: String { pick("Triwulan", "Quarter") }
    var respondentsColumn: String { pick("Responden", "Respondents") }
    var mutuColumn: String { pick("Mutu", "Quality") }

    func groupLabel(_ group: SurveyGroup) -> String {
        guard let key = group.key else { return pick("tidak diisi", "not given") }
        if group.dimension == .quarter, let quarter = Int(key) { return pick("Triwulan \(roman(quarter))", "Quarter \(roman(quarter))") }
        return key
    }

    // MARK: Trend

    var trendHeading: String { pick("Tren tahunan ketiga IKU", "Yearly trend of the three IKU") }

    var trendDescription: String {
        pick("Nilai setahun penuh untuk setiap tahun yang memiliki catatan (skala 0–100; IKU 2 menghitung semua tindak lanjut yang tercatat). Titik yang tidak ada: tidak dapat dihitung.",
             "Full-year figures for every year with records (scale 0–100; IKU 2 counts every follow-up recorded). A missing point: not computable.")
    }

    var yearColumn: String { pick("Tahun", "Year") }
    var noTrend: String { pick("Belum ada catatan untuk tahun mana pun.", "No year has records yet.") }

    // MARK: IKU 2

    var facilitationHeading: String {
        pick("IKU 2 — Hasil fasilitasi dan koordinasi yang ditindaklanjuti", "IKU 2 — Facilitation and coordination followed up")
    }

    func facilitationSummary(held: Int, followedUp: Int, value: String, followUpBy: CalendarDate?) -> String {
        let counted = followUpBy.map { pick("tindak lanjut bertanggal sampai dengan \($0)", "follow-ups dated on or before \($0)") }
            ?? pick("semua tindak lanjut yang tercatat", "every follow-up recorded")
        return pick("Kegiatan dengan lembaga/instansi lain yang dilaksanakan: \(held); ditindaklanjuti: \(followedUp); persentase: \(value). Dihitung: \(counted).",
                    "Activities held with other institutions: \(held); followed up: \(followedUp); percentage: \(value). Counted: \(counted).")
    }

    var pendingHeading: String { pick("Kegiatan yang belum ditindaklanjuti", "Activities still without follow-up") }
    var noPending: String { pick("Tidak ada: setiap kegiatan pada periode ini telah ditindaklanjuti.", "None: every activity of this period has been followed up.") }
    var idColumn: String { "ID" }
    var dateColumn: String { pick("Tanggal", "Date") }
    var kindColumn: String { pick("Jenis", "Kind") }
    var institutionColumn: String { pick("Lembaga/instansi", "Institution") }
    var subjectColumn: String { pick("Perihal", "Subject") }
    var sectionColumn: String { pick("Seksi/subbagian", "Section") }
    var noSection: String { pick("—", "—") }

    func activityKind(_ kind: String) -> String {
        guard language == .en else { return kind }
        switch kind {
        case "fasilitasi": return "facilitation"
        case "koordinasi": return "coordination"
        default: return kind
        }
    }

    // MARK: IKU 3

    var documentsHeading: String {
        pick("IKU 3 — Dokumen administrasi pemerintahan desa tepat waktu", "IKU 3 — Village administration documents on time")
    }

    func documentsSummary(expected: Int, onTime: Int, value: String) -> String {
        pick("Dokumen wajib: \(expected); tepat waktu: \(onTime); persentase: \(value). Tepat waktu bila tanggal penetapan/penyampaian ≤ batas waktu; dokumen yang belum ada tidak tepat waktu.",
             "Documents due: \(expected); on time: \(onTime); percentage: \(value). On time when adopted or delivered on or before the deadline; a missing document is not on time.")
    }

    /// "sampai dengan DAY": the day an open period's figure is computed up to.
    func upTo(_ day: CalendarDate) -> String { pick("sampai dengan \(day)", "up to \(day)") }

    /// What an open period's figure counts: the documents decided up to the deciding day.
    func documentsUpTo(_ result: VillageDocumentsResult) -> String {
        pick("Periode belum selesai: angka ini sampai dengan \(result.decidedOn); \(result.tally.notYetDue) dokumen belum jatuh tempo (batas waktunya belum lewat dan belum masuk) tidak dihitung, baik sebagai pembilang maupun penyebut. Dokumen yang sudah masuk dihitung.",
             "Open period: this figure is up to \(result.decidedOn); \(result.tally.notYetDue) documents not yet due (deadline still ahead, not in yet) are left out of both numerator and denominator. Documents already in are counted.")
    }

    var deadlinesHeading: String { pick("Batas waktu yang dipakai", "Deadlines used") }
    var documentColumn: String { pick("Dokumen", "Document") }
    var fiscalYearColumn: String { pick("Tahun anggaran", "Fiscal year") }
    var deadlineColumn: String { pick("Batas waktu", "Deadline") }
    var basisColumn: String { pick("Dasar", "Basis") }
    var expectedColumn: String { pick("Desa wajib", "Villages due") }
    var onTimeColumn: String { pick("Tepat waktu", "On time") }
    var notYetDueColumn: String { pick("Belum jatuh tempo", "Not yet due") }
    var matrixHeading: String { pick("Matriks desa × dokumen", "Village × document matrix") }
    var villageCodeColumn: String { pick("Kode desa", "Village code") }
    var villageColumn: String { pick("Desa", "Village") }
    var noDeadlines: String { pick("Tidak ada batas waktu RKPDesa, APBDesa atau LPPDesa dalam periode ini.", "No RKPDesa, APBDesa or LPPDesa deadline falls in this period.") }
    var noVillages: String { pick("Tidak ada desa yang aktif pada batas waktu tersebut.", "No village was active on those deadlines.") }

    func due(_ date: CalendarDate) -> String { pick("batas \(date)", "due \(date)") }

    func status(_ status: DocumentStatus) -> String {
        switch status {
        case .onTime: return pick("tepat waktu", "on time")
        case .late: return pick("terlambat", "late")
        case .missing: return pick("belum ada", "missing")
        case .notYetDue: return pick("belum jatuh tempo", "not yet due")
        case .notExpected: return pick("tidak wajib (desa tidak aktif)", "not due (village not active)")
        }
    }

    /// Days against a deadline: "3 hari lebih awal", "tepat pada batas waktu", "terlambat 2 hari".
    func days(late: Int) -> String {
        if late == 0 { return pick("tepat pada batas waktu", "on the deadline day") }
        if late < 0 { return pick("\(-late) hari lebih awal", "\(-late) \(-late == 1 ? "day" : "days") early") }
        return pick("terlambat \(late) hari", "\(late) \(late == 1 ? "day" : "days") late")
    }

    func basis(_ deadline: DocumentDeadline) -> String {
        switch deadline.basis {
        case .regulation: return pick(deadline.basisDescription, "regulation: \(defaultRule(deadline.document))")
        case .override(let stamp):
            return pick(deadline.basisDescription, "set in iku by \(stamp.actor) at \(deadline.setAt ?? stamp.recordedAt) (change #\(stamp.id))")
        }
    }

    func defaultRule(_ document: AdministrationDocument) -> String {
        guard language == .en else { return DeadlineSchedule.defaultBasis(document) }
        switch document {
        case .rkpdesa: return "30 September of year N−1 (Permendesa PDTT 21/2020 Art. 22(4); Permendagri 114/2014)"
        case .apbdesa: return "31 December of year N−1 (Permendagri 20/2018)"
        case .lppdesa: return "31 March of year N+1, three months after the fiscal year (Permendagri 46/2016)"
        }
    }

    var legendHeading: String { pick("Keterangan warna", "Colours") }

    // MARK: Rules

    var rulesHeading: String { pick("Aturan yang dipakai", "Rules used") }

    var rules: [String] {
        [
            pick("IKU 1 mengikuti PermenPAN-RB No. 14 Tahun 2017: NRR per unsur = jumlah nilai / jumlah responden yang menjawab unsur itu (jawaban kosong tidak dihitung); Nilai IKM = 25 × (NRR U1 + … + NRR U9) / 9 dengan bobot tepat 1/9 (bukan 0,111).",
                 "IKU 1 follows PermenPAN-RB No. 14/2017: NRR per element = sum of answers / respondents who answered it (blank answers are not counted); IKM = 25 × (NRR U1 + … + NRR U9) / 9 with a weight of exactly 1/9 (not 0.111)."),
            pick("Mutu pelayanan dari Nilai IKM yang dibulatkan 2 desimal: A (Sangat Baik) 88.31–100.00, NI 3.5324–4.00; B (Baik) 76.61–88.30, NI 3.0644–3.532; C (Kurang Baik) 65.00–76.60, NI 2.60–3.064; D (Tidak Baik) 25.00–64.99, NI 1.00–2.5996.",
                 "Service quality from the IKM rounded to 2 decimals: A (very good) 88.31–100.00, NI 3.5324–4.00; B (good) 76.61–88.30, NI 3.0644–3.532; C (fair) 65.00–76.60, NI 2.60–3.064; D (poor) 25.00–64.99, NI 1.00–2.5996."),
            pick("Pembulatan: angka ditampilkan 2 desimal, setengah ke atas (half-up); perhitungan memakai presisi penuh.",
                 "Rounding: figures are shown with 2 decimals rounded half-up; computations keep full precision."),
            pick("Capaian = realisasi / target × 100% (ketiga indikator: makin tinggi makin baik); target tercapai bila realisasi ≥ target, keduanya dibulatkan 2 desimal.",
                 "Achievement (capaian) = value / target × 100% (higher is better for all three); the target is met when the value ≥ the target, both rounded to 2 decimals."),
            pick("IKU 2 = kegiatan fasilitasi dan koordinasi dengan lembaga/instansi lain yang memiliki sedikitnya satu tindak lanjut / kegiatan yang dilaksanakan pada periode ini × 100%; kegiatan yang dibatalkan (void) tidak dihitung.",
                 "IKU 2 = facilitation and coordination activities with other institutions that have at least one follow-up / activities held in the period × 100%; voided activities are left out."),
            pick("IKU 3 = (RKPDesa + APBDesa + LPPDesa tepat waktu) / (jumlah desa × 3) × 100%, atas dokumen yang batas waktunya jatuh dalam periode ini (tahun Y: RKPDesa Y+1, APBDesa Y+1, LPPDesa Y−1) bagi setiap desa yang aktif pada batas waktu itu. Selama periode belum selesai, dokumen yang batas waktunya belum lewat dan belum masuk belum jatuh tempo dan tidak dihitung; yang sudah masuk dihitung.",
                 "IKU 3 = (RKPDesa + APBDesa + LPPDesa on time) / (villages × 3) × 100%, over the documents whose deadline falls in the period (year Y: RKPDesa Y+1, APBDesa Y+1, LPPDesa Y−1) for every village active on that deadline. While the period is open, documents whose deadline is still ahead and that are not in yet are not yet due and not counted; those already in are counted."),
            pick("Batas waktu bawaan untuk tahun anggaran N: RKPDesa \(defaultRule(.rkpdesa)); APBDesa \(defaultRule(.apbdesa)); LPPDesa \(defaultRule(.lppdesa)). Batas waktu yang ditetapkan lain di iku (mis. Perbup) tercantum pada tabel batas waktu.",
                 "Default deadlines for fiscal year N: RKPDesa \(defaultRule(.rkpdesa)); APBDesa \(defaultRule(.apbdesa)); LPPDesa \(defaultRule(.lppdesa)). Deadlines set otherwise in iku (e.g. by a Perbup) are shown in the deadlines table."),
        ]
    }

    /// The deadlines a period counted, one phrase each with where it comes from.
    func deadlinesUsed(_ deadlines: [DocumentDeadline]) -> String {
        guard !deadlines.isEmpty else { return noDeadlines }
        let items = deadlines.map { deadline -> String in
            let basis: String
            switch deadline.basis {
            case .regulation: basis = pick("ketentuan bawaan", "regulation default")
            case .override(let stamp):
                basis = pick("ditetapkan di iku oleh \(stamp.actor), perubahan #\(stamp.id)",
                             "set in iku by \(stamp.actor), change #\(stamp.id)")
            }
            return "\(deadline.document.title) \(deadline.fiscalYear): \(deadline.due) (\(basis))"
        }
        return pick("Batas waktu yang dihitung periode ini: ", "Deadlines counted in this period: ") + items.joined(separator: "; ") + "."
    }

    var generatedBy: String {
        pick("Dibuat dengan iku dari catatan yang tersimpan; setiap angka dapat dihitung ulang dari riwayat catatan.",
             "Made with iku from the stored records; every figure can be recomputed from the records' history.")
    }

    // MARK: Helpers

    private func roman(_ quarter: Int) -> String {
        ["I", "II", "III", "IV"][max(1, min(4, quarter)) - 1]
    }
}
