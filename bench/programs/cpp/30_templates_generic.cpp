#include <iostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

template <typename A, typename B>
struct Pair {
    A first;
    B second;
    Pair<B, A> swap() const { return {second, first}; }
    template <typename F>
    auto mapSecond(F f) const -> Pair<A, decltype(f(second))> { return {first, f(second)}; }
};

template <typename A, typename B>
std::ostream& operator<<(std::ostream& os, const Pair<A, B>& p) {
    return os << '(' << p.first << ", " << p.second << ')';
}

template <typename T>
T maxOf(const std::vector<T>& items) {
    T best = items.front();
    for (const auto& x : items)
        if (best < x) best = x;
    return best;
}

template <typename A, typename B>
std::vector<Pair<A, B>> zip(const std::vector<A>& as, const std::vector<B>& bs) {
    std::vector<Pair<A, B>> out;
    for (size_t i = 0; i < as.size() && i < bs.size(); ++i) out.push_back({as[i], bs[i]});
    return out;
}

template <typename... Ts>
auto sumAll(Ts... xs) {
    return (xs + ... + 0);
}

template <typename T>
std::string describe(const T&) {
    if constexpr (std::is_integral_v<T>) return "integral";
    else if constexpr (std::is_floating_point_v<T>) return "floating";
    else return "other";
}

template <int N>
struct Factorial {
    static constexpr long long value = N * Factorial<N - 1>::value;
};
template <>
struct Factorial<0> {
    static constexpr long long value = 1;
};

int main() {
    Pair<std::string, int> p{"age", 42};
    std::cout << "pair: " << p << ", swapped: " << p.swap() << '\n';
    std::cout << "mapped: " << p.mapSecond([](int x) { return x * 2.5; }) << '\n';
    std::cout << "max int: " << maxOf(std::vector<int>{3, 17, 8, 12}) << '\n';
    std::cout << "max string: " << maxOf(std::vector<std::string>{"pear", "apple", "zucchini", "kiwi"}) << '\n';
    std::cout << "zip:";
    for (const auto& z : zip(std::vector<char>{'a', 'b', 'c'}, std::vector<int>{1, 2, 3, 4})) std::cout << ' ' << z;
    std::cout << '\n';
    std::cout << "sumAll(1, 2, 3, 4) = " << sumAll(1, 2, 3, 4) << ", sumAll(1.5, 2.25) = " << sumAll(1.5, 2.25) << '\n';
    std::cout << "describe: " << describe(1) << ' ' << describe(2.0) << ' ' << describe(std::string("x")) << '\n';
    std::cout << "Factorial<15> = " << Factorial<15>::value << '\n';
    return 0;
}
