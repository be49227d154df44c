#include <functional>
#include <iostream>
#include <string>
#include <vector>

std::function<int()> makeCounter(int start, int step) {
    return [value = start, step]() mutable {
        int v = value;
        value += step;
        return v;
    };
}

std::function<int(int)> compose(const std::vector<std::function<int(int)>>& fs) {
    return [fs](int x) {
        for (const auto& f : fs) x = f(x);
        return x;
    };
}

template <typename F>
auto memoize(F f) {
    bool ready = false;
    decltype(f()) cached{};
    return [=]() mutable {
        if (!ready) {
            cached = f();
            ready = true;
        }
        return cached;
    };
}

int main() {
    auto byOne = makeCounter(0, 1);
    auto byTen = makeCounter(100, 10);
    for (int i = 0; i < 3; ++i) {
        int a = byOne();
        int b = byTen();
        std::cout << "counters: " << a << ' ' << b << '\n';
    }
    auto pipeline = compose({[](int x) { return x + 3; }, [](int x) { return x * 2; }, [](int x) { return x - 1; }});
    std::cout << "pipeline(5) = " << pipeline(5) << '\n';

    std::function<long long(int, int)> power = [&power](int b, int e) -> long long {
        return e == 0 ? 1 : b * power(b, e - 1);
    };
    auto curriedAdd = [](int a) { return [a](int b) { return a + b; }; };
    std::cout << "power(2, 10) = " << power(2, 10) << '\n';
    std::cout << "curriedAdd(3)(4) = " << curriedAdd(3)(4) << '\n';

    auto longWord = [](const std::string& s) { return s.size() > 4; };
    auto startsWithS = [](const std::string& s) { return !s.empty() && s[0] == 's'; };
    auto both = [&](const std::string& s) { return longWord(s) && startsWithS(s); };
    std::cout << std::boolalpha;
    for (const std::string w : {"sun", "stream", "lambda", "sky"}) {
        std::cout << w << ": long=" << longWord(w) << " long&s=" << both(w) << '\n';
    }

    int calls = 0;
    auto expensive = memoize([&calls]() {
        ++calls;
        return std::string("computed");
    });
    std::string first = expensive();
    std::string second = expensive();
    std::cout << first << ' ' << second << " calls=" << calls << '\n';

    int total = 0;
    std::vector<int> nums = {1, 2, 3, 4, 5};
    auto accumulate = [&total](int x) { total += x * x; };
    for (int x : nums) accumulate(x);
    std::cout << "sum of squares via capture by reference: " << total << '\n';
    return 0;
}
