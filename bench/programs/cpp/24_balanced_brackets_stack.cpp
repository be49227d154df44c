#include <iomanip>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

template <typename T>
class Stack {
public:
    void push(const T& v) { items_.push_back(v); }
    T pop() {
        if (items_.empty()) throw std::out_of_range("pop from empty stack");
        T v = items_.back();
        items_.pop_back();
        return v;
    }
    bool empty() const { return items_.empty(); }
    size_t size() const { return items_.size(); }

private:
    std::vector<T> items_;
};

std::string check(const std::string& s) {
    Stack<char> st;
    const std::string open = "([{", close = ")]}";
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (open.find(c) != std::string::npos) {
            st.push(c);
        } else if (auto k = close.find(c); k != std::string::npos) {
            if (st.empty()) return "unexpected '" + std::string(1, c) + "' at " + std::to_string(i);
            char o = st.pop();
            if (o != open[k]) return std::string("mismatch '") + o + "' vs '" + c + "' at " + std::to_string(i);
        }
    }
    return st.empty() ? "balanced" : std::to_string(st.size()) + " unclosed";
}

int main() {
    for (const std::string t : {"()", "([]{})", "{[()()]}", "(]", "((())", "())", "int f(int a[]) { return a[0]; }", ""}) {
        std::cout << std::left << std::setw(35) << ("\"" + t + "\"") << ' ' << check(t) << '\n';
    }
    Stack<int> s;
    try {
        s.pop();
    } catch (const std::out_of_range& e) {
        std::cout << "error: " << e.what() << '\n';
    }
    return 0;
}
