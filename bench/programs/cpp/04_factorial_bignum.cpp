#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

// Arbitrary-precision factorial using base-10 digits stored little-endian.
std::string bigFactorial(int n) {
    std::vector<int> digits{1};
    for (int k = 2; k <= n; ++k) {
        int carry = 0;
        for (auto& d : digits) {
            int v = d * k + carry;
            d = v % 10;
            carry = v / 10;
        }
        while (carry) {
            digits.push_back(carry % 10);
            carry /= 10;
        }
    }
    std::string s;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) s += static_cast<char>('0' + *it);
    return s;
}

unsigned long long factorial(unsigned n) { return n <= 1 ? 1ULL : n * factorial(n - 1); }

int main() {
    for (unsigned i = 0; i <= 20; i += 5) {
        std::cout << i << "! = " << factorial(i) << '\n';
    }
    std::string f50 = bigFactorial(50);
    std::cout << "50! = " << f50 << '\n';
    int sum = 0;
    for (char c : f50) sum += c - '0';
    auto zeros = f50.size() - 1 - f50.find_last_not_of('0');
    std::cout << "digits: " << f50.size() << ", digit sum: " << sum << '\n';
    std::cout << "trailing zeros: " << zeros << '\n';
    std::string f100 = bigFactorial(100);
    std::cout << "100! has " << f100.size() << " digits, starts with " << f100.substr(0, 10) << '\n';
    return 0;
}
