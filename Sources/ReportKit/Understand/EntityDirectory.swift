/// The entities of one article, by id and by the recogniser's draft index, shared by the
/// recognisers that run after entity recognition.
struct EntityDirectory: Sendable {
    let entities: [Entity]
    let idByDraft: [Int: String]
    let byID: [String: Entity]

    init(entities: [Entity], idByDraft: [Int: String]) {
        self.entities = entities
        self.idByDraft = idByDraft
        self.byID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
