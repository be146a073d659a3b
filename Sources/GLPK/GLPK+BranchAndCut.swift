internal import CGLPK

/// What the branch-and-cut search showed its callback, read after `glp_intopt` returns.
///
/// GLPK does not report the best bound once the search stops, so the callback records it every
/// time it is called; bounds only improve, so the last value seen is a valid bound when the
/// search stops for the time limit or the gap tolerance. The object crosses into C as the
/// callback's unretained `info` pointer and lives only for one synchronous `glp_intopt` call.
final class SearchProgress {
    /// The best local bound over the active subproblems when the callback was last called, in
    /// objective units, or `nil` before any finite bound was seen.
    private(set) var bestBound: Double?

    /// The number of subproblems created so far.
    private(set) var nodeCount = 0

    /// Records the best bound and the tree size from the search tree.
    ///
    /// The corresponding GLPK routines are `glp_ios_best_node`, `glp_ios_node_bound` and
    /// `glp_ios_tree_size`; all may be called for every callback reason.
    func observe(_ tree: OpaquePointer) {
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let bound = glp_ios_node_bound(tree, best)
            // An unsolved subproblem's bound is ±DBL_MAX, which is no information.
            if bound.isFinite && abs(bound) < Double.greatestFiniteMagnitude {
                bestBound = bound
            }
        }
        var active: Int32 = 0
        var current: Int32 = 0
        var total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        nodeCount = Int(total)
    }

    /// Installs the recording callback in the integer optimizer's parameters.
    ///
    /// The caller must keep `self` alive until `glp_intopt` returns.
    ///
    /// The corresponding GLPK parameters are `cb_func` and `cb_info`.
    func install(in parameters: inout glp_iocp) {
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            Unmanaged<SearchProgress>.fromOpaque(info).takeUnretainedValue().observe(tree)
        }
        parameters.cb_info = Unmanaged.passUnretained(self).toOpaque()
    }
}
