#include <iostream>
#include <stack>
#include <string>
#include <vector>

long long moves = 0;

void hanoi(int n, char from, char to, char via, bool print) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to, print);
    ++moves;
    if (print) std::cout << "Move disk " << n << " from " << from << " to " << to << '\n';
    hanoi(n - 1, via, to, from, print);
}

int main() {
    hanoi(4, 'A', 'C', 'B', true);
    std::cout << "Total moves for 4 disks: " << moves << '\n';
    for (int n = 1; n <= 20; n += 5) {
        moves = 0;
        hanoi(n, 'A', 'C', 'B', false);
        std::cout << n << " disks: " << moves << " moves (2^n - 1 = " << ((1LL << n) - 1) << ")\n";
    }
    // simulate 3 disks with real pegs to check the final state
    std::vector<std::stack<int>> pegs(3);
    for (int d = 3; d >= 1; --d) pegs[0].push(d);
    struct Frame { int n, from, to, via; };
    std::vector<Frame> work = {{3, 0, 2, 1}};
    while (!work.empty()) {
        Frame f = work.back();
        work.pop_back();
        if (f.n == 0) continue;
        if (f.n < 0) {
            pegs[f.to].push(pegs[f.from].top());
            pegs[f.from].pop();
            continue;
        }
        work.push_back({f.n - 1, f.via, f.to, f.from});
        work.push_back({-1, f.from, f.to, f.via});
        work.push_back({f.n - 1, f.from, f.via, f.to});
    }
    std::cout << "Iterative 3-disk result: peg sizes " << pegs[0].size() << ' ' << pegs[1].size() << ' ' << pegs[2].size() << ", top of C = " << pegs[2].top() << '\n';
    return 0;
}
