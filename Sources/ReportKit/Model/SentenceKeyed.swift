/// Values looked up by sentence id. `StructureReader` numbers an article's sentences "s1",
/// "s2"… in reading order, so an id's number indexes an array: the dictionaries keyed by id
/// that the recognisers and the overview page kept hashed a string at every look-up, about 2 %
/// of an article's work. An id of any other form (a report from elsewhere) goes to a dictionary,
/// so that the table answers for every id as a dictionary would.
struct SentenceKeyed<Value> {
    private var slots: [Value?] = []
    private var others: [String: Value] = [:]

    /// A table with room for the ids of `count` sentences ("s1" to "s\(count)").
    init(sentenceCount count: Int) {
        slots = Array(repeating: nil, count: count + 1)
    }

    /// Room for slot `number`, growing at least twice over: ids come in reading order.
    private mutating func makeRoom(for number: Int) {
        guard number >= slots.count else { return }
        slots += Array(repeating: nil, count: max(number + 1, 2 * slots.count) - slots.count)
    }

    /// The number of an id made of "s" and at most six digits without a leading zero (one id,
    /// one slot: "s01" is not "s1"), or nil.
    static func number(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { bytes -> Int? in
            guard bytes.count >= 2, bytes.count <= 7, bytes[0] == UInt8(ascii: "s") else { return nil }
            var number = 0
            for position in 1..<bytes.count {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10, number > 0 || digit > 0 else { return nil }
                number = number &* 10 &+ Int(digit)
            }
            return number
        }
    }

    subscript(id: String) -> Value? {
        get {
            guard let number = Self.number(of: id) else { return others[id] }
            return number < slots.count ? slots[number] : nil
        }
        set {
            guard let number = Self.number(of: id) else { others[id] = newValue; return }
            if number >= slots.count {
                guard newValue != nil else { return }
                makeRoom(for: number)
            }
            slots[number] = newValue
        }
    }

    /// Changes the value of `id` in place (`initial` when it has none): appending to an array
    /// value through `subscript` would copy the array first.
    mutating func update(_ id: String, initial: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        guard let number = Self.number(of: id) else {
            change(&others[id, default: initial()])
            return
        }
        makeRoom(for: number)
        // Taken out of its slot while it changes, so that an array value stays unique.
        var value = slots[number].take() ?? initial()
        change(&value)
        slots[number] = value
    }
}
