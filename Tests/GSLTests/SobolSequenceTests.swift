import GSL
import Testing

@Suite("SobolSequence")
struct SobolSequenceTests {
    // GSL Reference Manual, "Quasi-Random Sequences", example: the first points of the
    // two-dimensional Sobol sequence, which starts after the origin.
    static let manualPoints: [[Double]] = [
        [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875],
    ]

    @Test("The first 2-D points are (0.5, 0.5), (0.75, 0.25), (0.25, 0.75), (0.375, 0.375) …")
    func manualExample() throws {
        var sequence = try SobolSequence(dimensions: 2)
        for expected in Self.manualPoints {
            #expect(sequence.next() == expected)
        }
        #expect(sequence.count == 5)
    }

    @Test("In 1-D the first 7 points are 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125")
    func oneDimensionalGrayCodeOrder() throws {
        // Antonov and Saleev's Gray-code order of the base-2 van der Corput sequence: point n is
        // the bit-reversed binary fraction of the Gray code of n, i.e. of 1, 11, 10, 110, 111,
        // 101, 100: 0.1, 0.11, 0.01, 0.011, 0.111, 0.101, 0.001 in binary.
        var sequence = try SobolSequence(dimensions: 1)
        let points = (0..<7).map { _ in sequence.next()[0] }
        #expect(points == [0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125])
    }

    @Test("The first 15 points in 1-D with the origin are exactly the 16 multiples of 1/16")
    func firstPointsFormAGrid() throws {
        // The first 2^m points of a Sobol sequence (origin included) in one dimension are
        // {0, 1/2^m, …, (2^m − 1)/2^m}; here m = 4.
        var sequence = try SobolSequence(dimensions: 1)
        var points: Set<Double> = [0]
        for _ in 0..<15 {
            points.insert(sequence.next()[0])
        }
        #expect(points == Set((0..<16).map { Double($0) / 16 }))
    }

    @Test("Each coordinate of the first 1,023 points in 5-D has mean exactly 0.5")
    func firstPointsAreBalanced() throws {
        // With the origin the first 1,024 points take each value k/1024 once per coordinate, so
        // the sum is 1023 · 1024/2 / 1024 = 511.5, and 511.5/1023 = 0.5.
        var sequence = try SobolSequence(dimensions: 5)
        var sums = Array(repeating: 0.0, count: 5)
        var point: [Double] = []
        for _ in 0..<1023 {
            sequence.next(into: &point)
            for d in 0..<5 {
                sums[d] += point[d]
            }
        }
        #expect(sums.allSatisfy { $0 == 511.5 })
    }

    @Test("next(into:) resizes an empty buffer to 2 and gives the manual's points")
    func nextIntoBuffer() throws {
        // Same points as the manual example, written into a reused buffer.
        var sequence = try SobolSequence(dimensions: 2)
        var point: [Double] = []
        for expected in Self.manualPoints {
            sequence.next(into: &point)
            #expect(point == expected)
        }
    }

    @Test("Skipping 3 points makes the next point the manual's 4th, (0.375, 0.375)")
    func skipping() throws {
        var sequence = try SobolSequence(dimensions: 2)
        try sequence.skip(3)
        #expect(sequence.count == 3)
        #expect(sequence.next() == [0.375, 0.375])
        try sequence.skip(0)
        #expect(sequence.next() == [0.875, 0.875])
    }

    @Test("40 dimensions, GSL's maximum, are accepted and give 0.5 in every coordinate first")
    func fortyDimensions() throws {
        // The first Sobol point is 1/2 in every dimension (top bit of each direction number).
        var sequence = try SobolSequence(dimensions: 40)
        #expect(sequence.next() == Array(repeating: 0.5, count: 40))
        #expect(sequence.dimensions == 40)
    }

    @Test("Dimensions −1, 0 and 41 are refused with GSL_EINVAL", arguments: [-1, 0, 41])
    func invalidDimensions(dimensions: Int) {
        // GSL's Sobol generator supports 1…40 dimensions (GSL manual, gsl_qrng_sobol).
        let error = #expect(throws: GSLError.self) {
            _ = try SobolSequence(dimensions: dimensions)
        }
        #expect(error?.status == .invalid)
    }

    @Test("Skipping −1 points is GSL_EINVAL and skipping 2^30 points is GSL_EDOM")
    func invalidSkips() throws {
        // The generator is exhausted after 2^30 − 1 points (30-bit direction numbers).
        var sequence = try SobolSequence(dimensions: 1)
        let negative = #expect(throws: GSLError.self) { try sequence.skip(-1) }
        #expect(negative?.status == .invalid)
        let tooMany = #expect(throws: GSLError.self) { try sequence.skip(1 << 30) }
        #expect(tooMany?.status == .domain)
        #expect(sequence.count == 0)
        #expect(SobolSequence.maximumCount == 1_073_741_823)
    }
}
