import Indicators
import Storage

/// The report as a kecamatan pastes it into its LKjIP: the IKU sheet with each figure, then the
/// detail behind each indicator, in the official Indonesian terms.
public struct ReportSheet {
    let report: Report
    /// One full-year report per year with records, for the trend table; nil leaves it out.
    var trend: [YearFigures]? = nil
    /// The report's date: with one, the sheet opens with the letterhead and ends with the
    /// signature block (`OfficialDocument`); nil leaves both out.
    var signedOn: CalendarDate? = nil

    private let wording = ReportWording(language: .id)

    public init(report: Report, trend: [YearFigures]? = nil, signedOn: CalendarDate? = nil) {
        self.report = report
        self.trend = trend
        self.signedOn = signedOn
    }

    public var blocks: [ReportBlock] {
        letterhead + header + summary + trendBlocks + ikuSheet + ikm + facilitation + villageDocuments + rules + signature
    }

    private var kecamatan: String {
        report.office.map { "Kecamatan \($0.kecamatanName)" } ?? "Kecamatan"
    }

    private var header: [ReportBlock] {
        [
            .title("Capaian Indikator Kinerja Utama (IKU) \(kecamatan) — \(report.period.title)"),
            .paragraph("""
                \(wording.office(report.office)).
                Periode: \(report.period.from) s.d. \(report.period.to). Dihitung langsung dari catatan yang \
                tersimpan sampai perubahan #\(report.asOfChangeID).
                Tujuan: \(IKUSheet.tujuan) (indikator tujuan: \(IKUSheet.indikatorTujuan)).
                Sasaran strategis: \(IKUSheet.sasaranStrategis).
                """),
        ]
    }

    // MARK: Summary and trend

    private var summary: [ReportBlock] {
        let rows = IKUSheet.all.map { definition -> [String] in
            let key = definition.key
            let figure = report.figure(key), achievement = report.achievement(key)
            var verdict = wording.verdict(Verdict(figure: figure, achievement: achievement, reason: reason(key)))
            if key == .ikm, let mutu = report.ikm.mutu { verdict += "; \(wording.mutu(mutu))" }
            return ["IKU \(definition.number)", wording.indicatorShortName(key),
                    figure.value.map { Rounding.twoDecimals($0) + definition.unit } ?? wording.notComputableValue,
                    Numbers.target(achievement, unit: definition.unit), Numbers.capaian(achievement), verdict]
        }
        return [
            .heading(wording.summaryHeading),
            .table(headers: ["No", wording.indicatorColumn, wording.valueColumn, wording.targetColumn,
                             wording.capaianColumn, wording.verdictColumn], rows: rows),
        ]
    }

    private func reason(_ key: IndicatorKey) -> String {
        switch key {
        case .ikm: return wording.reason(report.ikm)
        case .facilitation: return wording.reason(report.facilitation)
        case .villageDocuments: return wording.reason(report.villageDocuments)
        }
    }

    private var trendBlocks: [ReportBlock] {
        guard let trend else { return [] }
        guard !trend.isEmpty else { return [.heading(wording.trendHeading), .paragraph(wording.noTrend)] }
        return [
            .heading(wording.trendHeading),
            .paragraph(wording.trendDescription),
            .table(headers: [wording.yearColumn] + IndicatorKey.allCases.map(wording.indicatorShortName),
                   rows: trend.map { year in
                       [String(year.year)] + IndicatorKey.allCases.map { key in
                           year.figure(key).value.map { Rounding.twoDecimals($0) + (key == .ikm ? "" : "%") } ?? "—"
                       }
                   }),
        ]
    }

    private var rules: [ReportBlock] {
        let rules = wording.rules + [wording.deadlinesUsed(report.villageDocuments.deadlines)]
        return [.heading(wording.rulesHeading), .paragraph(rules.map { "- \($0)" }.joined(separator: "\n"))]
    }

    // MARK: IKU sheet

    private var ikuSheet: [ReportBlock] {
        let rows = IKUSheet.all.map { definition -> [String] in
            let figure = report.figure(definition.key)
            let achievement = report.achievement(definition.key)
            return [
                "IKU \(definition.number)", definition.name, definition.formula, definition.dataSource,
                definition.responsible, Numbers.target(achievement, unit: definition.unit),
                realisation(definition, figure), Numbers.capaian(achievement),
            ]
        }
        return [
            .heading("Lembar IKU"),
            .records(headers: ["No", "Indikator Kinerja Utama", "Formula", "Sumber Data", "Penanggung Jawab",
                               "Target", "Realisasi", "Capaian"], rows: rows),
            .paragraph("""
                Pembulatan: \(IKUSheet.roundingRule) Capaian = realisasi / target × 100% (ketiga indikator: \
                makin tinggi makin baik).
                """),
        ]
    }

