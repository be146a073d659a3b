import Foundation
import Provenance
import Testing

@Suite struct SHA256Tests {
    // Test vectors of FIPS 180-2, appendix B, and NIST's example of one million 'a'.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func publishedVectorsHashToTheirDigests(message: String, digest: String) {
        #expect(SHA256Digest(of: Array(message.utf8)).description == digest)
    }

    @Test func oneMillionAsHashToTheNISTDigest() {
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(
            SHA256Digest(of: message).description
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Second method: the system's sha256sum, on lengths around the padding boundaries
    // (55, 56, 63, 64, 65 bytes) and a Chinese text.
    @Test(arguments: [55, 56, 63, 64, 65, 119, 120, 1000])
    func digestsAgreeWithSha256sum(length: Int) throws {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sha-\(length)-\(UUID()).bin")
        try Data(message).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(
            decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(SHA256Digest(of: message).description == String(output.prefix(64)))
    }
}
