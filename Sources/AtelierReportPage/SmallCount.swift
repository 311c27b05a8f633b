/// The page's k-anonymity rule (k = 5): a number of people from 1 to 4 is never shown, in a table or as a bar's
/// length, so that nobody can be picked out of a small group ("the one Tigrinya speaker got it wrong"). Zero names
/// nobody and is shown. A share is shown only when its whole and both its parts (right, not right) pass the rule;
/// otherwise the share itself would give the small part away.
public enum SmallCount {
    public static let threshold = 5
    /// What the page writes instead of a hidden number.
    public static let masked = "< 5"

    /// True when `count` people must not be shown.
    public static func hides(_ count: Int) -> Bool { count > 0 && count < threshold }

    /// `count` as written on the page.
    public static func text(_ count: Int) -> String { hides(count) ? masked : String(count) }

    /// The share `right` of `answered` in whole percent, or nil when the rule hides it (nil also for nothing answered).
    public static func percent(right: Int, of answered: Int) -> Int? {
        guard answered >= threshold, !hides(right), !hides(answered - right) else { return nil }
        return (right * 100 + answered / 2) / answered
    }
}
