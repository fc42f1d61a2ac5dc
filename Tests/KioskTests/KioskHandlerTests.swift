import Foundation
import Storage
import Testing

/// The kiosk's handlers over real HTTP on loopback, against a real SQLite file: the `iku-kiosk`
/// binary runs as a process and the test reads what it stored through the stores.
@Suite("iku-kiosk handlers", .serialized)
struct KioskHandlerTests {
    /// A complete, valid answer set for `service`.
    static func answers(service: String = "KTP", token: String, scores: [String] = ["4", "3", "4", "4", "3", "4", "4", "3", "2"],
                        extra: [(String, String)] = []) -> [(String, String)] {
        [("csrf", token), ("service", service)] + scores.enumerated().map { ("u\($0.offset + 1)", $0.element) }
            + [("gender", "P"), ("age", "34"), ("education", "D4/S1"), ("occupation", "WIRAUSAHA"),
               ("suggestion", "Antrean perlu nomor")] + extra
    }

    @Test func formHasTheNineQuestionsTheServicesAndAToken() throws {
        let kiosk = try KioskServer()
        let (cookie, token, page) = try kiosk.openForm()
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        for number in 1...9 {
            #expect(page.body.contains("<fieldset class=\"question\" id=\"u\(number)\">"), "question u\(number)")
            for score in 1...4 {
                #expect(page.body.contains("name=\"u\(number)\" value=\"\(score)\" required"), "u\(number) answer \(score)")
            }
        }
        for text in ["kesesuaian persyaratan", "kemudahan prosedur", "kecepatan waktu", "kewajaran biaya/tarif",
                     "kesesuaian produk", "kompetensi/kemampuan petugas", "kesopanan dan keramahan",
                     "penanganan pengaduan", "sarana dan prasarana", "Sangat mahal", "Dikelola dengan baik",
                     "Kecamatan Tempursari", "Kartu Keluarga", "name=\"gender\"", "name=\"age\"", "name=\"education\"",
                     "name=\"occupation\"", "name=\"suggestion\""] {
            #expect(page.body.contains(text), "form lacks \(text)")
        }
        #expect(!page.body.contains("<script"))
        #expect(cookie.hasPrefix("iku_kiosk_client="))
        let setCookie = try #require(page.header("Set-Cookie"))
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        #expect(!token.isEmpty)
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(page.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        #expect(page.header("X-Frame-Options") == "DENY")
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        #expect(page.header("Referrer-Policy") == "no-referrer")
        let css = try kiosk.request("GET", "/style.css")
        #expect(css.status == 200 && css.header("Content-Type")?.hasPrefix("text/css") == true)
        #expect(try kiosk.request("GET", "/healthz").status == 200)
    }

    @Test func aValidSubmissionIsStoredAsOneAuditedChangeByTheKioskOnTheLocalDay() throws {
        // 18:30 UTC on 1 December is 01:30 WIB on 2 December: the response belongs to the 2nd.
        let kiosk = try KioskServer(now: "2026-12-01T18:30:00Z")
        let (cookie, token, _) = try kiosk.openForm()
        let before = try kiosk.counts()
        let reply = try kiosk.submit(Self.answers(service: "ktp", token: token), cookie: cookie)
        #expect(reply.status == 303)
        #expect(reply.header("Location") == "/terima-kasih")
        #expect(try kiosk.counts() == [before[0] + 1, before[1] + 1])
        let database = try kiosk.database()
        let stored = try SurveyResponseStore(database).list()
        #expect(stored.count == 1)
        let response = try #require(stored.first)
        #expect(response.fields.date.description == "2026-12-02")
        #expect(response.fields.service == "KTP")
        #expect(response.fields.scores == [4, 3, 4, 4, 3, 4, 4, 3, 2])
        #expect(response.fields.gender == .p && response.fields.age == 34 && response.fields.education == .d4s1)
        #expect(response.fields.suggestion == "Antrean perlu nomor")
        #expect(response.change.actor == "kiosk:test")
        let report = try AuditVerifier(database.connection).verify()
        #expect(report.isValid, "\(report.failure ?? "")")
        let thanks = try kiosk.request("GET", "/terima-kasih", headers: ["Cookie": cookie])
        #expect(thanks.status == 200 && thanks.body.contains("Terima kasih"))
        // The log has one line per request, and nothing the respondent typed.
        #expect(kiosk.log.contains("POST / 303"))
        #expect(!kiosk.log.contains("Antrean") && !kiosk.log.contains("127.0.0.1 "))
    }

    @Test func aSubmissionWithoutAValidTokenIsRefused403AndNothingIsStored() throws {
        let kiosk = try KioskServer()
        let (cookie, token, _) = try kiosk.openForm()
        let (otherCookie, _, _) = try kiosk.openForm()
        let before = try kiosk.counts()
        let missing = try kiosk.submit(Self.answers(token: token).filter { $0.0 != "csrf" }, cookie: cookie)
        #expect(missing.status == 403)
        #expect(try kiosk.submit(Self.answers(token: token), cookie: nil).status == 403)
        #expect(try kiosk.submit(Self.answers(token: token), cookie: otherCookie).status == 403, "token of another client")
        #expect(try kiosk.submit(Self.answers(token: token + "0"), cookie: cookie).status == 403)
        #expect(try kiosk.submit(Self.answers(token: "1700000000." + String(repeating: "a", count: 64)), cookie: cookie).status == 403)
        #expect(try kiosk.counts() == before)
    }

    @Test func aBadAnswerIsRefused400NamingTheFieldAndNothingIsStored() throws {
        let kiosk = try KioskServer()
        let (cookie, token, _) = try kiosk.openForm()
        let before = try kiosk.counts()
        var scores = ["4", "3", "5", "4", "3", "4", "4", "3", "2"]
        let badScore = try kiosk.submit(Self.answers(token: token, scores: scores), cookie: cookie)
        #expect(badScore.status == 400)
        #expect(badScore.body.contains("(u3)"))
        scores[2] = "4"
        let missing = try kiosk.submit(Self.answers(token: token, scores: scores).filter { $0.0 != "u7" }, cookie: cookie)
        #expect(missing.status == 400 && missing.body.contains("(u7)"))
        let badAge = try kiosk.submit(Self.answers(token: token, scores: scores).map { $0.0 == "age" ? ("age", "200") : $0 },
                                      cookie: cookie)
        #expect(badAge.status == 400 && badAge.body.contains("Isian age"))
        let badGender = try kiosk.submit(Self.answers(token: token, scores: scores).map { $0.0 == "gender" ? ("gender", "X") : $0 },
                                         cookie: cookie)
        #expect(badGender.status == 400 && badGender.body.contains("Isian gender"))
        let unknownService = try kiosk.submit(Self.answers(service: "Paspor", token: token, scores: scores), cookie: cookie)
        #expect(unknownService.status == 400 && unknownService.body.contains("Isian service"))
        let twice = try kiosk.submit(Self.answers(token: token, scores: scores, extra: [("u1", "1")]), cookie: cookie)
        #expect(twice.status == 400 && twice.body.contains("(u1)"))
        #expect(try kiosk.counts() == before)
    }

    @Test func aBodyOverTheLimitIsRefused413AndNothingIsStored() throws {
        let kiosk = try KioskServer()
        let (cookie, token, _) = try kiosk.openForm()
        let before = try kiosk.counts()
        let big = Self.answers(token: token).map { $0.0 == "suggestion" ? ("suggestion", String(repeating: "x", count: 40_000)) : $0 }
        #expect(try kiosk.submit(big, cookie: cookie).status == 413)
        #expect(try kiosk.counts() == before)
        // The longest suggestion the form allows, of 4-byte characters, fits under the limit.
        let longest = Self.answers(token: token).map { $0.0 == "suggestion" ? ("suggestion", String(repeating: "😀", count: 2000)) : $0 }
        #expect(try kiosk.submit(longest, cookie: cookie).status == 303)
        #expect(try kiosk.counts() == [before[0] + 1, before[1] + 1])
    }

    @Test func submissionsBeyondTheRateLimitAreRefused429() throws {
        let kiosk = try KioskServer(arguments: ["--rate-limit", "2"])
        let (cookie, token, _) = try kiosk.openForm()
        #expect(try kiosk.submit(Self.answers(token: token), cookie: cookie).status == 303)
        #expect(try kiosk.submit(Self.answers(token: token), cookie: cookie).status == 303)
        let before = try kiosk.counts()
        let third = try kiosk.submit(Self.answers(token: token), cookie: cookie)
        #expect(third.status == 429)
        #expect(third.header("Retry-After") == "60")
        #expect(try kiosk.counts() == before)
        #expect(try kiosk.request("GET", "/").status == 200, "reading is not limited")
    }

    @Test func onlyTheSurveyIsWritableOverHTTP() throws {
        let kiosk = try KioskServer()
        let before = try kiosk.counts()
        for (method, path) in [("PUT", "/"), ("DELETE", "/"), ("PATCH", "/"), ("POST", "/hasil"), ("POST", "/terima-kasih"),
                               ("POST", "/healthz"), ("DELETE", "/hasil")] {
            let reply = try kiosk.request(method, path)
            #expect(reply.status == 405, "\(method) \(path)")
            #expect(reply.header("X-Frame-Options") == "DENY")
        }
        #expect(try kiosk.request("POST", "/service").status == 404)
        #expect(try kiosk.request("GET", "/admin").status == 404)
        #expect(try kiosk.counts() == before)
    }

    @Test func resultsShowTheFiguresWithoutPersonalDataOrSuggestions() throws {
        let kiosk = try KioskServer(now: "2026-12-01T03:00:00Z") { database in
            let store = SurveyResponseStore(database)
            for (index, service) in ["KTP", "KTP", "Kartu Keluarga"].enumerated() {
                try store.add(SurveyResponseInput(date: "2026-0\(index + 3)-10", service: service, scores: "4,3,4,4,3,4,4,3,2",
                                                  gender: "L", age: "61", education: "S3", occupation: "POLRI",
                                                  suggestion: "SARAN-RAHASIA-\(index)"))
            }
        }
        let page = try kiosk.request("GET", "/hasil")
        #expect(page.status == 200)
        #expect(page.body.contains("Hasil Survei Kepuasan Masyarakat 2026"))
        #expect(page.body.contains("Periode: 2026-01-01 s.d. 2026-12-31"))
        #expect(page.body.contains("<dd class=\"respondents\">3</dd>"))
        // IKM of these answers: 25 × (4+3+4+4+3+4+4+3+2)/9 = 86.11, mutu B.
        #expect(page.body.contains("<dd class=\"ikm\">86.11</dd>"))
        #expect(page.body.contains("<dd class=\"mutu\">B (Baik)</dd>"))
        #expect(page.body.components(separatedBy: "class=\"bar").count - 1 >= 9, "nine NRR bars")
        #expect(page.body.components(separatedBy: "class=\"band-limit\"").count - 1 == 3, "three band limits")
        #expect(page.body.contains("Kartu Keluarga") && page.body.contains("Triwulan"))
        for secret in ["SARAN-RAHASIA", "POLRI", "S3</td>", ">61<", "Laki-laki"] {
            #expect(!page.body.contains(secret), "results show \(secret)")
        }
        // The chart is the printable report's own, drawn by the same code from the same figures.
        let report = try kiosk.iku(["report", "--year", "2026", "--format", "html"])
        let chart = /<svg class="chart nrr-chart"[\s\S]*?<\/svg>/
        let shown = try #require(page.body.firstMatch(of: chart)).output
        #expect(shown == (try #require(report.firstMatch(of: chart)).output))
        #expect(try kiosk.request("GET", "/hasil?year=2025").status == 200)
        let badYear = try kiosk.request("GET", "/hasil?year=20x6")
        #expect(badYear.status == 400 && badYear.body.contains("Isian year"))
    }

    @Test func aHostileServiceNameIsEscapedEverywhere() throws {
        let hostile = "<script>alert(\"x\")</script>&'"
        let kiosk = try KioskServer(services: [hostile])
        let (cookie, token, page) = try kiosk.openForm()
        #expect(!page.body.contains("<script>"))
        #expect(page.body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(try kiosk.submit(Self.answers(service: hostile, token: token), cookie: cookie).status == 303)
        let results = try kiosk.request("GET", "/hasil")
        #expect(!results.body.contains("<script>"))
        #expect(results.body.contains("&lt;script&gt;"))
    }

    @Test func sigtermFinishesTheSubmissionInFlightThenExitsZero() throws {
        let kiosk = try KioskServer()
        let (cookie, token, _) = try kiosk.openForm()
        let body = Data(FormEncoding.encode(Self.answers(token: token)).utf8)
        let connection = try RawConnection(port: kiosk.port)
        let head = RawHTTP.request(port: kiosk.port, method: "POST", path: "/",
                                   headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                                   bodyLength: body.count)
        // The head and half the body arrive, then SIGTERM, then the rest of the body.
        connection.send(head + body.prefix(body.count / 2))
        Thread.sleep(forTimeInterval: 0.5)
        kiosk.signal(SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        connection.send(body.suffix(from: body.count / 2))
        let reply = try connection.reply()
        #expect(reply.status == 303)
        #expect(kiosk.waitForExit() == 0)
        #expect(kiosk.log.contains("iku-kiosk stopped"))
        #expect(try SurveyResponseStore(kiosk.database()).list().count == 1)
    }

    @Test func usageErrorsExitTwoAndAMissingDatabaseOne() throws {
        func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = KioskServer.executable
            process.arguments = arguments
            let error = Pipe()
            process.standardError = error
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        for arguments in [["--listen", "nonsense"], ["--listen", "127.0.0.1:70000"], ["--device", "a b"],
                          ["--rate-limit", "-1"], ["--bogus"]] {
            let result = try run(["--db", "/nonexistent/iku.sqlite"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Usage: iku-kiosk"), "\(arguments)")
        }
        let missing = try run(["--db", "/nonexistent/iku.sqlite", "--listen", "127.0.0.1:0"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: no iku database at \"/nonexistent/iku.sqlite\""))
    }

    @Test func sigintStopsAnIdleKioskWithExitZero() throws {
        let kiosk = try KioskServer()
        #expect(try kiosk.request("GET", "/healthz").status == 200)
        kiosk.signal(SIGINT)
        #expect(kiosk.waitForExit() == 0)
        #expect(kiosk.log.contains("iku-kiosk stopped"))
    }
}
