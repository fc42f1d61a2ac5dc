import Indicators
import ReportRendering
import Storage

/// The kiosk's pages, in Indonesian: plain HTML forms (no script), one stylesheet at `/style.css`,
/// every text from the database or the request escaped.
enum KioskPages {
    /// A whole page around `body`.
    static func page(title: String, body: String, refreshTo refresh: (seconds: Int, url: String)? = nil) -> String {
        let refreshTag = refresh.map {
            "<meta http-equiv=\"refresh\" content=\"\($0.seconds); url=\(HTML.escape($0.url))\">\n"
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(refreshTag)<title>\(HTML.escape(title))</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static func officeName(_ office: Office?) -> String {
        office.map { "Kecamatan \($0.kecamatanName)" } ?? "Kecamatan"
    }

    static func header(_ office: Office?, title: String, lead: String? = nil) -> String {
        HTML.element("header", [:], HTML.text("p", ["class": "office"], officeName(office))
            + HTML.text("h1", [:], title) + (lead.map { HTML.text("p", ["class": "lead"], $0) } ?? ""))
    }

    // MARK: The questionnaire

    /// `GET /`: the questionnaire with the office's services, the nine questions, the profile
    /// and a suggestion, carrying the client's anti-forgery token.
    static func form(_ content: FormContent, token: String) -> String {
        let title = "Survei Kepuasan Masyarakat"
        var parts = [header(content.office, title: title,
                            lead: "Mohon kesediaan Bapak/Ibu/Saudara mengisi survei ini. Jawaban Anda membantu kami memperbaiki pelayanan. Survei ini tanpa nama.")]
        guard !content.services.isEmpty else {
            parts.append(HTML.text("p", ["class": "notice"], "Survei belum dapat diisi: daftar layanan kantor masih kosong. Mohon hubungi petugas."))
            return page(title: "\(title) — \(officeName(content.office))", body: parts.joined(separator: "\n"))
        }
        var form = [input(["type": "hidden", "name": "csrf", "value": token])]
        form.append(fieldset("service", legend: "Jenis layanan yang Anda terima", number: nil,
                             choices: content.services.map { ($0, $0) }, required: true))
        for question in Questionnaire.questions {
            let letters = ["a", "b", "c", "d"]
            let choices = question.answers.enumerated().map { index, answer in
                (String(index + 1), "\(letters[index]). \(answer)")
            }
            form.append(fieldset(question.field, legend: question.text, number: question.unsur.rawValue,
                                 choices: choices, required: true, styleClass: "question"))
        }
        form.append(profile)
        form.append(HTML.element("div", ["class": "submit"],
                                 HTML.text("button", ["type": "submit"], "Kirim jawaban")))
        parts.append(HTML.element("form", ["method": "post", "action": "/", "class": "survey"], form.joined(separator: "\n")))
        parts.append(HTML.element("p", ["class": "links"], HTML.text("a", ["href": "/hasil"], "Lihat hasil survei")))
        return page(title: "\(title) — \(officeName(content.office))", body: parts.joined(separator: "\n"))
    }

    /// An `<input>` (a void element: no content, no end tag), its attribute values escaped.
    private static func input(_ attributes: KeyValuePairs<String, String?>) -> String {
        "<input\(HTML.attributeList(attributes))>"
    }

    /// A group of radio buttons, each a large touch target.
    private static func fieldset(_ name: String, legend: String, number: Int?, choices: [(value: String, label: String)],
                                 required: Bool, styleClass: String = "choice") -> String {
        let numberHTML = number.map { HTML.text("span", ["class": "number"], String($0)) + " " } ?? ""
        let options = choices.map { value, label in
            HTML.element("label", ["class": "option"],
                         input(["type": "radio", "name": name, "value": value, "required": required ? "required" : nil])
                             + HTML.text("span", [:], label))
        }.joined()
        return HTML.element("fieldset", ["class": styleClass, "id": name],
                            HTML.element("legend", [:], numberHTML + HTML.escape(legend))
                                + HTML.element("div", ["class": "options"], options))
    }

    private static var profile: String {
        func select(_ name: String, _ label: String, _ choices: [(String, String)]) -> String {
            let options = [HTML.text("option", ["value": ""], "— tidak diisi —")]
                + choices.map { HTML.text("option", ["value": $0.0], $0.1) }
            return HTML.element("label", ["class": "field"],
                                HTML.text("span", [:], label) + HTML.element("select", ["name": name], options.joined()))
        }
        let gender = fieldset("gender", legend: "Jenis kelamin", number: nil, choices: Questionnaire.genders,
                              required: false, styleClass: "choice compact")
        let age = HTML.element("label", ["class": "field"], HTML.text("span", [:], "Umur (tahun)")
            + input(["type": "number", "name": "age", "min": "10", "max": "120", "inputmode": "numeric"]))
        let suggestion = HTML.element("label", ["class": "field wide"], HTML.text("span", [:], "Saran dan masukan")
            + HTML.element("textarea", ["name": "suggestion", "rows": "4", "maxlength": "2000"], ""))
        return HTML.element("fieldset", ["class": "profile"],
                            HTML.text("legend", [:], "Tentang Anda (boleh tidak diisi)")
                                + gender + age + select("education", "Pendidikan terakhir", Questionnaire.educations)
                                + select("occupation", "Pekerjaan utama", Questionnaire.occupations) + suggestion)
    }

    // MARK: After a submission

    /// `GET /terima-kasih`: thanks, and back to a fresh form after a while.
    static func thanks(_ office: Office?) -> String {
        page(title: "Terima kasih — \(officeName(office))", body: [
            header(office, title: "Terima kasih"),
            HTML.text("p", ["class": "thanks"], "Jawaban Anda sudah kami terima dan tersimpan."),
            HTML.text("p", [:], "Halaman ini kembali ke formulir survei dalam 20 detik."),
            HTML.element("p", ["class": "links"], HTML.text("a", ["href": "/", "class": "button"], "Isi survei baru")
                + " " + HTML.text("a", ["href": "/hasil"], "Lihat hasil survei")),
        ].joined(separator: "\n"), refreshTo: (20, "/"))
    }

    /// A refusal: what went wrong, in words a respondent understands, and the way back.
    static func refusal(_ office: Office?, title: String, message: String, detail: String? = nil) -> String {
        page(title: "\(title) — \(officeName(office))", body: [
            header(office, title: title),
            HTML.text("p", ["class": "notice"], message),
            detail.map { HTML.text("p", ["class": "detail"], $0) } ?? "",
            HTML.element("p", ["class": "links"], HTML.text("a", ["href": "/", "class": "button"], "Kembali ke formulir")),
        ].joined(separator: "\n"))
    }

    // MARK: Published results

    /// `GET /hasil`: IKU 1 of a year as PermenPAN-RB 14/2017 asks offices to publish it.
    static func results(_ results: PublishedResults) -> String {
        let wording = ReportWording(language: .id)
        let ikm = results.ikm
        let figures = IKMFigures(ikm, wording: wording)
        let isOpen = results.period.to > results.today && results.period.from <= results.today
        let periodText = "Periode: \(results.period.from) s.d. \(results.period.to)"
            + (isOpen ? " (data sampai dengan \(results.today))" : "")
        var parts = [header(results.office, title: "Hasil Survei Kepuasan Masyarakat \(results.period.year)", lead: periodText)]
        let value: String
        let mutu: String
        if let number = ikm.figure.value, let grade = ikm.mutu {
            value = Rounding.twoDecimals(number)
            mutu = "\(grade.rawValue) (\(grade.kinerja))"
        } else {
            value = "belum dapat dihitung"
            mutu = "—"
        }
        parts.append(HTML.element("dl", ["class": "headline"], [
            HTML.text("dt", [:], "Nilai IKM") + HTML.text("dd", ["class": "ikm"], value),
            HTML.text("dt", [:], "Mutu pelayanan") + HTML.text("dd", ["class": "mutu"], mutu),
            HTML.text("dt", [:], "Jumlah responden") + HTML.text("dd", ["class": "respondents"], String(ikm.respondents)),
        ].joined()))
        parts.append(figures.chartFigure)
        parts.append(HTML.element("div", ["class": "table-scroll"], figures.elementTable))
        if figures.hasGroups {
            parts.append(HTML.element("div", ["class": "pair"],
                                      HTML.element("div", [:], figures.serviceSection) + HTML.element("div", [:], figures.quarterSection)))
        }
        parts.append(HTML.text("p", ["class": "note"],
                               "IKM = 25 × (NRR U1 + … + NRR U9) / 9 (PermenPAN-RB No. 14 Tahun 2017). Mutu: A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; selain itu D. Tidak ada data pribadi responden atau isi saran yang ditampilkan."))
        if results.years.count > 1 {
            let links = results.years.map { year in
                year == results.period.year ? HTML.text("strong", [:], String(year))
                    : HTML.text("a", ["href": "/hasil?year=\(year)"], String(year))
            }
            parts.append(HTML.element("p", ["class": "years"], "Tahun: " + links.joined(separator: " · ")))
        }
        parts.append(HTML.element("p", ["class": "links"], HTML.text("a", ["href": "/"], "Isi survei")))
        return page(title: "Hasil Survei Kepuasan Masyarakat \(results.period.year) — \(officeName(results.office))",
                    body: parts.joined(separator: "\n"))
    }
}
