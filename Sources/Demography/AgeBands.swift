/// Age groups (年龄组) given by their lower bounds, the last one open (x+).
///
/// Band i covers ages `lowerBounds[i] ..< lowerBounds[i + 1]`; the last covers every age from
/// its lower bound up. Single years are bands of width 1 (0, 1, …, 100+), five-year groups
/// bands of width 5 (0, 5, …, 85+), and the abridged groups of life tables start 0, 1, 5, 10.
/// The bounds are checked once, when the value is made.
public struct AgeBands: Hashable, Sendable, CustomStringConvertible {
    /// The lower bound of each band, strictly increasing; the last band is open.
    public let lowerBounds: [Int]

    /// Why a list of bounds is not a set of age bands.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        /// No bands at all.
        case empty
        /// A negative age.
        case negativeAge(Int)
        /// A bound that is not above the one before it (overlapping or repeated bands).
        case notIncreasing(previous: Int, next: Int)

        public var description: String {
            switch self {
            case .empty: "there are no age bands"
            case .negativeAge(let age): "age \(age) is negative"
            case .notIncreasing(let previous, let next):
                "age bands must increase: \(next) comes after \(previous), so the bands overlap"
            }
        }
    }

    /// Makes bands from their lower bounds.
    /// - Throws: ``InvariantError`` for an empty list, a negative age or bounds that do not
    ///   strictly increase.
    public init(lowerBounds: [Int]) throws(InvariantError) {
        guard let first = lowerBounds.first else { throw .empty }
        guard first >= 0 else { throw .negativeAge(first) }
        for (previous, next) in zip(lowerBounds, lowerBounds.dropFirst()) where next <= previous {
            throw .notIncreasing(previous: previous, next: next)
        }
        self.lowerBounds = lowerBounds
    }

    init(unchecked lowerBounds: [Int]) {
        self.lowerBounds = lowerBounds
    }

    /// Single years 0, 1, …, `openAge` − 1 and the open band `openAge`+.
    public static func singleYears(to openAge: Int) -> AgeBands {
        precondition(openAge >= 0, "the open age must not be negative")
        return AgeBands(unchecked: Array(0...openAge))
    }

    /// Bands of a given width from 0 to the open band, e.g. 0, 5, …, 85+.
    /// - Precondition: `openAge` is a multiple of `width`.
    public static func uniform(width: Int, to openAge: Int) -> AgeBands {
        precondition(width > 0 && openAge >= 0 && openAge % width == 0, "open age not on the grid")
        return AgeBands(unchecked: Array(stride(from: 0, through: openAge, by: width)))
    }

    /// The abridged groups of life tables: 0, 1–4, 5–9, …, `openAge`+.
    /// - Precondition: `openAge` is a multiple of 5, at least 5.
    public static func abridged(to openAge: Int) -> AgeBands {
        precondition(openAge >= 5 && openAge % 5 == 0, "the open age must be a multiple of 5")
        return AgeBands(unchecked: [0, 1] + Array(stride(from: 5, through: openAge, by: 5)))
    }

    /// The number of bands, the open one included.
    public var count: Int { lowerBounds.count }

    /// The lower bound of the open band.
    public var openAge: Int { lowerBounds[lowerBounds.count - 1] }

    /// Whether the first band starts at birth.
    public var startsAtZero: Bool { lowerBounds[0] == 0 }

    /// The width of band `index` in years; nil for the open band.
    public func width(of index: Int) -> Int? {
        index + 1 < lowerBounds.count ? lowerBounds[index + 1] - lowerBounds[index] : nil
    }

    /// The common width of every closed band, or nil when widths differ (or there is no
    /// closed band).
    public var uniformWidth: Int? {
        guard lowerBounds.count >= 2 else { return nil }
        let width = lowerBounds[1] - lowerBounds[0]
        for index in 1..<(lowerBounds.count - 1)
        where lowerBounds[index + 1] - lowerBounds[index] != width {
            return nil
        }
        return width
    }

    /// The index of the band that holds an age; nil when the age is below the first bound.
    /// - Complexity: O(log n).
    public func index(containing age: Int) -> Int? {
        guard age >= lowerBounds[0] else { return nil }
        var low = 0
        var high = lowerBounds.count
        while low < high {
            let mid = (low + high) / 2
            if lowerBounds[mid] <= age { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    /// Whether every bound of `coarser` is also a bound here and both have the same open age,
    /// so that bands here can be summed into the bands of `coarser`.
    public func refines(_ coarser: AgeBands) -> Bool {
        guard coarser.openAge == openAge, coarser.lowerBounds[0] == lowerBounds[0] else {
            return false
        }
        let own = Set(lowerBounds)
        return coarser.lowerBounds.allSatisfy { own.contains($0) }
    }

    /// A band's label: `85+` for the open band, `0` for a single year, `5-9` otherwise.
    public func label(of index: Int) -> String {
        guard let width = width(of: index) else { return "\(lowerBounds[index])+" }
        return width == 1
            ? "\(lowerBounds[index])" : "\(lowerBounds[index])-\(lowerBounds[index] + width - 1)"
    }

    /// `0, 5, …, 85+`.
    public var description: String {
        lowerBounds.count <= 4
            ? lowerBounds.dropLast().map(String.init).joined(separator: ", ")
                + (lowerBounds.count > 1 ? ", " : "") + "\(openAge)+"
            : "\(lowerBounds[0]), \(lowerBounds[1]), …, \(openAge)+"
    }
}
