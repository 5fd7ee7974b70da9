/// The stakeholder graph drawn as inline SVG, with a deterministic layered layout: relations
/// point from left to right across columns (cycles are broken in reading order), nodes keep a
/// row each, and relation labels sit in the lanes between columns, packed so that no label
/// overlaps another label or a node. Long relations pass through reserved empty rows.
public struct StakeholderGraph: Sendable {
    public struct Node: Sendable {
        public var entity: Entity
        public var layer: Int
        public var row: Int
        public var center: (x: Double, y: Double)
        public var radius: Double
        public var labelBox: Box
        public var roleBox: Box?
        public var shapeBox: Box { Box(x: center.x - radius, y: center.y - radius, width: radius * 2, height: radius * 2) }
    }

    public struct Edge: Sendable {
        public var relation: Relation
        public var index: Int
        public var label: String
        public var labelBox: Box
        public var points: [(x: Double, y: Double)]
    }

    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    public private(set) var width: Double = 0
    public private(set) var height: Double = 0

    static let fontSize = 13.0
    static let roleFontSize = 11.0
    static let rowHeight = 46.0
    static let margin = 12.0
    static let maximumNodes = 28
    static let labelLimit = 26

    /// - Parameter relationLabel: the interface words for a relation kind.
    public init(report: Report, relationLabel: (Relation.Kind) -> String) {
        // Positions, not entities: a dictionary of entities copied each one (mentions, aliases, strings).
        let entities = report.entities
        let indexByID = Dictionary(entities.indices.map { (entities[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        // Nodes: entities in relations, most mentioned first; else the most mentioned entities.
        var chosen: [String] = []
        for relation in report.relations {
            for id in [relation.source, relation.target] where !chosen.contains(id) && indexByID[id] != nil { chosen.append(id) }
        }
        if chosen.isEmpty {
            chosen = entities.indicesMostMentionedFirst().prefix(8).map { entities[$0].id }
        }
        if chosen.count > Self.maximumNodes {
            func mentions(_ id: String) -> Int { entities[indexByID[id]!].mentions.count }
            chosen = Array(chosen.enumerated().sorted { (mentions($0.element), -$0.offset) > (mentions($1.element), -$1.offset) }
                .prefix(Self.maximumNodes).map(\.element))
        }
        let order = Dictionary(chosen.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let relations = report.relations.enumerated().filter { order[$0.element.source] != nil && order[$0.element.target] != nil }

        // Layers: longest path over the relations with back edges (in reading order) reversed.
        let count = chosen.count
        var successors = Array(repeating: [Int](), count: count)
        var state = Array(repeating: 0, count: count)   // 0 new, 1 on stack, 2 done
        var forward: [(Int, Int)] = []
        for (_, relation) in relations {
            let from = order[relation.source]!, to = order[relation.target]!
            successors[from].append(to)
        }
        func visit(_ node: Int) {
            state[node] = 1
            for next in successors[node] {
                if state[next] == 1 { forward.append((next, node)) } else {
                    forward.append((node, next))
                    if state[next] == 0 { visit(next) }
                }
            }
            state[node] = 2
        }
        for node in 0..<count where state[node] == 0 { visit(node) }
        var layer = Array(repeating: 0, count: count)
        for _ in 0..<count {
            var changed = false
            for (from, to) in forward where layer[to] < layer[from] + 1 { layer[to] = layer[from] + 1; changed = true }
            if !changed { break }
        }
        let layerCount = (layer.max() ?? 0) + 1

        // Rows: real nodes plus one empty slot per layer crossed by a long relation.
        struct Slot { var node: Int?; var key: Double }
        var columns = Array(repeating: [Slot](), count: layerCount)
        for node in 0..<count { columns[layer[node]].append(Slot(node: node, key: Double(node))) }
        var passages: [(relation: Int, layers: [Int])] = []
        for (position, (_, relation)) in relations.enumerated() {
            let from = layer[order[relation.source]!], to = layer[order[relation.target]!]
            let (low, high) = (min(from, to), max(from, to))
            if high - low > 1 { passages.append((position, Array((low + 1)..<high))) }
        }
        var passageSlots: [Int: [Int: Int]] = [:]   // relation position → layer → slot index
        for passage in passages {
            for crossed in passage.layers {
                columns[crossed].append(Slot(node: nil, key: Double(count + passage.relation)))
                passageSlots[passage.relation, default: [:]][crossed] = columns[crossed].count - 1
            }
        }
        // One barycentre sweep orders each column by the rows of its neighbours on the left.
        var rowOf = Array(repeating: 0, count: count)
        for (column, slots) in columns.enumerated() {
            if column > 0 {
                let keyed = slots.enumerated().map { index, slot -> (Int, Double) in
                    guard let node = slot.node else { return (index, slot.key) }
                    let neighbours = forward.filter { $0.1 == node && layer[$0.0] < column }.map { Double(rowOf[$0.0]) }
                    return (index, neighbours.isEmpty ? slot.key : neighbours.reduce(0, +) / Double(neighbours.count) * 1000 + slot.key / 1000)
                }
                let sorted = keyed.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { slots[$0.0] }
                var remap: [Int: Int] = [:]
                for (newIndex, slot) in sorted.enumerated() {
                    if let oldIndex = slots.firstIndex(where: { $0.node == slot.node && $0.key == slot.key }) { remap[oldIndex] = newIndex }
                }
                for key in passageSlots.keys { if let old = passageSlots[key]?[column] { passageSlots[key]?[column] = remap[old] } }
                columns[column] = sorted
            }
            for (row, slot) in columns[column].enumerated() { if let node = slot.node { rowOf[node] = row } }
        }

        // Geometry.
        let mentions = chosen.map { Double(entities[indexByID[$0]!].mentions.count) }
        let radius = mentions.map { min(14, 5 + 2 * $0.squareRoot()) }
        let labels = chosen.map { SVGText.truncate(entities[indexByID[$0]!].name, to: Self.labelLimit) }
        let roles = chosen.map { entities[indexByID[$0]!].role.map { SVGText.truncate($0, to: 34) } }
        var columnWidth = Array(repeating: 0.0, count: layerCount)
        for node in 0..<count {
            let text = max(SVGText.width(labels[node], fontSize: Self.fontSize),
                           roles[node].map { SVGText.width($0, fontSize: Self.roleFontSize) } ?? 0)
            columnWidth[layer[node]] = max(columnWidth[layer[node]], 28 + 6 + text)
        }
        let edgeLabels = relations.map { SVGText.truncate(relationLabel($0.element.kind), to: 28) }
        var laneWidth = Array(repeating: 0.0, count: max(0, layerCount - 1))
        for (position, (_, relation)) in relations.enumerated() {
            let lane = min(layer[order[relation.source]!], layer[order[relation.target]!])
            if lane < laneWidth.count { laneWidth[lane] = max(laneWidth[lane], SVGText.width(edgeLabels[position], fontSize: 11) + 16) }
        }
        laneWidth = laneWidth.map { max($0, 48) }
        var columnX = Array(repeating: Self.margin, count: layerCount)
        for column in 1..<max(1, layerCount) {
            columnX[column] = columnX[column - 1] + columnWidth[column - 1] + laneWidth[column - 1] + 24
        }
        let top = Self.margin + 16
        for node in 0..<count {
            let x = columnX[layer[node]] + 14
            let y = top + Double(rowOf[node]) * Self.rowHeight + 14
            let labelWidth = SVGText.width(labels[node], fontSize: Self.fontSize)
            let labelBox = Box(x: x + 14 + 6, y: y - Self.fontSize * 0.8 - 1, width: labelWidth, height: Self.fontSize + 3)
            let roleBox = roles[node].map {
                Box(x: x + 14 + 6, y: y + 5, width: SVGText.width($0, fontSize: Self.roleFontSize), height: Self.roleFontSize + 3)
            }
            nodes.append(Node(entity: entities[indexByID[chosen[node]]!], layer: layer[node], row: rowOf[node], center: (x, y),
                              radius: radius[node], labelBox: labelBox, roleBox: roleBox))
        }

        // Edges: label in the first lane the relation crosses, packed top to bottom per lane.
        var wanted: [(edge: Int, lane: Int, y: Double)] = []
        var routes: [[(x: Double, y: Double)]] = []
        for (position, (_, relation)) in relations.enumerated() {
            let source = nodes[order[relation.source]!], target = nodes[order[relation.target]!]
            let leftToRight = source.layer <= target.layer
            let (left, right) = leftToRight ? (source, target) : (target, source)
            let start = (x: max(left.labelBox.x + left.labelBox.width, left.roleBox.map { $0.x + $0.width } ?? 0) + 4, y: left.center.y)
            let end = (x: right.center.x - right.radius - 3, y: right.center.y)
            var points = [start]
            for crossed in (left.layer + 1)..<max(left.layer + 1, right.layer) {
                let slot = passageSlots[position]?[crossed] ?? 0
                let y = top + Double(slot) * Self.rowHeight + 14
                points.append((columnX[crossed] + 14, y))
                points.append((columnX[crossed] + columnWidth[crossed], y))
            }
            points.append(end)
            if !leftToRight || left.layer == right.layer { points.reverse() }
            routes.append(points)
            let lane = min(left.layer, max(0, laneWidth.count - 1))
            wanted.append((position, lane, (points[0].y + points[1].y) / 2))
        }
        var labelBoxes = Array(repeating: Box(x: 0, y: 0, width: 0, height: 0), count: relations.count)
        for lane in Set(wanted.map(\.lane)).sorted() {
            var bottom = -Double.infinity
            for item in wanted.filter({ $0.lane == lane }).sorted(by: { ($0.y, $0.edge) < ($1.y, $1.edge) }) {
                let height = 15.0
                let y = max(item.y - height / 2, bottom + 3)
                let laneStart = columnX[lane] + columnWidth[lane] + 12
                let width = SVGText.width(edgeLabels[item.edge], fontSize: 11) + 8
                labelBoxes[item.edge] = Box(x: laneStart + (laneWidth[lane] - width) / 2, y: y, width: width, height: height)
                bottom = y + height
            }
        }
        for (position, (index, relation)) in relations.enumerated() {
            var points = routes[position]
            // The line goes through its label: in at the left middle, out at the right middle.
            let box = labelBoxes[position]
            let middle = box.y + box.height / 2
            let forwardDirection = points.first!.x <= points.last!.x
            let entry = forwardDirection ? (box.x, middle) : (box.x + box.width, middle)
            let exit = forwardDirection ? (box.x + box.width, middle) : (box.x, middle)
            points.insert(contentsOf: [entry, exit], at: 1)
            edges.append(Edge(relation: relation, index: index, label: edgeLabels[position], labelBox: box, points: points))
        }
        let rows = columns.map(\.count).max() ?? 0
        width = (columnX.last ?? Self.margin) + (columnWidth.last ?? 0) + Self.margin
        height = max(top + Double(rows) * Self.rowHeight, (labelBoxes.map { $0.y + $0.height }.max() ?? 0) + Self.margin) + Self.margin
    }

    /// Every box that must not overlap another: node shapes, node labels, role lines, edge labels.
    public var occupiedBoxes: [Box] {
        nodes.flatMap { [$0.shapeBox, $0.labelBox] + ($0.roleBox.map { [$0] } ?? []) } + edges.map(\.labelBox)
    }

    static let colors: [Entity.Kind: String] = [
        .organization: "#1f5fa8", .person: "#a23b72", .product: "#2e7d32", .place: "#6d5d00", .media: "#8a4b00",
        .regulator: "#b3261e", .other: "#555c63",
    ]

    public func svg(title: String, description: String) -> String {
        String(decoding: svgBytes(title: title, description: description), as: UTF8.self)
    }

    func svgBytes(title: String, description: String) -> [UInt8] {
        var out = SVGWriter()
        out.raw("<div class=\"figure-scroll\"><svg class=\"graph\" role=\"group\" aria-labelledby=\"graph-title graph-desc\" ")
        out.raw("viewBox=\"0 0 "); out.number(width); out.raw(" "); out.number(height); out.raw("\"")
        out.attribute("width", width); out.attribute("height", height); out.raw(">")
        out.raw("<title id=\"graph-title\">"); out.text(title); out.raw("</title><desc id=\"graph-desc\">"); out.text(description); out.raw("</desc>")
        out.raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>")
        for edge in edges {
            out.raw("<a href=\"#rel-"); out.integer(edge.index + 1); out.raw("\"><polyline class=\"edge")
            if edge.relation.status != .asserted { out.raw(" dashed") }
            out.raw("\" points=\"")
            for (position, point) in edge.points.enumerated() {
                if position > 0 { out.raw(" ") }
                out.number(point.x); out.raw(","); out.number(point.y)
            }
            out.raw("\" marker-end=\"url(#arrow)\"/>")
            let box = edge.labelBox
            out.raw("<rect class=\"edge-label-bg\""); out.attribute("x", box.x); out.attribute("y", box.y)
            out.attribute("width", box.width); out.attribute("height", box.height); out.raw(" rx=\"3\"/>")
            out.raw("<text class=\"edge-label\""); out.attribute("x", box.x + box.width / 2); out.attribute("y", box.y + 11)
            out.raw(" text-anchor=\"middle\">"); out.text(edge.label); out.raw("</text></a>")
        }
        for node in nodes {
            let color = Self.colors[node.entity.kind] ?? "#555c63"
            let (x, y, r) = (node.center.x, node.center.y, node.radius)
            out.raw("<a href=\"#"); out.rawString(node.entity.id); out.raw("\" class=\"node\">")
            switch node.entity.kind {
            case .person:
                out.raw("<rect"); out.attribute("x", x - r); out.attribute("y", y - r); out.attribute("width", 2 * r)
                out.attribute("height", 2 * r); out.attribute("rx", r / 2)
            case .product:
                out.raw("<rect"); out.attribute("x", x - r); out.attribute("y", y - r); out.attribute("width", 2 * r)
                out.attribute("height", 2 * r)
            case .other, .place:
                out.raw("<polygon points=\"")
                out.number(x); out.raw(","); out.number(y - r); out.raw(" ")
                out.number(x + r); out.raw(","); out.number(y); out.raw(" ")
                out.number(x); out.raw(","); out.number(y + r); out.raw(" ")
                out.number(x - r); out.raw(","); out.number(y); out.raw("\"")
            default:
                out.raw("<circle"); out.attribute("cx", x); out.attribute("cy", y); out.attribute("r", r)
            }
            out.raw(" fill=\""); out.rawString(color); out.raw("\"/>")
            out.raw("<text class=\"node-label\""); out.attribute("x", node.labelBox.x); out.attribute("y", y + 1); out.raw(">")
            out.text(SVGText.truncate(node.entity.name, to: Self.labelLimit)); out.raw("</text>")
            if let role = node.entity.role, let box = node.roleBox {
                out.raw("<text class=\"node-role\""); out.attribute("x", box.x); out.attribute("y", box.y + 10); out.raw(">")
                out.text(SVGText.truncate(role, to: 34)); out.raw("</text>")
            }
            out.raw("</a>")
        }
        out.raw("</svg></div>")
        return out.bytes
    }
}
