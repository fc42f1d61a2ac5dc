/// The letterhead and the signature block of the printable report (`OfficialDocument` as HTML),
/// with their stylesheet: the letterhead centred over a double rule, the signature block on the
/// right, never split across pages (so the place and date, the position, the name and the NIP
/// print together on the last page).
struct HTMLOfficialDocument {
    let document: OfficialDocument

    var letterhead: String {
        HTML.element("div", ["class": "letterhead"], "\n" + document.letterhead.map(Self.line).joined(separator: "\n") + "\n")
    }

    var signature: String {
        let lines = document.signatureHead.map(Self.line) + [HTML.element("div", ["class": "sign-space"], "")]
            + document.signatureFoot.map(Self.line)
        return HTML.element("div", ["class": "signature", "id": "signature"], "\n" + lines.joined(separator: "\n") + "\n")
    }

    private static func line(_ line: OfficialDocument.Line) -> String {
        switch line {
        case .text(let text, let role): return HTML.text("p", ["class": role], text)
        case .missing(let text): return HTML.text("p", ["class": "missing-detail"], text)
        }
    }

    static let css = """
        .letterhead { text-align: center; border-bottom: 4px double #1d1d1d; padding-bottom: 2mm; margin-bottom: 5mm; }
        .letterhead p { margin: 0; }
        .letterhead .government { font-size: 13pt; font-weight: bold; letter-spacing: 0.03em; }
        .letterhead .kecamatan { font-size: 16pt; font-weight: bold; letter-spacing: 0.04em; }
        .letterhead .address { font-size: 9.5pt; }
        .missing-detail { color: #8e1b12; background: #fbd5d2; font-size: 9pt; padding: 0.5mm 2mm; }
        .signature { break-inside: avoid; page-break-inside: avoid; width: 95mm; margin: 10mm 0 0 auto; }
        .signature p { margin: 0; }
        .signature .sign-space { height: 24mm; }
        .signature .name { font-weight: bold; text-decoration: underline; }
        """
}