    private func realisation(_ definition: IKUDefinition, _ figure: Figure) -> String {
        let shown = Numbers.figure(figure, unit: definition.unit)
        guard figure.value != nil else { return shown }
        switch definition.key {
        case .ikm:
            return "\(shown), Mutu Pelayanan \(Numbers.mutu(report.ikm.mutu))"
        case .facilitation:
            return "\(shown) (\(report.facilitation.tally.followedUp) dari \(report.facilitation.tally.held) kegiatan)"
        case .villageDocuments:
            let documents = report.villageDocuments
            let upTo = documents.isOpen ? ", sampai dengan \(documents.decidedOn)" : ""
            return "\(shown) (\(documents.tally.onTime) dari \(documents.tally.expected) dokumen\(upTo))"
        }
    }

    // MARK: IKU 1

    private var ikm: [ReportBlock] {
        let result = report.ikm
        var blocks: [ReportBlock] = [
            .heading("IKU 1 — Nilai IKM Kecamatan (PermenPAN-RB No. 14 Tahun 2017)"),
            .paragraph("""
                Jumlah responden: \(result.respondents). Nilai IKM: \(Numbers.figure(result.figure, unit: "")). \
                Mutu Pelayanan: \(Numbers.mutu(result.mutu)).
                NRR per unsur = jumlah nilai unsur / jumlah responden yang menjawab unsur itu (jawaban kosong tidak \
                dihitung); Nilai IKM = 25 × (NRR U1 + … + NRR U9) / 9 dengan bobot tepat 1/9.
                Mutu Pelayanan dari Nilai IKM dibulatkan 2 desimal: A (Sangat Baik) 88.31–100.00; B (Baik) \
                76.61–88.30; C (Kurang Baik) 65.00–76.60; D (Tidak Baik) 25.00–64.99.
                """),
            .table(headers: ["Kode", "Unsur Pelayanan", "Jumlah Nilai", "Responden Menjawab", "NRR", "Prioritas Perbaikan"],
                   rows: result.tally.scores.map { score in
                       [score.unsur.code, score.unsur.name, String(score.sum), String(score.answered),
                        score.nrr.map(Numbers.twoDecimals) ?? "tidak ada jawaban", score.isPriority ? "ya" : ""]
                   }),
        ]
        let priorities = result.tally.scores.filter(\.isPriority)
        if !priorities.isEmpty {
            blocks.append(.paragraph("""
                Unsur dengan NRR terendah (prioritas perbaikan, \(SurveyTally.priorityCount) terendah): \
                \(priorities.map { "\($0.unsur.code) \($0.unsur.name) (\(Numbers.twoDecimals($0.nrr!)))" }.joined(separator: "; ")).
                """))
        }
        blocks.append(.paragraph(sampleText(result)))
        blocks.append(.heading("Nilai IKM per Jenis Layanan"))
        blocks.append(groupTable(result.groups(.service), first: "Jenis Layanan"))
        blocks.append(.heading("Nilai IKM per Profil Responden"))
        let profile: [SurveyDimension] = [.gender, .ageBand, .education, .occupation]
        blocks.append(.table(headers: ["Profil", "Kelompok", "Responden", "Nilai IKM", "Mutu Pelayanan"],
                             rows: profile.flatMap { dimension in
                                 result.groups(dimension).map { [dimension.title] + groupCells($0) }
                             }))
        blocks.append(.heading("Nilai IKM per Triwulan"))
        blocks.append(groupTable(result.groups(.quarter), first: "Triwulan"))
        return blocks
    }

    private func sampleText(_ result: IKMResult) -> String {
        guard let sample = result.sample else {
            if report.period.span == .range {
                return "Kecukupan sampel: populasi dicatat per tahun atau per triwulan, sehingga untuk rentang tanggal ini tidak dinilai."
            }
            return "Kecukupan sampel: jumlah penerima layanan (populasi) periode ini belum dicatat, sehingga tidak dinilai."
        }
        return """
            Kecukupan sampel (Krejcie & Morgan): \(sample.source) \(sample.population) orang; sampel minimum \
            \(sample.minimumSample) responden; responden \(sample.respondents) — \
            \(sample.isAdequate ? "memenuhi" : "belum memenuhi") sampel minimum.
            """
    }

    private func groupTable(_ groups: [SurveyGroup], first: String) -> ReportBlock {
        .table(headers: [first, "Responden", "Nilai IKM", "Mutu Pelayanan"], rows: groups.map(groupCells))
    }

    private func groupCells(_ group: SurveyGroup) -> [String] {
        [group.label, String(group.tally.respondents), Numbers.figure(group.tally.ikm, unit: ""),
         Numbers.mutu(group.tally.mutu)]
    }

    // MARK: IKU 2

