import FoundationEssentials
import Indicators
import Storage

/// The words of the regency's table (`iku-regency report`).
extension ReportWording {
    func regencyTitle(_ compilation: RegencyCompilation) -> String {
        language == .id
            ? "Rekapitulasi Capaian IKU Kecamatan se-Kabupaten \(compilation.regencyName) — \(period(compilation.period))"
            : "Key performance indicators (IKU) of every kecamatan of Kabupaten \(compilation.regencyName) — \(period(compilation.period))"
    }

    func regencyBasis(_ compilation: RegencyCompilation) -> String {
        let asOf = compilation.asOf.map {
            language == .id ? "sampai dengan \($0) (hari setempat tiap kecamatan)" : "as of \($0) (each kecamatan's local day)"
        } ?? (language == .id ? "sampai perubahan terakhir yang diterima dari tiap kecamatan"
                              : "up to the last change received from each kecamatan")
        return language == .id
            ? "Kabupaten \(compilation.regencyName) (kode \(compilation.regencyCode)), \(compilation.kecamatan.count) kecamatan terdaftar. "
                + "\(periodDays(compilation.period)). Tiap angka dihitung dari catatan yang dikirim kecamatan, \(asOf), "
                + "persis seperti laporan kecamatan itu sendiri."
            : "Kabupaten \(compilation.regencyName) (code \(compilation.regencyCode)), \(compilation.kecamatan.count) kecamatan registered. "
                + "\(periodDays(compilation.period)). Each figure is computed from the records the kecamatan sent, \(asOf), "
                + "exactly as that kecamatan's own report computes it."
    }

    var kecamatanColumn: String { "Kecamatan" }
    var lastChangeColumn: String { language == .id ? "Perubahan terakhir" : "Last change" }
    var rollUpHeading: String { language == .id ? "Capaian kabupaten" : "The regency" }
    var meanColumn: String { language == .id ? "Rata-rata kecamatan" : "Mean of the kecamatan" }
    var pooledColumn: String { language == .id ? "Gabungan seluruh catatan" : "Pooled over all records" }
    var excludedColumn: String { language == .id ? "Tidak termasuk rata-rata" : "Left out of the mean" }
    var nothingReceived: String { language == .id ? "belum mengirim data" : "nothing received" }

    var rollUpRule: String {
        language == .id
            ? "Rata-rata kecamatan: rata-rata nilai kecamatan yang dapat dihitung, tiap kecamatan berbobot sama (angka utama LKjIP "
                + "kabupaten); mutu dari rata-rata IKM dibulatkan 2 desimal. Gabungan: IKU 1 dari NRR tiap unsur atas seluruh responden "
                + "semua kecamatan (25 × ΣNRR / 9), IKU 2 Σ ditindaklanjuti / Σ kegiatan, IKU 3 Σ tepat waktu / Σ dokumen jatuh tempo."
            : "Mean: the mean of the computable kecamatan values, each kecamatan weighing the same (the regency's LKjIP headline); "
                + "the mutu from the mean IKM rounded to 2 decimals. Pooled: IKU 1 from each element's NRR over every respondent of "
                + "every kecamatan (25 × ΣNRR / 9), IKU 2 Σ followed up / Σ held, IKU 3 Σ on time / Σ documents due."
    }

    func lastChange(_ entry: KecamatanEntry) -> String {
        guard let change = entry.lastChange else { return nothingReceived }
        return "#\(change.id), \(entry.zone.display(recordedAt: change.recordedAt))"
    }

    /// A kecamatan's figure of one indicator in a cell: value, mutu for IKU 1, and capaian.
    func regencyCell(_ report: Report?, _ key: IndicatorKey) -> String {
        guard let report else { return "—" }
        let definition = IKUSheet.definition(key)
        guard let value = report.figure(key).value else { return "\(notComputableValue): \(report.figure(key).reason ?? "")" }
        var text = Rounding.twoDecimals(value) + definition.unit
        if key == .ikm, let mutu = report.ikm.mutu { text += " \(mutu.rawValue)" }
        if let capaian = report.achievement(key).capaian { text += " · \(capaianColumn.lowercased()) \(Numbers.percent(capaian))" }
        return text
    }

    func rollUpFigure(_ figure: Figure, _ key: IndicatorKey) -> String {
        switch figure {
        case .value(let value): return Rounding.twoDecimals(value) + IKUSheet.definition(key).unit
        case .notComputable(let reason): return "\(notComputableValue): \(reason)"
        }
    }

    /// When the page was made, in the regency's own zone (its province's), else in UTC.
    public func generated(_ instant: Date, regencyCode: String) -> String {
        let when = OfficeZone.forKecamatanCode(regencyCode)?.display(instant) ?? Timestamp.format(instant) + " UTC"
        return language == .id ? "Dibuat \(when)." : "Generated \(when)."
    }

    func exclusions(_ rollUp: RollUp) -> String {
        rollUp.excluded.isEmpty ? "—" : rollUp.excluded.map { "\($0.code) (\($0.reason))" }.joined(separator: "; ")
    }
}
