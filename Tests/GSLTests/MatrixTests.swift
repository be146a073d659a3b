import GSL
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test("[[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]")
    func product() {
        // By hand: 1·5 + 2·7 = 19, 1·6 + 2·8 = 22, 3·5 + 4·7 = 43, 3·6 + 4·8 = 50.
        let a = Matrix([[1, 2], [3, 4]])
        let b = Matrix([[5, 6], [7, 8]])
        #expect(a * b == Matrix([[19, 22], [43, 50]]))
    }

    @Test("[[1, 2, 3], [4, 5, 6]] · (1, 0, −1) = (−2, −2)")
    func matrixVectorProduct() {
        // By hand: 1 − 3 = −2 and 4 − 6 = −2.
        #expect(Matrix([[1, 2, 3], [4, 5, 6]]) * [1, 0, -1] == [-2, -2])
    }

    @Test("The transpose of the 2 × 3 matrix [[1, 2, 3], [4, 5, 6]] is [[1, 4], [2, 5], [3, 6]]")
    func transpose() {
        // Rows become columns.
        let matrix = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(matrix.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(matrix.transposed().transposed() == matrix)
    }

    @Test("Element (1, 2) of [[1, 2, 3], [4, 5, 6]] is 6, at row-major index 5")
    func subscriptsAndLayout() {
        // Row-major: index = row · columns + column = 1 · 3 + 2.
        var matrix = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 2] == 6)
        #expect(matrix.elements[5] == 6)
        #expect(matrix.row(1) == [4, 5, 6])
        #expect(matrix.column(2) == [3, 6])
        matrix[0, 1] = 9
        #expect(matrix.elements == [1, 9, 3, 4, 5, 6])
    }

    @Test("The 3 × 3 identity has 1 at the 3 diagonal places and 0 at the other 6")
    func identity() {
        // Definition of the identity matrix.
        #expect(Matrix.identity(3) == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        #expect(Matrix(rows: 2, columns: 2, repeating: 0.5).elements == [0.5, 0.5, 0.5, 0.5])
    }
}
