#include <iomanip>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

class Matrix {
public:
    Matrix(size_t rows, size_t cols) : rows_(rows), cols_(cols), data_(rows * cols, 0) {}
    Matrix(std::initializer_list<std::initializer_list<long long>> init) : Matrix(init.size(), init.begin()->size()) {
        size_t r = 0;
        for (const auto& row : init) {
            size_t c = 0;
            for (long long v : row) (*this)(r, c++) = v;
            ++r;
        }
    }
    static Matrix identity(size_t n) {
        Matrix m(n, n);
        for (size_t i = 0; i < n; ++i) m(i, i) = 1;
        return m;
    }
    long long& operator()(size_t r, size_t c) { return data_[r * cols_ + c]; }
    long long operator()(size_t r, size_t c) const { return data_[r * cols_ + c]; }
    Matrix operator*(const Matrix& o) const {
        if (cols_ != o.rows_) throw std::invalid_argument("dimension mismatch");
        Matrix out(rows_, o.cols_);
        for (size_t i = 0; i < rows_; ++i)
            for (size_t j = 0; j < o.cols_; ++j)
                for (size_t k = 0; k < cols_; ++k) out(i, j) += (*this)(i, k) * o(k, j);
        return out;
    }
    Matrix pow(unsigned e) const {
        Matrix result = identity(rows_), base = *this;
        while (e) {
            if (e & 1) result = result * base;
            base = base * base;
            e >>= 1;
        }
        return result;
    }
    void print(const std::string& label) const {
        std::cout << label << ":\n";
        for (size_t i = 0; i < rows_; ++i) {
            std::cout << ' ';
            for (size_t j = 0; j < cols_; ++j) std::cout << std::setw(6) << (*this)(i, j);
            std::cout << '\n';
        }
    }

private:
    size_t rows_, cols_;
    std::vector<long long> data_;
};

int main() {
    Matrix a = {{1, 2, 3}, {4, 5, 6}};
    Matrix b = {{7, 8}, {9, 10}, {11, 12}};
    a.print("A");
    b.print("B");
    (a * b).print("A x B");
    (b * a).print("B x A");
    try {
        (a * a).print("A x A");
    } catch (const std::invalid_argument& e) {
        std::cout << "A x A: error: " << e.what() << '\n';
    }
    Matrix fib = {{1, 1}, {1, 0}};
    std::cout << "fib(40) via matrix power: " << fib.pow(40)(0, 1) << '\n';
    return 0;
}
