#include <cctype>
#include <cmath>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

class Parser {
public:
    explicit Parser(std::string s) {
        for (char c : s)
            if (c != ' ') src_ += c;
    }
    double parse() {
        double v = expr();
        if (pos_ != src_.size()) throw std::runtime_error(std::string("unexpected '") + src_[pos_] + "' at " + std::to_string(pos_));
        return v;
    }

private:
    bool peek(char c) const { return pos_ < src_.size() && src_[pos_] == c; }
    double expr() {
        double v = term();
        while (peek('+') || peek('-')) {
            char op = src_[pos_++];
            double r = term();
            v = op == '+' ? v + r : v - r;
        }
        return v;
    }
    double term() {
        double v = power();
        while (peek('*') || peek('/')) {
            char op = src_[pos_++];
            double r = power();
            if (op == '/' && r == 0) throw std::runtime_error("division by zero");
            v = op == '*' ? v * r : v / r;
        }
        return v;
    }
    double power() {
        double base = factor();
        if (peek('^')) {
            ++pos_;
            return std::pow(base, power());
        }
        return base;
    }
    double factor() {
        if (pos_ >= src_.size()) throw std::runtime_error("unexpected end");
        if (peek('-')) {
            ++pos_;
            return -factor();
        }
        if (peek('(')) {
            ++pos_;
            double v = expr();
            if (!peek(')')) throw std::runtime_error("missing )");
            ++pos_;
            return v;
        }
        size_t start = pos_;
        while (pos_ < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '.')) ++pos_;
        if (start == pos_) throw std::runtime_error(std::string("unexpected '") + src_[pos_] + "' at " + std::to_string(pos_));
        return std::stod(src_.substr(start, pos_ - start));
    }

    std::string src_;
    size_t pos_ = 0;
};

int main() {
    std::vector<std::string> exprs = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-(4 - 6) * 2.5", "10 / 4 - 1", "((7))", "1 / 0", "3 + * 4", "(2 + 3"};
    for (const auto& e : exprs) {
        try {
            double v = Parser(e).parse();
            std::cout << e << " = " << v << '\n';
        } catch (const std::exception& ex) {
            std::cout << e << " -> error: " << ex.what() << '\n';
        }
    }
    return 0;
}
