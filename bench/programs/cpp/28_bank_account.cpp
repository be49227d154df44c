#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

class InsufficientFunds : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string money(long long cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%lld.%02lld", cents / 100, cents % 100);
    return buf;
}

class Account {
public:
    Account(std::string owner, long long cents) : owner_(std::move(owner)), balance_(cents) { log("open " + money(cents)); }

    void deposit(long long cents) {
        if (cents <= 0) throw std::invalid_argument("deposit must be positive");
        balance_ += cents;
        log("deposit " + money(cents));
    }
    void withdraw(long long cents) {
        if (cents > balance_) {
            log("FAILED withdraw " + money(cents));
            throw InsufficientFunds(owner_ + " cannot withdraw " + money(cents) + ", balance " + money(balance_));
        }
        balance_ -= cents;
        log("withdraw " + money(cents));
    }
    void transferTo(Account& other, long long cents) {
        withdraw(cents);
        other.deposit(cents);
    }
    void applyInterest(double ratePercent) {
        auto interest = static_cast<long long>(static_cast<double>(balance_) * ratePercent / 100.0 + 0.5);
        balance_ += interest;
        log("interest " + money(interest));
    }
    void print() const {
        std::cout << owner_ << ": " << money(balance_) << "\n  history:";
        for (const auto& h : history_) std::cout << " [" << h << "]";
        std::cout << '\n';
    }

private:
    void log(const std::string& s) { history_.push_back(s); }
    std::string owner_;
    long long balance_;
    std::vector<std::string> history_;
};

int main() {
    Account alice("Alice", 10000), bob("Bob", 5000);
    alice.deposit(2550);
    try {
        alice.transferTo(bob, 4000);
        bob.withdraw(20000);
    } catch (const InsufficientFunds& e) {
        std::cout << "Error: " << e.what() << '\n';
    }
    try {
        alice.deposit(-5);
    } catch (const std::invalid_argument& e) {
        std::cout << "Error: " << e.what() << '\n';
    }
    alice.applyInterest(2.5);
    bob.applyInterest(2.5);
    alice.print();
    bob.print();
    return 0;
}
