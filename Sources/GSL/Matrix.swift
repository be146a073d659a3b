/// A dense matrix of doubles, stored row by row.
///
/// A small value type for the linear algebra wrapped by this module; it holds a `[Double]`, never
/// a GSL pointer. Shape mismatches (wrong element count, ragged rows, incompatible products,
/// indices out of range) are programming errors and stop the program, like an array index out of
/// range.
public struct Matrix: Equatable, Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements in row-major order: element (i, j) is at index `i * columns + j`.
    public private(set) var elements: [Double]

    /// Creates a matrix from its elements in row-major order.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, ≥ 0.
    ///   - columns: The number of columns, ≥ 0.
    ///   - elements: `rows * columns` values, row after row. Precondition: the count matches.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix shape \(rows) × \(columns) is negative")
        precondition(
            elements.count == rows * columns,
            "\(elements.count) elements do not fill a \(rows) × \(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a matrix with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, ≥ 0.
    ///   - columns: The number of columns, ≥ 0.
    ///   - value: The value of every element.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix shape \(rows) × \(columns) is negative")
        self.init(
            rows: rows, columns: columns,
            elements: Array(repeating: value, count: rows * columns))
    }

    /// Creates a matrix from an array of rows.
    ///
    /// - Parameter rowArrays: The rows, all of the same length. An empty array gives a 0 × 0
    ///   matrix. Precondition: the rows are not ragged.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(
            rowArrays.allSatisfy { $0.count == columns }, "the rows have different lengths")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// The identity matrix of size `size` × `size`.
    ///
    /// - Parameter size: The number of rows and columns, ≥ 0.
    /// - Returns: A matrix with 1 on the diagonal and 0 elsewhere.
    public static func identity(_ size: Int) -> Matrix {
        var matrix = Matrix(rows: size, columns: size)
        for i in 0..<size {
            matrix[i, i] = 1
        }
        return matrix
    }

    /// The element in row `row` and column `column`, both counted from 0.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(isValid(row: row, column: column), "(\(row), \(column)) is out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(isValid(row: row, column: column), "(\(row), \(column)) is out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// The elements of row `index`, counted from 0.
    public func row(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < rows, "row \(index) is out of range")
        return Array(elements[index * columns..<(index + 1) * columns])
    }

    /// The elements of column `index`, counted from 0.
    public func column(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < columns, "column \(index) is out of range")
        return (0..<rows).map { elements[$0 * columns + index] }
    }

    /// The transpose: element (i, j) of the result is element (j, i) of this matrix.
    ///
    /// - Complexity: O(rows × columns).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns {
                result.elements[j * rows + i] = elements[i * columns + j]
            }
        }
        return result
    }

    /// The matrix product `lhs · rhs`.
    ///
    /// Precondition: `lhs.columns == rhs.rows`.
    ///
    /// - Complexity: O(lhs.rows × lhs.columns × rhs.columns).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(
            lhs.columns == rhs.rows,
            "cannot multiply \(lhs.rows) × \(lhs.columns) by \(rhs.rows) × \(rhs.columns)")
        var result = Matrix(rows: lhs.rows, columns: rhs.columns)
        for i in 0..<lhs.rows {
            for k in 0..<lhs.columns {
                let factor = lhs.elements[i * lhs.columns + k]
                for j in 0..<rhs.columns {
                    result.elements[i * rhs.columns + j] +=
                        factor * rhs.elements[k * rhs.columns + j]
                }
            }
        }
        return result
    }

    /// The matrix–vector product `lhs · rhs`.
    ///
    /// Precondition: `rhs.count == lhs.columns`.
    ///
    /// - Complexity: O(lhs.rows × lhs.columns).
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(
            lhs.columns == rhs.count,
            "cannot multiply \(lhs.rows) × \(lhs.columns) by a vector of \(rhs.count)")
        return (0..<lhs.rows).map { i in
            var sum = 0.0
            for j in 0..<lhs.columns {
                sum += lhs.elements[i * lhs.columns + j] * rhs[j]
            }
            return sum
        }
    }

    private func isValid(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < columns
    }
}
