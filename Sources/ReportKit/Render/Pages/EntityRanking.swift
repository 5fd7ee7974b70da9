extension Array where Element == Entity {
    /// Positions of the entities whose kind passes `include`, most mentioned first, then by name.
    /// Positions, not entities: filtering and sorting the entities themselves copied each one
    /// (its mentions, aliases and strings) at every step.
    func indicesMostMentionedFirst(where include: (Entity.Kind) -> Bool = { _ in true }) -> [Int] {
        indices.filter { include(self[$0].kind) }.sorted { first, second in
            let firstCount = self[first].mentions.count, secondCount = self[second].mentions.count
            return firstCount != secondCount ? firstCount > secondCount : self[first].name < self[second].name
        }
    }
}
