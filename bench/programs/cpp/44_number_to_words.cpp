#include <iostream>
#include <string>

const char* ONES[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                      "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
const char* TENS[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
const char* SCALES[] = {"", " thousand", " million", " billion", " trillion"};

std::string below1000(int n) {
    std::string out;
    if (n >= 100) {
        out = std::string(ONES[n / 100]) + " hundred";
        n %= 100;
        if (n) out += " and ";
    }
    if (n >= 20) {
        out += TENS[n / 10];
        if (n % 10) out += std::string("-") + ONES[n % 10];
    } else if (n > 0 || out.empty()) {
        out += ONES[n];
    }
    return out;
}

std::string toWords(long long n) {
    if (n == 0) return "zero";
    if (n < 0) return "minus " + toWords(-n);
    std::string result;
    for (int scale = 0; n > 0; ++scale, n /= 1000) {
        int chunk = static_cast<int>(n % 1000);
        if (chunk == 0) continue;
        std::string part = below1000(chunk) + SCALES[scale];
        result = result.empty() ? part : part + " " + result;
    }
    return result;
}

int main() {
    for (long long n : {0LL, 7LL, 13LL, 20LL, 42LL, 100LL, 101LL, 999LL, 1000LL, 1001LL, 12345LL, 1000000LL, 2147483647LL, -58LL, 1000000000001LL}) {
        std::cout << n << ": " << toWords(n) << '\n';
    }
    return 0;
}
