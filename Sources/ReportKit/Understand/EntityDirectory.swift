/// The entities of one article, found by the recogniser's draft index or by id, shared by the
/// recognisers that run after entity recognition.
///
/// Drafts are found through an array, not a dictionary of ids and another of entities: the
/// recognisers ask for every mention of every sentence, and hashing the id string and copying
/// the whole entity out, to read its kind, was most of what they asked.
struct EntityDirectory: Sendable {
    let entities: [Entity]
    /// The index in `entities` of each draft's entity; -1 for a draft merged away.
    private let indexByDraft: [Int]
    private let indexByID: [String: Int]

    init(entities: [Entity], indexByDraft: [Int]) {
        self.entities = entities
        self.indexByDraft = indexByDraft
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(entities.count)
        for (index, entity) in entities.enumerated() where indexByID[entity.id] == nil { indexByID[entity.id] = index }
        self.indexByID = indexByID
    }

    private func index(ofDraft draft: Int) -> Int? {
        guard draft >= 0, draft < indexByDraft.count, indexByDraft[draft] >= 0 else { return nil }
        return indexByDraft[draft]
    }

    func id(ofDraft draft: Int) -> String? { index(ofDraft: draft).map { entities[$0].id } }

    func kind(ofDraft draft: Int) -> Entity.Kind? { index(ofDraft: draft).map { entities[$0].kind } }

    func entity(ofDraft draft: Int) -> Entity? { index(ofDraft: draft).map { entities[$0] } }

    func kind(ofID id: String) -> Entity.Kind? { indexByID[id].map { entities[$0].kind } }
}
