/// Persons of many areas at one instant, by area, part (urban and rural, or one part), sex and
/// age band, in one contiguous array: the structure of arrays a projection works on.
///
/// The layout is `counts[((area · parts + part) · 2 + sex) · bands + age]`, sexes in the order
/// of ``Sex`` (female first).
public struct PopulationGrid: Hashable, Sendable {
    /// The age bands, the same for every area.
    public let bands: AgeBands
    /// The number of areas.
    public let areaCount: Int
    /// The parts of each area: 1 (the whole area) or 2 (urban 0, rural 1).
    public let partCount: Int
    /// The counts, persons.
    public private(set) var counts: [Double]

    /// The urban part (城镇) when an area has two parts.
    public static let urban = 0
    /// The rural part (乡村) when an area has two parts.
    public static let rural = 1

    /// An empty grid (all zeros).
    /// - Precondition: `areaCount ≥ 0`, `partCount` is 1 or 2.
    public init(bands: AgeBands, areaCount: Int, partCount: Int = 1) {
        precondition(areaCount >= 0 && (partCount == 1 || partCount == 2), "1 or 2 parts")
        self.bands = bands
        self.areaCount = areaCount
        self.partCount = partCount
        self.counts = [Double](repeating: 0, count: areaCount * partCount * 2 * bands.count)
    }

    /// A one-part grid from one population per area.
    /// - Precondition: every population has `bands`.
    public init(bands: AgeBands, populations: [AgeSexPopulation]) {
        self.init(bands: bands, areaCount: populations.count)
        for (area, population) in populations.enumerated() {
            set(population, area: area, part: 0)
        }
    }

    /// The index of a cell in `counts`.
    @inlinable
    public func offset(area: Int, part: Int, sex: Sex) -> Int {
        ((area * partCount + part) * 2 + sex.rawValue) * bands.count
    }

    /// One count.
    public subscript(area: Int, part: Int, sex: Sex, band: Int) -> Double {
        get { counts[offset(area: area, part: part, sex: sex) + band] }
        set {
            precondition(newValue >= 0 && newValue.isFinite, "counts are finite and not negative")
            counts[offset(area: area, part: part, sex: sex) + band] = newValue
        }
    }

    /// Stores a population in one part of an area.
    /// - Precondition: the population has this grid's bands.
    public mutating func set(_ population: AgeSexPopulation, area: Int, part: Int) {
        precondition(population.bands == bands, "the population's bands differ from the grid's")
        for sex in Sex.allCases {
            let start = offset(area: area, part: part, sex: sex)
            counts.replaceSubrange(start..<(start + bands.count), with: population[sex])
        }
    }

    /// The population of one part of an area, or of the whole area (parts summed) when
    /// `part` is nil.
    public func population(area: Int, part: Int? = nil) -> AgeSexPopulation {
        var bySex = BySex(both: [Double](repeating: 0, count: bands.count))
        for sex in Sex.allCases {
            for p in part.map({ [$0] }) ?? Array(0..<partCount) {
                let start = offset(area: area, part: p, sex: sex)
                for band in 0..<bands.count { bySex[sex][band] += counts[start + band] }
            }
        }
        return AgeSexPopulation(unchecked: bands, female: bySex.female, male: bySex.male)
    }
}
