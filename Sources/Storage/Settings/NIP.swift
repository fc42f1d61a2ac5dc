/// A civil servant's Nomor Induk Pegawai: 18 digits in four parts, checked by its structure.
///
/// `19660228 199203 1 012`: the birth date (digits 1-8, `YYYYMMDD`), the month of appointment
/// as a civil servant (digits 9-14, `YYYYMM`), the gender (digit 15: 1 male, 2 female) and a
/// sequence number (digits 16-18, 001 to 999). It is read with or without the spaces it is
/// usually printed with, and `formatted` prints it that way; `office_settings` stores it
/// formatted, so the database reads as the paper does.
///
/// Beyond the structure: the birth year is 1900 or later, and the appointment lies at or after
/// the holder's 18th birthday month (the lowest age for a CPNS, PP 11/2017 Pasal 23; earlier
/// rules had the same), which also puts it after the birth date; given today, it is not after
/// today's month. No upper age is checked: older appointments (honorary staff, special rules) exist.
public struct NIP: Hashable, Sendable, CustomStringConvertible {
    /// The 18 digits without spaces.
    public let digits: String
    public let birthDate: CalendarDate
    /// The year and month of appointment.
    public let appointmentYear: Int
    public let appointmentMonth: Int
    /// 1 male, 2 female.
    public let genderDigit: Int
    /// 1 to 999.
    public let sequence: Int

    /// The lowest age at appointment, in years.
    public static let lowestAppointmentAge = 18
    /// The earliest birth year accepted.
    public static let earliestBirthYear = 1900

    /// Reads `text` (spaces anywhere between the digits are ignored); a NIP that breaks a rule is
    /// refused naming `field`, the part that is wrong and what it must be. With `today`, an
    /// appointment after today's month is refused too.
    public init(_ text: String, field: String = "nip", today: CalendarDate? = nil) throws {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: trimmed, allowed: reason)
        }
        let compact = trimmed.filter { $0 != " " }
        guard compact.allSatisfy(\.isASCIIDigit) else {
            throw refuse("a NIP is 18 digits, optionally spaced as printed (19660228 199203 1 012); only digits and spaces")
        }
        guard compact.count == 18 else {
            throw refuse("a NIP is 18 digits (YYYYMMDD YYYYMM G NNN), this has \(compact.count)")
        }
        let values = compact.compactMap(\.wholeNumberValue)
        func number(_ range: Range<Int>) -> Int { values[range].reduce(0) { $0 * 10 + $1 } }
        func part(_ range: Range<Int>) -> String { String(compact.dropFirst(range.lowerBound).prefix(range.count)) }

        let birthYear = number(0..<4), birthMonth = number(4..<6), birthDay = number(6..<8)
        guard let birth = CalendarDate(year: birthYear, month: birthMonth, day: birthDay) else {
            throw refuse("the birth date (digits 1-8, YYYYMMDD) \(part(0..<8)) is not a real date")
        }
        guard birthYear >= Self.earliestBirthYear else {
            throw refuse("the birth date (digits 1-8, YYYYMMDD) \(part(0..<8)) is before \(Self.earliestBirthYear)")
        }
        let appointmentYear = number(8..<12), appointmentMonth = number(12..<14)
        guard (1...12).contains(appointmentMonth) else {
            throw refuse("the appointment (digits 9-14, YYYYMM) \(part(8..<14)) is not a real month")
        }
        let appointment = appointmentYear * 12 + appointmentMonth
        guard appointment > birthYear * 12 + birthMonth else {
            throw refuse("the appointment (digits 9-14, YYYYMM) \(part(8..<14)) is not after the birth date \(birth)")
        }
        guard appointment >= (birthYear + Self.lowestAppointmentAge) * 12 + birthMonth else {
            throw refuse("the appointment (digits 9-14, YYYYMM) \(part(8..<14)) is before the holder's "
                         + "\(Self.lowestAppointmentAge)th birthday (born \(birth)); a civil servant is appointed at "
                         + "\(Self.lowestAppointmentAge) or older")
        }
        if let today, appointment > today.year * 12 + today.month {
            throw refuse("the appointment (digits 9-14, YYYYMM) \(part(8..<14)) is after today (\(today))")
        }
        let gender = number(14..<15)
        guard gender == 1 || gender == 2 else {
            throw refuse("the gender digit (digit 15) \(gender) must be 1 (male) or 2 (female)")
        }
        let sequence = number(15..<18)
        guard sequence >= 1 else {
            throw refuse("the sequence number (digits 16-18) 000 must be 001 to 999")
        }
        digits = compact
        birthDate = birth
        self.appointmentYear = appointmentYear
        self.appointmentMonth = appointmentMonth
        genderDigit = gender
        self.sequence = sequence
    }

    /// As printed on official documents: `19660228 199203 1 012`.
    public var formatted: String {
        let characters = Array(digits)
        return String(characters[0..<8]) + " " + String(characters[8..<14]) + " " + String(characters[14..<15])
            + " " + String(characters[15..<18])
    }

    public var description: String { formatted }
}
