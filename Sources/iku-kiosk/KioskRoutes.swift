import Foundation
import Hummingbird
import NIOCore
import Storage

/// The kiosk's pages and the one write it takes (`POST /`, a survey response). Every handler
/// answers with a page, never with a thrown error; a refused request stores nothing.
struct KioskRoutes: Sendable {
    /// The largest request body taken: the longest valid form (a 2,000-character suggestion of
    /// 4-byte characters, percent-encoded, is 24,000 bytes) fits, with room for the other fields.
    static let bodyLimit = 32 * 1024

    let store: KioskStore
    let tokens: CSRFTokens
    let limiter: RateLimiter

    func register(on router: Router<KioskRequestContext>) {
        router.get("/") { request, _ in await form(request) }
        router.head("/") { request, _ in await form(request) }
        router.post("/") { request, context in await submit(request, client: context.clientAddress) }
        router.get("/terima-kasih") { _, _ in await thanks() }
        router.get("/hasil") { request, _ in await results(request) }
        router.get("/healthz") { _, _ in Self.text("ok\n") }
        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: KioskStyle.css)))
        }
    }

    // MARK: Handlers

    func form(_ request: Request) async -> Response {
        let existing = request.cookies[ClientID.cookieName]?.value
        let clientID = existing.flatMap { ClientID.isWellFormed($0) ? $0 : nil } ?? ClientID.make()
        do {
            let content = try await store.formContent()
            var response = Self.html(KioskPages.form(content, token: tokens.issue(for: clientID)))
            if clientID != existing {
                response.headers[.setCookie] = "\(ClientID.cookieName)=\(clientID); Path=/; HttpOnly; SameSite=Strict"
            }
            return response
        } catch {
            return failure(error)
        }
    }

    func submit(_ request: Request, client: String) async -> Response {
        guard await limiter.admit(client) else {
            var response = await refusal(.tooManyRequests, "Terlalu banyak kiriman",
                                         "Terlalu banyak jawaban dikirim dari perangkat ini dalam satu menit. Mohon tunggu sebentar, lalu coba lagi.")
            response.headers[.retryAfter] = "60"
            return response
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.bodyLimit {
            return await tooLarge()
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.bodyLimit)
        } catch is NIOTooManyBytesError {
            return await tooLarge()
        } catch {
            return failure(error)
        }
        do {
            let fields = try FormFields(String(decoding: body.readableBytesView, as: UTF8.self))
            guard tokens.isValid(fields["csrf"], for: request.cookies[ClientID.cookieName]?.value) else {
                return await refusal(.forbidden, "Formulir kedaluwarsa",
                                     "Formulir ini tidak dapat diterima (token keamanan tidak sah atau kedaluwarsa). Mohon buka formulir lagi dan isi kembali.")
            }
            try await store.submit(KioskSubmission(fields))
            return Response(status: .seeOther, headers: [.location: "/terima-kasih"])
        } catch let error as InputError {
            return await refusal(.badRequest, "Jawaban belum dapat diterima",
                                 "Isian \(Self.fieldName(error.field)) belum benar. Mohon kembali dan periksa isian tersebut.",
                                 detail: error.description)
        } catch let error as StateError {
            return await refusal(.badRequest, "Jawaban belum dapat diterima", error.description)
        } catch {
            return failure(error)
        }
    }

    func thanks() async -> Response {
        do {
            return Self.html(KioskPages.thanks(try await store.formContent().office))
        } catch {
            return failure(error)
        }
    }

    func results(_ request: Request) async -> Response {
        do {
            let query = try FormFields(request.uri.query ?? "")
            var year: Int?
            if let text = query["year"] {
                guard text.utf8.count == 4, let number = Int(text), (2000...2100).contains(number) else {
                    throw InputError(field: "year", value: text, allowed: "a year from 2000 to 2100")
                }
                year = number
            }
            return Self.html(KioskPages.results(try await store.results(year: year)))
        } catch let error as InputError {
            return await refusal(.badRequest, "Permintaan tidak dapat dipenuhi",
                                 "Isian \(Self.fieldName(error.field)) tidak dapat diterima.", detail: error.description)
        } catch {
            return failure(error)
        }
    }

    // MARK: Responses

    /// How a refused field is named to the respondent: the question's number for u1..u9.
    static func fieldName(_ field: String) -> String {
        if field.count == 2, field.hasPrefix("u"), let number = Int(field.dropFirst()) {
            return "pertanyaan nomor \(number) (\(field))"
        }
        return field
    }

    private func tooLarge() async -> Response {
        await refusal(.contentTooLarge, "Kiriman terlalu besar",
                      "Kiriman melebihi \(Self.bodyLimit / 1024) KiB. Mohon persingkat saran Anda.")
    }

    private func refusal(_ status: HTTPResponse.Status, _ title: String, _ message: String,
                         detail: String? = nil) async -> Response {
        let office = try? await store.formContent().office
        var response = Self.html(KioskPages.refusal(office, title: title, message: message, detail: detail))
        response.status = status
        return response
    }

    /// A failure of the database or the system: logged (without request data), answered 500.
    private func failure(_ error: any Error) -> Response {
        KioskLog.line("error: \(error)")
        var response = Self.html(KioskPages.refusal(nil, title: "Terjadi gangguan",
                                                    message: "Maaf, terjadi gangguan pada sistem. Mohon beri tahu petugas."))
        response.status = .internalServerError
        return response
    }

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
