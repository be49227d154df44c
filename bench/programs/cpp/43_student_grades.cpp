#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <vector>

enum class Grade { A, B, C, D, F };

const char* gradeName(Grade g) {
    switch (g) {
        case Grade::A: return "A";
        case Grade::B: return "B";
        case Grade::C: return "C";
        case Grade::D: return "D";
        default: return "F";
    }
}

Grade gradeOf(double score) {
    if (score >= 90) return Grade::A;
    if (score >= 80) return Grade::B;
    if (score >= 70) return Grade::C;
    if (score >= 60) return Grade::D;
    return Grade::F;
}

struct Student {
    std::string name;
    std::vector<int> scores;
    double average() const { return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size()); }
};

int main() {
    std::vector<Student> students = {{"Alice", {92, 88, 95, 79}}, {"Bob", {75, 64, 81, 70}},   {"Charlie", {58, 62, 49, 71}},
                                     {"Diana", {85, 91, 89, 94}}, {"Ethan", {66, 73, 70, 68}}, {"Fiona", {99, 97, 100, 98}}};
    std::sort(students.begin(), students.end(), [](const Student& a, const Student& b) { return a.average() > b.average(); });
    std::map<Grade, std::vector<std::string>> byGrade;
    std::printf("Rank  Name      Avg    Grade\n");
    int rank = 1;
    double sum = 0;
    for (const auto& s : students) {
        Grade g = gradeOf(s.average());
        byGrade[g].push_back(s.name);
        sum += s.average();
        std::printf("%-5d %-9s %6.2f %s\n", rank++, s.name.c_str(), s.average(), gradeName(g));
    }
    for (Grade g : {Grade::A, Grade::B, Grade::C, Grade::D, Grade::F}) {
        std::printf("%s:", gradeName(g));
        for (const auto& n : byGrade[g]) std::printf(" %s", n.c_str());
        std::printf("\n");
    }
    double classAvg = sum / static_cast<double>(students.size());
    std::printf("Class average: %.2f (%s)\n", classAvg, gradeName(gradeOf(classAvg)));
    auto best = std::max_element(students.begin(), students.end(), [](const Student& a, const Student& b) {
        return *std::max_element(a.scores.begin(), a.scores.end()) < *std::max_element(b.scores.begin(), b.scores.end());
    });
    std::printf("Highest single score by: %s\n", best->name.c_str());
    return 0;
}
