#include <functional>
#include <iostream>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

struct Task {
    std::string name;
    int priority;
    int order;
};

struct TaskCompare {
    bool operator()(const Task& a, const Task& b) const {
        if (a.priority != b.priority) return a.priority < b.priority;  // higher priority first
        return a.order > b.order;                                       // then FIFO
    }
};

int main() {
    std::priority_queue<Task, std::vector<Task>, TaskCompare> queue;
    const std::vector<std::pair<std::string, int>> tasks = {{"write docs", 2}, {"fix bug", 5}, {"deploy", 3}, {"code review", 3},
                                                            {"lunch", 1},      {"refactor", 2}, {"hotfix", 5}};
    for (size_t i = 0; i < tasks.size(); ++i) queue.push({tasks[i].first, tasks[i].second, static_cast<int>(i)});
    std::cout << "Processing " << queue.size() << " tasks:\n";
    for (int step = 1; !queue.empty(); ++step) {
        const Task& t = queue.top();
        std::cout << "  " << step << ". " << t.name << "(p" << t.priority << ")\n";
        queue.pop();
    }

    std::vector<int> nums = {15, 3, 99, 42, 7, 64, 23, 88, 1, 56};
    std::priority_queue<int, std::vector<int>, std::greater<int>> minHeap;
    for (int n : nums) {
        minHeap.push(n);
        if (minHeap.size() > 3) minHeap.pop();
    }
    std::vector<int> top;
    while (!minHeap.empty()) {
        top.insert(top.begin(), minHeap.top());
        minHeap.pop();
    }
    std::cout << "top 3:";
    for (int t : top) std::cout << ' ' << t;
    std::cout << '\n';

    std::vector<std::vector<int>> lists = {{1, 4, 9}, {2, 3, 10}, {5, 6, 7, 8}};
    using Entry = std::tuple<int, size_t, size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
    for (size_t i = 0; i < lists.size(); ++i) heap.emplace(lists[i][0], i, 0);
    std::cout << "k-way merge:";
    while (!heap.empty()) {
        auto [v, li, idx] = heap.top();
        heap.pop();
        std::cout << ' ' << v;
        if (idx + 1 < lists[li].size()) heap.emplace(lists[li][idx + 1], li, idx + 1);
    }
    std::cout << '\n';
    return 0;
}