    private var facilitation: [ReportBlock] {
        let result = report.facilitation
        let counted = result.followUpBy.map { "tindak lanjut yang bertanggal sampai dengan \($0)" }
            ?? "semua tindak lanjut yang tercatat, berapa pun tanggalnya"
        func rows(_ groups: [FacilitationGroup], missing: String) -> [[String]] {
            groups.map { [$0.key ?? missing, String($0.tally.held), String($0.tally.followedUp),
                          Numbers.figure($0.tally.figure, unit: "%")] }
        }
        var blocks: [ReportBlock] = [
            .heading("IKU 2 — \(IKUSheet.facilitation.name)"),
            .paragraph("""
                Fasilitasi dan koordinasi dengan lembaga/instansi lain yang dilaksanakan: \(result.tally.held); yang \
                ditindaklanjuti: \(result.tally.followedUp); persentase: \(Numbers.figure(result.figure, unit: "%")).
                Tindak lanjut yang dihitung: \(counted). Kegiatan yang dibatalkan (void) tidak dihitung.
                """),
            .table(headers: ["Jenis", "Dilaksanakan", "Ditindaklanjuti", "Persentase"],
                   rows: rows(result.byKind, missing: "—")),
            .table(headers: ["Seksi/Subbagian", "Dilaksanakan", "Ditindaklanjuti", "Persentase"],
                   rows: rows(result.bySection, missing: "(seksi tidak diisi)")),
            .heading("Kegiatan yang belum ditindaklanjuti"),
        ]
        if result.pending.isEmpty {
            blocks.append(.paragraph("Tidak ada: setiap kegiatan pada periode ini telah ditindaklanjuti."))
        } else {
            blocks.append(.table(
                headers: ["ID", "Tanggal", "Jenis", "Lembaga/Instansi", "Perihal", "Seksi/Subbagian"],
                rows: result.pending.map {
                    [String($0.facilitationID), $0.heldOn.description, $0.kind, $0.institution, $0.subject, $0.section ?? "—"]
                }))
        }
        return blocks
    }

    // MARK: IKU 3

    private var villageDocuments: [ReportBlock] {
        let result = report.villageDocuments
        var blocks: [ReportBlock] = [
            .heading("IKU 3 — \(IKUSheet.villageDocuments.name)"),
            .paragraph("""
                Dokumen yang dihitung: yang batas waktunya jatuh dalam periode ini (untuk satu tahun kalender Y: \
                RKPDesa Y+1, APBDesa Y+1, LPPDesa Y−1), untuk setiap desa yang aktif pada batas waktu itu. Tepat \
                waktu bila tanggal penetapan/penyampaian ≤ batas waktu; dokumen yang belum ada tidak tepat waktu.
                Dokumen wajib: \(result.tally.expected); tepat waktu: \(result.tally.onTime); persentase: \
                \(Numbers.figure(result.figure, unit: "%")).
                """),
        ]
        if result.isOpen {
            blocks.append(.paragraph("""
                Periode belum selesai: angka ini sampai dengan \(result.decidedOn). Dokumen yang batas waktunya \
                belum lewat dan belum masuk belum jatuh tempo: \(result.tally.notYetDue), tidak dihitung sebagai \
                pembilang maupun penyebut; dokumen yang sudah masuk dihitung.
                """))
        }
        blocks.append(.heading("Batas waktu yang dipakai"))
        if result.deadlines.isEmpty {
            blocks.append(.paragraph("Tidak ada batas waktu RKPDesa, APBDesa atau LPPDesa dalam periode ini."))
            return blocks
        }
        blocks.append(.table(
            headers: ["Dokumen", "Tahun Anggaran", "Batas Waktu", "Dasar", "Desa Wajib", "Tepat Waktu",
                      "Belum Jatuh Tempo", "Persentase"],
            rows: result.perDeadline.map { entry in
                [entry.deadline.document.title, String(entry.deadline.fiscalYear), entry.deadline.due.description,
                 entry.deadline.basisDescription, String(entry.tally.expected), String(entry.tally.onTime),
                 String(entry.tally.notYetDue),
                 entry.tally.expected == 0 ? "—" : Numbers.percent(Double(entry.tally.onTime) / Double(entry.tally.expected) * 100)]
            }))
        blocks.append(.heading("Matriks desa × dokumen"))
        blocks.append(.table(
            headers: ["Kode Desa", "Desa"] + result.deadlines.map { "\($0.document.title) \($0.fiscalYear) (batas \($0.due))" },
            rows: result.villages.map { village in
                [village.code, village.name] + village.cells.map(cellText)
            }))
        return blocks
    }

    private func cellText(_ cell: DocumentCell?) -> String {
        guard let cell else { return "— (desa tidak aktif pada batas waktu)" }
        if cell.isNotYetDue { return "belum jatuh tempo" }
        guard let date = cell.submittedOn, let late = cell.daysLate else { return "belum ada (tidak tepat waktu)" }
        return "\(wording.status(DocumentStatus(cell))): \(date), \(Numbers.days(late: late))"
    }
}
