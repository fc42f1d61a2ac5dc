import Storage

/// The blank questionnaire in the words of the standard form.
public enum QuestionnaireTemplate {
    /// The header of a spreadsheet in the `--form` layout: survey date, service, the nine
    /// questions numbered in SPEC order, the profile and the suggestion.
    public static var csv: String {
        let headings = ["Tanggal survei", "Jenis layanan"]
            + QuestionnaireVocabulary.questions.map { "\($0.unsur). \($0.text)" }
            + ["Jenis kelamin", "Umur", "Pendidikan terakhir", "Pekerjaan utama", "Saran dan masukan"]
        // RFC 4180 as every listing writes it, with a byte order mark so Excel reads UTF-8.
        let dialect = CSVDialect.records
        return "\u{FEFF}" + headings.map(dialect.field).joined(separator: String(dialect.separator)) + dialect.lineEnd
    }

    /// How many service boxes the page offers at most; more recorded services leave a blank line.
    static let shownServices = 12

    public static func html(office: Office, services: [String]) -> String {
        let officeName = "Kecamatan \(office.kecamatanName)"
        let serviceBoxes = services.prefix(shownServices).map { box(HTML.escape($0)) }
            + [box("Lainnya: <span class=\"blank\"></span>")]
        let questions = QuestionnaireVocabulary.questions.map { question in
            let answers = question.answers.enumerated().map { index, label in
                box("\(["a", "b", "c", "d"][index]). \(HTML.escape(label))")
            }.joined()
            return """
                <li><p class="q">\(HTML.escape(question.text))</p><div class="answers">\(answers)</div></li>
                """
        }.joined(separator: "\n")
        let educations = ["SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2", "S3"].map { box($0) }.joined()
        let occupations = ["PNS/ASN", "TNI", "POLRI", "Pegawai swasta", "Wirausaha", "Lainnya: <span class=\"blank short\"></span>"]
            .map { box($0) }.joined()
        return """
            <!DOCTYPE html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Kuesioner Survei Kepuasan Masyarakat – \(HTML.escape(officeName))</title>
            <style>
            @page { size: A4; margin: 12mm 14mm; }
            * { box-sizing: border-box; }
            body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
            .sheet { max-width: 182mm; margin: 0 auto; }
            header { text-align: center; border-bottom: 2px solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }
            header h1 { font-size: 13pt; margin: 0 0 1mm; letter-spacing: .02em; }
            header p { margin: 0; }
            .intro { margin: 0 0 2.5mm; font-style: italic; }
            fieldset { border: 1px solid #000; margin: 0 0 2.5mm; padding: 1.5mm 2.5mm 2mm; }
            legend { font-weight: bold; padding: 0 1.5mm; }
            .row { display: flex; flex-wrap: wrap; gap: 1mm 4mm; align-items: baseline; margin: .8mm 0; }
            .label { min-width: 30mm; font-weight: bold; }
            .box { white-space: nowrap; }
            .box::before { content: ""; display: inline-block; width: 3.2mm; height: 3.2mm; border: 1px solid #000;
                           margin-right: 1.2mm; vertical-align: -0.5mm; }
            .blank { display: inline-block; min-width: 40mm; border-bottom: 1px dotted #000; height: 1em; }
            .blank.short { min-width: 25mm; }
            ol { margin: 0; padding-left: 6mm; }
            li { margin: 0 0 1.6mm; break-inside: avoid; }
            .q { margin: 0 0 .6mm; }
            .answers { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0 2mm; }
            .answers .box { white-space: normal; }
            .suggestion { height: 22mm; border: 1px solid #000; }
            footer { font-size: 8pt; text-align: center; margin-top: 2mm; }
            </style>
            </head>
            <body>
            <div class="sheet">
            <header>
            <h1>KUESIONER SURVEI KEPUASAN MASYARAKAT (SKM)</h1>
            <p>\(HTML.escape(officeName)) (kode \(HTML.escape(office.kecamatanCode)))</p>
            </header>
            <p class="intro">Berilah tanda centang (✓) pada satu kotak jawaban yang paling sesuai dengan pendapat Saudara. Jawaban Saudara dirahasiakan dan hanya dipakai untuk perbaikan pelayanan.</p>
            <fieldset>
            <legend>Pelayanan</legend>
            <div class="row"><span class="label">Tanggal survei</span><span class="blank"></span></div>
            <div class="row"><span class="label">Jenis layanan</span>\(serviceBoxes.joined())</div>
            </fieldset>
            <fieldset>
            <legend>Profil responden</legend>
            <div class="row"><span class="label">Jenis kelamin</span>\(box("Laki-laki"))\(box("Perempuan"))<span class="label">Umur</span><span class="blank short"></span> tahun</div>
            <div class="row"><span class="label">Pendidikan</span>\(educations)</div>
            <div class="row"><span class="label">Pekerjaan</span>\(occupations)</div>
            </fieldset>
            <fieldset>
            <legend>Pendapat responden tentang pelayanan</legend>
            <ol>
            \(questions)
            </ol>
            </fieldset>
            <fieldset>
            <legend>Saran dan masukan</legend>
            <div class="suggestion"></div>
            </fieldset>
            <footer>Unsur pelayanan menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017. Terima kasih atas partisipasi Saudara.</footer>
            </div>
            </body>
            </html>

            """
    }

    private static func box(_ html: String) -> String {
        "<span class=\"box\">\(html)</span>"
    }
}
