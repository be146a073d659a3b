/// Persons of one area at one instant, by sex and age band (分性别、年龄的人口).
///
/// The invariants are checked once, when the value is made: the bands start at age 0 and
/// end in an open band, there is one count per band and sex, and no count is negative or not
/// finite. Counts are persons (not thousands) and may be fractional, as projections make them.
public struct AgeSexPopulation: Hashable, Sendable {
    /// The age bands.
    public let bands: AgeBands
    /// Females by band.
    public let female: [Double]
    /// Males by band.
    public let male: [Double]

    /// Why counts do not make a population.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The first band does not start at age 0.
        case bandsDoNotStartAtZero(firstAge: Int)
        /// A sex has a different number of counts from the number of bands.
        case countMismatch(sex: Sex, counts: Int, bands: Int)
        /// A count below zero.
        case negative(sex: Sex, age: Int, value: Double)
        /// A count that is NaN or infinite.
        case notFinite(sex: Sex, age: Int)

        public var description: String {
            switch self {
            case .bandsDoNotStartAtZero(let age):
                "age bands must start at 0 (the first starts at \(age))"
            case .countMismatch(let sex, let counts, let bands):
                "\(sex) has \(counts) counts for \(bands) age bands"
            case .negative(let sex, let age, let value):
                "the count of \(sex) persons aged \(age) is negative (\(value))"
            case .notFinite(let sex, let age):
                "the count of \(sex) persons aged \(age) is not a finite number"
            }
        }
    }

    /// Makes a population, checking its invariants.
    /// - Throws: ``InvariantError``.
    public init(bands: AgeBands, female: [Double], male: [Double]) throws(InvariantError) {
        guard bands.startsAtZero else {
            throw .bandsDoNotStartAtZero(firstAge: bands.lowerBounds[0])
        }
        for (sex, counts) in [(Sex.female, female), (.male, male)] {
            guard counts.count == bands.count else {
                throw .countMismatch(sex: sex, counts: counts.count, bands: bands.count)
            }
            for (index, value) in counts.enumerated() {
                guard value.isFinite else {
                    throw .notFinite(sex: sex, age: bands.lowerBounds[index])
                }
                guard value >= 0 else {
                    throw .negative(sex: sex, age: bands.lowerBounds[index], value: value)
                }
            }
        }
        self.bands = bands
        self.female = female
        self.male = male
    }

    /// A population whose invariants the caller has established.
    init(unchecked bands: AgeBands, female: [Double], male: [Double]) {
        self.bands = bands
        self.female = female
        self.male = male
    }

    /// Nobody, on given bands.
    /// - Precondition: the bands start at 0.
    public static func nobody(on bands: AgeBands) -> AgeSexPopulation {
        precondition(bands.startsAtZero, "population bands start at 0")
        let zeros = [Double](repeating: 0, count: bands.count)
        return AgeSexPopulation(unchecked: bands, female: zeros, male: zeros)
    }

    /// The persons of two populations on the same bands together.
    /// - Precondition: `other` has the same bands.
    public func adding(_ other: AgeSexPopulation) -> AgeSexPopulation {
        precondition(other.bands == bands, "populations on different bands")
        return AgeSexPopulation(
            unchecked: bands, female: zip(female, other.female).map(+),
            male: zip(male, other.male).map(+))
    }

    /// The counts of one sex.
    public subscript(sex: Sex) -> [Double] { sex == .female ? female : male }

    /// Everyone.
    public var total: Double { female.reduce(0, +) + male.reduce(0, +) }

    /// Persons (both sexes, or one) in the bands that start at or above `age`.
    /// - Precondition: `age` is a band's lower bound.
    public func persons(atLeast age: Int, sex: Sex? = nil) -> Double {
        persons(from: age, below: nil, sex: sex)
    }

    /// Persons in the bands from `lower` up to, not including, `upper` (nil: to the end).
    /// - Precondition: both bounds are band bounds.
    public func persons(from lower: Int, below upper: Int?, sex: Sex? = nil) -> Double {
        var total = 0.0
        for (index, bound) in bands.lowerBounds.enumerated()
        where bound >= lower && (upper.map { bound < $0 } ?? true) {
            if sex != .male { total += female[index] }
            if sex != .female { total += male[index] }
        }
        return total
    }

    /// The same persons in coarser bands, summing the bands that fall in each.
    /// - Precondition: `self.bands.refines(coarser)`.
    public func regrouped(to coarser: AgeBands) -> AgeSexPopulation {
        precondition(bands.refines(coarser), "\(bands) cannot be summed into \(coarser)")
        func sum(_ counts: [Double]) -> [Double] {
            var result = [Double](repeating: 0, count: coarser.count)
            for (index, bound) in bands.lowerBounds.enumerated() {
                result[coarser.index(containing: bound)!] += counts[index]
            }
            return result
        }
        // Sums of non-negative finite counts keep the invariants.
        return AgeSexPopulation(unchecked: coarser, female: sum(female), male: sum(male))
    }
}
