import Indicators
import Storage

/// What makes a report an official document of its office: the letterhead (kop surat) it opens
/// with and the signature block it ends with, as lines of text in the report's language. The
/// HTML page and the text/Markdown sheet render the same lines. A detail that is not recorded
/// is never made up: its line says what is missing and the command that records it.
struct OfficialDocument {
    let details: OfficeDetails
    /// The report's date: the `--as-of` day, else today.
    let date: CalendarDate
    let wording: ReportWording

    /// One line of the letterhead or the signature block.
    enum Line: Equatable {
        /// A line of the document, with its role (a CSS class of the HTML page).
        case text(String, role: String)
        /// What is not recorded, and how to record it.
        case missing(String)

        /// The line as plain text.
        var text: String {
            switch self {
            case .text(let text, _), .missing(let text): return text
            }
        }
    }

    /// `PEMERINTAH KABUPATEN LUMAJANG`, `KECAMATAN TEMPURSARI`, the address.
    var letterhead: [Line] {
        var lines: [Line] = []
        if let regency = details.regencyName {
            lines.append(.text(wording.governmentLine(regency.text), role: "government"))
        } else {
            lines.append(.missing(wording.missingRegencyName))
        }
        if let office = details.office {
            lines.append(.text(wording.kecamatanLine(office), role: "kecamatan"))
        }
        if let address = details.address {
            lines.append(.text(address, role: "address"))
        } else {
            lines.append(.missing(wording.missingAddress))
        }
        return lines
    }

    /// The lines above the space to sign: `Tempursari, 2 Desember 2026` and the position.
    var signatureHead: [Line] {
        var lines: [Line] = [.text(wording.placeAndDate(details.office, date), role: "place-date")]
        if let position = details.headPosition {
            lines.append(.text(position.isDefault ? wording.defaultPosition(position.text, details.office) : position.text,
                               role: "position"))
        }
        return lines
    }

    /// The lines below the space to sign: the name, the rank and `NIP ...`, as far as recorded,
    /// then what is missing.
    var signatureFoot: [Line] {
        var lines: [Line] = []
        if let name = details.headName { lines.append(.text(name, role: "name")) }
        if let rank = details.headRank { lines.append(.text(rank, role: "rank")) }
        if let nip = details.headNIP { lines.append(.text(wording.nipLine(nip), role: "nip")) }
        let missing = details.missingForSignature
        if !missing.isEmpty { lines.append(.missing(wording.missingHead(missing))) }
        return lines
    }
}
