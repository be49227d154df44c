#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <vector>

struct Employee {
    std::string name;
    std::string dept;
    int salary;
    int age;
};

int main() {
    std::vector<Employee> staff = {{"Ann", "Engineering", 120000, 34}, {"Ben", "Engineering", 95000, 28},
                                   {"Cid", "Sales", 60000, 45},        {"Dee", "Sales", 72000, 31},
                                   {"Eve", "Marketing", 80000, 39},    {"Fay", "Engineering", 105000, 41}};

    std::vector<int> squares(10);
    std::iota(squares.begin(), squares.end(), 1);
    std::transform(squares.begin(), squares.end(), squares.begin(), [](int x) { return x * x; });
    std::cout << "squares:";
    for (int s : squares) std::cout << ' ' << s;
    std::cout << '\n';
    int evenSum = std::accumulate(squares.begin(), squares.end(), 0, [](int acc, int x) { return x % 2 == 0 ? acc + x : acc; });
    std::cout << "even squares sum: " << evenSum << '\n';

    std::vector<std::string> seniors;
    for (const auto& e : staff)
        if (e.age >= 35) seniors.push_back(e.name);
    std::sort(seniors.begin(), seniors.end());
    std::cout << "age >= 35:";
    for (const auto& s : seniors) std::cout << ' ' << s;
    std::cout << '\n';

    std::map<std::string, std::vector<int>> byDept;
    for (const auto& e : staff) byDept[e.dept].push_back(e.salary);
    std::cout << std::fixed << std::setprecision(2);
    for (const auto& [dept, salaries] : byDept) {
        double avg = std::accumulate(salaries.begin(), salaries.end(), 0.0) / static_cast<double>(salaries.size());
        std::cout << "avg salary " << std::left << std::setw(12) << dept << ' ' << avg << '\n';
    }
    long long payroll = std::accumulate(staff.begin(), staff.end(), 0LL, [](long long acc, const Employee& e) { return acc + e.salary; });
    std::cout << "payroll: " << payroll << '\n';
    auto top = std::max_element(staff.begin(), staff.end(), [](const auto& a, const auto& b) { return a.salary < b.salary; });
    std::cout << "top earner: " << top->name << '\n';
    auto engineers = std::count_if(staff.begin(), staff.end(), [](const auto& e) { return e.dept == "Engineering"; });
    std::cout << "engineers: " << engineers << '\n';
    bool allAdults = std::all_of(staff.begin(), staff.end(), [](const auto& e) { return e.age >= 18; });
    std::cout << "all adults: " << std::boolalpha << allAdults << '\n';
    std::stable_sort(staff.begin(), staff.end(), [](const auto& a, const auto& b) { return a.age < b.age; });
    std::cout << "by age:";
    for (const auto& e : staff) std::cout << ' ' << e.name << '(' << e.age << ')';
    std::cout << '\n';
    std::vector<int> v = {5, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    std::cout << "unique sorted:";
    for (int x : v) std::cout << ' ' << x;
    std::cout << '\n';
    return 0;
}
