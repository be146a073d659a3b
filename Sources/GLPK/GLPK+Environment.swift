internal import CGLPK
internal import Foundation

/// Access to the GLPK library environment, which holds terminal output settings and every
/// problem object's memory.
///
/// GLPK keeps that environment in thread-local storage when the library was built with a
/// compiler that supports it: `glp_config("TLS")` then names the storage keyword (the GLPK 5.0
/// of Debian 12 answers `_Thread_local`), and it returns NULL otherwise. With thread-local
/// storage, solves on different threads share nothing, so they run in parallel as long as each
/// problem object stays on the thread that created it — which holds here because a problem
/// object lives only inside one synchronous call. Without it, every GLPK call is serialised
/// behind one lock. (The lock is Foundation's `NSLock` rather than `Mutex` because the package
/// still supports macOS 14, and `Mutex` needs macOS 15.)
///
/// Each thread that solves keeps a small GLPK environment for the rest of its life (GLPK does
/// not free it when a thread ends); the threads of Swift's cooperative pool live as long as the
/// process, so this is a bounded, one-off cost.
enum SolverEnvironment {
    /// Whether this GLPK build keeps its environment thread-local.
    ///
    /// The corresponding GLPK routine is `glp_config("TLS")`.
    static let isThreadLocal: Bool = {
        let keyword: UnsafePointer<CChar>? = glp_config("TLS")
        return keyword != nil
    }()

    private static let lock = NSLock()

    /// Runs `body` with GLPK terminal output off on the current thread, holding the global lock
    /// when the environment is shared between threads.
    ///
    /// The corresponding GLPK routine is `glp_term_out(GLP_OFF)`.
    static func withExclusiveAccess<Result>(
        _ body: () throws(GLPKError) -> Result
    ) throws(GLPKError) -> Result {
        let needsLock = !isThreadLocal
        if needsLock { lock.lock() }
        defer { if needsLock { lock.unlock() } }
        glp_term_out(GLP_OFF)
        return try body()
    }
}
