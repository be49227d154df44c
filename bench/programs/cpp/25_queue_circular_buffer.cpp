#include <array>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

template <typename T, size_t N>
class RingBuffer {
public:
    bool push(const T& v) {
        if (size_ == N) return false;
        data_[tail_] = v;
        tail_ = (tail_ + 1) % N;
        ++size_;
        return true;
    }
    std::optional<T> pop() {
        if (size_ == 0) return std::nullopt;
        T v = data_[head_];
        head_ = (head_ + 1) % N;
        --size_;
        return v;
    }
    size_t size() const { return size_; }
    std::string str() const {
        std::ostringstream out;
        out << '[';
        for (size_t i = 0; i < size_; ++i) out << (i ? ", " : "") << data_[(head_ + i) % N];
        out << ']';
        return out.str();
    }

private:
    std::array<T, N> data_{};
    size_t head_ = 0, tail_ = 0, size_ = 0;
};

int main() {
    RingBuffer<int, 4> q;
    for (int i = 1; i <= 5; ++i) {
        bool ok = q.push(i);
        std::cout << "push " << i << ": " << (ok ? "ok" : "full") << " -> " << q.str() << '\n';
    }
    std::cout << "pop: " << *q.pop() << '\n';
    std::cout << "pop: " << *q.pop() << '\n';
    q.push(6);
    q.push(7);
    std::cout << "after wrap-around: " << q.str() << " size " << q.size() << '\n';
    while (auto v = q.pop()) std::cout << "drain: " << *v << '\n';
    std::cout << "pop on empty has value: " << std::boolalpha << q.pop().has_value() << '\n';
    return 0;
}
