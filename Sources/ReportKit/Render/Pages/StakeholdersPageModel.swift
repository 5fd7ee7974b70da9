/// The stakeholder map as lists: entities grouped by kind (most mentioned first) and every
/// relation as source — relation — target with its status and evidence.
struct StakeholdersPageModel {
    let report: Report
    let format: Formatting

    func model() -> [String: Any] {
        var groups: [[String: Any]] = []
        for kind in Entity.Kind.allCases {
            let members = report.entities.filter { $0.kind == kind }
                .sorted { ($0.mentions.count, $1.name) > ($1.mentions.count, $0.name) }
            guard !members.isEmpty else { continue }
            groups.append([
                "label": format.word("kind_\(kind.rawValue)"),
                "entities": members.map { entity -> [String: Any] in
                    [
                        "id": entity.id, "name": entity.name, "role": optionalValue(entity.role),
                        "roleSentence": optionalValue(entity.roleSentence),
                        "description": optionalValue(entity.description),
                        "aliasList": entity.aliases.joined(separator: ", "), "hasAliases": !entity.aliases.isEmpty,
                        "mentionCount": entity.mentions.count,
                        "firstSentence": entity.mentions.first?.sentence ?? "",
                    ]
                },
            ])
        }
        let names = Dictionary(report.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let relations: [[String: Any]] = report.relations.enumerated().map { index, relation in
            [
                "anchor": "rel-\(index + 1)",
                "source": relation.source, "target": relation.target,
                "sourceName": names[relation.source] ?? relation.source,
                "targetName": names[relation.target] ?? relation.target,
                "label": format.word("relation_\(relation.kind.rawValue)"),
                "statusLabel": optionalValue(relation.status == .asserted ? nil : format.word("status_\(relation.status.rawValue)")),
                "sentence": relation.sentence,
            ]
        }
        return ["groups": groups, "relations": relations, "hasRelations": !relations.isEmpty]
    }
}
