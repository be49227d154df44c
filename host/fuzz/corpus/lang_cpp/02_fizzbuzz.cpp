#include <iostream>
#include <string>

std::string fizzBuzz(int n) {
    std::string s;
    if (n % 3 == 0) s += "Fizz";
    if (n % 5 == 0) s += "Buzz";
    return s.empty() ? std::to_string(n) : s;
}

int main() {
    for (int i = 1; i <= 30; ++i) {
        std::cout << fizzBuzz(i) << '\n';
    }
    return 0;
}
