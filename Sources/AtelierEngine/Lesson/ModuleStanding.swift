/// One participant's place in one module, for the catalogue's progress bars.
public struct ModuleStanding: Hashable, Sendable {
    public let moduleID: String
    public let completed: Bool
    public let currentStep: String?
    public let stepsDone: Int
    public let reviewCount: Int

    public init(moduleID: String, completed: Bool, currentStep: String?, stepsDone: Int, reviewCount: Int) {
        self.moduleID = moduleID
        self.completed = completed
        self.currentStep = currentStep
        self.stepsDone = stepsDone
        self.reviewCount = reviewCount
    }
}
