/// The names of the regencies (kabupaten) and cities (kota) iku knows by their Kemendagri code
/// `PP.KK`, so an office's regency name has a default from its kecamatan code. Codes `PP.7x` are
/// cities ("Kota"), the others regencies ("Kabupaten").
///
/// It holds every kabupaten and kota of Jawa Timur (province 35, Kepmendagri 300.2.2-2138/2025);
/// an office elsewhere records its regency with `iku office set --regency-name`.
public enum RegencyNames {
    /// Regency and city names by code, without "Kabupaten"/"Kota".
    static let names: [String: String] = [
        "35.01": "Pacitan", "35.02": "Ponorogo", "35.03": "Trenggalek", "35.04": "Tulungagung",
        "35.05": "Blitar", "35.06": "Kediri", "35.07": "Malang", "35.08": "Lumajang", "35.09": "Jember",
        "35.10": "Banyuwangi", "35.11": "Bondowoso", "35.12": "Situbondo", "35.13": "Probolinggo",
        "35.14": "Pasuruan", "35.15": "Sidoarjo", "35.16": "Mojokerto", "35.17": "Jombang", "35.18": "Nganjuk",
        "35.19": "Madiun", "35.20": "Magetan", "35.21": "Ngawi", "35.22": "Bojonegoro", "35.23": "Tuban",
        "35.24": "Lamongan", "35.25": "Gresik", "35.26": "Bangkalan", "35.27": "Sampang", "35.28": "Pamekasan",
        "35.29": "Sumenep",
        "35.71": "Kediri", "35.72": "Blitar", "35.73": "Malang", "35.74": "Probolinggo", "35.75": "Pasuruan",
        "35.76": "Mojokerto", "35.77": "Madiun", "35.78": "Surabaya", "35.79": "Batu",
    ]

    /// Every known code, in order.
    public static var codes: [String] { names.keys.sorted() }

    /// The regency's full name (`Kabupaten Lumajang`, `Kota Malang`) for a regency code `PP.KK` or
    /// any code under it (`35.08.01`, `35.08.01.2005`); nil when the code is not known.
    public static func name(forCode code: String) -> String? {
        let regencyCode = String(code.prefix(5))
        guard regencyCode.count == 5, let name = names[regencyCode] else { return nil }
        let isCity = regencyCode.dropFirst(3).first == "7"
        return (isCity ? "Kota " : "Kabupaten ") + name
    }
}
