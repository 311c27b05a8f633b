import AtelierText

/// A value that laws and decrees change (an amount, a delay, an age, a threshold, a date), kept once in
/// `Lessons/facts.yaml` with its year, its source and the day it was last checked. Lessons write
/// `{fact.ID}` and never retype it, so one edit changes every module and every language.
public struct Fact: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// Euros; shown with the currency, in the participant's locale ("180 €", "1 823,03 €").
        case amount(Double)
        /// A bare number; the sentence carries the unit ("{fact.x} jours").
        case number(Double)
        /// Shown with the percent sign ("51 %").
        case percent(Double)
        /// Shown as a full Gregorian date in the participant's language.
        case date(CalendarDate)

        /// The kinds, as written in facts.yaml.
        public static let kinds = ["amount", "number", "percent", "date"]

        /// What a typed answer is compared with (`number: {fact: ID}`); a date has none.
        public var numeric: Double? {
            switch self {
            case .amount(let v), .number(let v), .percent(let v): return v
            case .date: return nil
            }
        }
    }

    public var id: String
    public var value: Value
    /// The year the value is stated for.
    public var year: Int
    public var source: String
    public var url: String
    public var checked: CalendarDate?
    /// For authors: what the value means, what to recheck.
    public var note: String?
    public var location: SourceLocation

    /// The value as a participant reads it in `locale` (an ICU locale), Latin digits as on French forms.
    public func formatted(locale: String) -> String {
        let pattern: String
        let argument: Double
        switch value {
        case .amount(let v):
            pattern = v == v.rounded() ? "{v, number, ::currency/EUR precision-integer}" : "{v, number, ::currency/EUR .00}"
            argument = v
        case .number(let v):
            pattern = v == v.rounded() ? "{v, number, ::precision-integer}" : "{v, number}"
            argument = v
        case .percent(let v):
            pattern = "{v, number, ::percent}"
            argument = v
        case .date(let d):
            // Tigrinya month names (ሓምለ, መስከረም...) name Ethiopian-calendar months for Ethiopian readers and
            // Gregorian ones for Eritrean readers: digits, as on French forms, are read the same by both.
            pattern = locale.hasPrefix("ti") ? "{v, date, ::ddMMy}" : "{v, date, ::dMMMMy}"
            argument = Double(d.daysSince1970) * 86_400_000 + 43_200_000  // noon UTC: the same day in every time zone
        }
        // Dari and Pashto default to the Persian calendar: a French date must stay a Gregorian date.
        let icuLocale: String
        if case .date = value { icuLocale = locale + (locale.contains("@") ? ";calendar=gregorian" : "@calendar=gregorian") } else { icuLocale = locale }
        switch MessageFormatter.format(pattern, locale: icuLocale, ["v": .number(argument)]) {
        // ICU puts direction marks around Arabic-script numbers; the kiosk's layout orders the line itself, and a
        // mark is one more invisible character a terminal may draw as a box.
        case .success(let text):
            let clean = String(text.unicodeScalars.filter { !Self.directionMarks.contains($0.value) }.map(Character.init))
            // French writes the first day of a month "1er" ("le 1er mai 2026"); ICU writes "1".
            if case .date(let d) = value, d.day == 1, locale.hasPrefix("fr"), clean.hasPrefix("1 ") { return "1er" + clean.dropFirst() }
            return clean
        case .failure: return fallback
        }
    }

    static let directionMarks: Set<UInt32> = [0x200E, 0x200F, 0x061C]

    /// What is shown if ICU cannot format the value (it always can for these patterns).
    var fallback: String {
        switch value {
        case .amount(let v): return "\(Self.plain(v)) €"
        case .number(let v): return Self.plain(v)
        case .percent(let v): return "\(Self.plain(v)) %"
        case .date(let d): return d.description
        }
    }

    static func plain(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

extension CalendarDate {
    /// Days from 1970-01-01 (proleptic Gregorian), for ICU's date formatting.
    var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
