/// A participant as the kiosk knows them: a pseudonym in any script, nothing else about the person.
public struct Participant: Hashable, Sendable {
    public let id: String
    public let pseudonym: String
    public let hasPIN: Bool
    public let language: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
}

/// One participant's place in one module, for the catalogue's progress bars.
public struct ModuleStanding: Hashable, Sendable {
    public let moduleID: String
    public let completed: Bool
    public let currentStep: String?
    public let stepsDone: Int
    public let reviewCount: Int
}
