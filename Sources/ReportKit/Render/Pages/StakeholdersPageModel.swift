/// The stakeholder map as lists: entities grouped by kind (most mentioned first) and every
/// relation as source — relation — target with its status and evidence.
struct StakeholdersPageModel {
    let report: Report
    let format: Formatting
    /// Entity names by id (`Report.entityNamesByID`), made once for the report's pages.
    let names: [String: String]

    func model() -> TemplateModel {
        var groups: [TemplateModel] = []
        let entities = report.entities
        for kind in Entity.Kind.allCases {
            let members = entities.indicesMostMentionedFirst { $0 == kind }
            guard !members.isEmpty else { continue }
            groups.append([
                "label": .text(format.word("kind_\(kind.rawValue)")),
                "entities": .objects(members.map { index -> TemplateModel in
                    let entity = entities[index]
                    return [
                        "id": .text(entity.id), "name": .text(entity.name), "role": .optional(entity.role),
                        "roleSentence": .optional(entity.roleSentence),
                        "description": .optional(entity.description),
                        "aliasList": .text(entity.aliases.joined(separator: ", ")), "hasAliases": .flag(!entity.aliases.isEmpty),
                        "mentionCount": .number(entity.mentions.count),
                        "firstSentence": .text(entity.mentions.first?.sentence ?? ""),
                    ]
                }),
            ])
        }
        let relations: [TemplateModel] = report.relations.enumerated().map { index, relation in
            [
                "anchor": "rel-\(index + 1)",
                "source": .text(relation.source), "target": .text(relation.target),
                "sourceName": .text(names[relation.source] ?? relation.source),
                "targetName": .text(names[relation.target] ?? relation.target),
                "label": .text(format.word("relation_\(relation.kind.rawValue)")),
                "statusLabel": .optional(relation.status == .asserted ? nil : format.word("status_\(relation.status.rawValue)")),
                "sentence": .text(relation.sentence),
            ]
        }
        return ["groups": .objects(groups), "relations": .objects(relations), "hasRelations": .flag(!relations.isEmpty)]
    }
}
