/// A value for each sex: a female one and a male one.
public struct BySex<Value> {
    public var female: Value
    public var male: Value

    public init(female: Value, male: Value) {
        self.female = female
        self.male = male
    }

    /// The same value for both sexes.
    public init(both value: Value) {
        self.female = value
        self.male = value
    }

    public subscript(sex: Sex) -> Value {
        get { sex == .female ? female : male }
        set {
            if sex == .female { female = newValue } else { male = newValue }
        }
    }

    /// Both values transformed.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> BySex<T> {
        BySex<T>(female: try transform(female), male: try transform(male))
    }
}

extension BySex: Sendable where Value: Sendable {}
extension BySex: Equatable where Value: Equatable {}
extension BySex: Hashable where Value: Hashable {}
