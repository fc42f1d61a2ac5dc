import Indicators

/// The letterhead and the signature block of the text and Markdown sheet.
extension ReportSheet {
    private var official: OfficialDocument? {
        signedOn.map { OfficialDocument(details: report.officeDetails, date: $0, wording: ReportWording(language: .id)) }
    }

    /// The letterhead's lines as one paragraph.
    var letterhead: [ReportBlock] {
        guard let official else { return [] }
        return [.paragraph(official.letterhead.map(\.text).joined(separator: "\n"))]
    }

    /// The place and date and the position, space to sign, then the name, rank and NIP.
    var signature: [ReportBlock] {
        guard let official else { return [] }
        let lines = official.signatureHead.map(\.text) + ["", "", ""] + official.signatureFoot.map(\.text)
        return [.paragraph(lines.joined(separator: "\n"))]
    }
}
