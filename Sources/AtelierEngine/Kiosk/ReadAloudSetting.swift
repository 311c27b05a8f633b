/// How a participant hears the kiosk: each new screen read aloud without pressing the listen key, or not, and
/// how fast. Kept with a profile in the data file; a guest's lasts until they leave (the idle logout or 0).
public struct ReadAloudSetting: Hashable, Sendable {
    /// Each new screen (another place, another step, a feedback) is read aloud as it appears.
    public var automatic: Bool
    public var speed: ReadingSpeed

    public init(automatic: Bool = false, speed: ReadingSpeed = .normal) {
        self.automatic = automatic
        self.speed = speed
    }
}
