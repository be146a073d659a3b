/// A handle to one decision variable (column) of a ``MixedIntegerProgram``.
///
/// Handles are created only by
/// ``MixedIntegerProgram/addVariable(name:kind:lowerBound:upperBound:objective:)`` and belong to
/// the model that created them (and to copies of that model): adding a constraint that
/// mentions a handle from another model throws
/// ``GLPKError/foreignVariable(constraint:index:)``. Use ``index`` to address
/// ``Solution/values`` or arrays of your own kept in step with the model.
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    /// The position of the variable in its model, counting from 0 in the order of addition.
    public let index: Int

    /// The identity of the model that created this handle.
    let model: ModelIdentity

    init(index: Int, model: ModelIdentity) {
        self.index = index
        self.model = model
    }

    /// The handle as `variable #index`, for messages and test output.
    public var description: String { "variable #\(index)" }

    /// Whether two handles name the same variable of the same model.
    public static func == (lhs: Variable, rhs: Variable) -> Bool {
        lhs.index == rhs.index && lhs.model === rhs.model
    }

    /// Hashes the index and the identity of the owning model.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(ObjectIdentifier(model))
    }
}

/// The identity of one model and its copies, so that handles from other models are rejected.
final class ModelIdentity: Sendable {}
