import Diagnostics
import Testing

@Suite struct LineIndexTests {
    /// Line starts found the slow way, one byte at a time with no lookahead table: a line
    /// starts after every LF, and after every CR that no LF follows.
    func naiveStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() {
            let crBeforeLF = byte == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A
            if byte == 0x0A || (byte == 0x0D && !crBeforeLF) { starts.append(offset + 1) }
        }
        return starts
    }

    /// The line of an offset found by counting the line starts at or before it.
    func naiveLine(_ offset: Int, starts: [Int]) -> Int {
        starts.filter { $0 <= offset }.count
    }

    // Random texts of letters, a CJK character and every kind of line end: the index and its
    // binary search agree with the naive count at every offset (seeded generator, so the
    // same texts every run).
    @Test func agreesWithANaiveScanOnRandomTexts() {
        var generator = SplitMix64(seed: 20_240_601)
        let pieces: [[UInt8]] = [[0x61], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], Array("鞍".utf8)]
        for _ in 0..<200 {
            let length = Int(generator.next() % 60)
            let bytes = (0..<length).flatMap { _ in
                pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            let index = LineIndex(bytes)
            let starts = naiveStarts(bytes)
            #expect(index.starts == starts)
            #expect(LineIndex(String(decoding: bytes, as: UTF8.self)).starts == starts)
            for offset in 0...bytes.count {
                #expect(index.line(ofByte: offset) == naiveLine(offset, starts: starts))
            }
        }
    }

    // "a\r\nb\rc\nd": lines "a", "b", "c", "d" with CRLF, CR and LF ends; line 2 is byte 3.
    @Test func mixedLineEndsAndTheirLengths() {
        let bytes = Array("a\r\nb\rc\nd".utf8)
        let index = LineIndex(bytes)
        #expect(index.starts == [0, 3, 5, 7])
        #expect(index.range(ofLine: 1) == 0..<3)
        #expect(index.range(ofLine: 4) == 7..<8)
        #expect(index.range(ofLine: 5) == nil)
        let ends = (1...4).map { line in
            LineIndex.lineEndLength(of: index.range(ofLine: line)!) { bytes[$0] }
        }
        #expect(ends == [2, 1, 1, 0])
    }

    // The renderer's lines come from the same index: CR-only and mixed files show the right
    // line without its line end.
    @Test func sourceLinesSplitAtEveryKindOfLineEnd() {
        var sources = SourceTexts()
        sources.add(file: "m.csv", text: "a,b\r1,2\r\n3,4\n5,6\r")
        #expect(sources.line(1, of: "m.csv") == "a,b")
        #expect(sources.line(2, of: "m.csv") == "1,2")
        #expect(sources.line(3, of: "m.csv") == "3,4")
        #expect(sources.line(4, of: "m.csv") == "5,6")
        #expect(sources.line(5, of: "m.csv") == "")
        #expect(sources.line(6, of: "m.csv") == nil)
        #expect(sources.line(0, of: "m.csv") == nil)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), a small seeded generator for test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
