import Diagnostics
import Foundation
import Hummingbird

extension Workbench {
    /// The application: the router bound to the host and port.
    /// - Parameter onRunning: called with the page's address once the server listens.
    public func application(onRunning: @escaping @Sendable (String) -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let address = self.address(port:)
        let port = self.port
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(
                address: .hostname(
                    host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host,
                    port: port),
                serverName: "yanglao"),
            onServerRunning: { channel in
                onRunning(address(channel.localAddress?.port ?? port))
            })
    }

    /// Serves until the process is stopped (Ctrl-C), from a command that is not async.
    public func serveUntilStopped(onRunning: @escaping @Sendable (String) -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        let application = application(onRunning: onRunning)
        Task {
            do {
                try await application.runService()
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }
}

/// An error handed from the server's task to the waiting thread.
private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }

    func set(_ error: any Error) { lock.withLock { stored = error } }
}
