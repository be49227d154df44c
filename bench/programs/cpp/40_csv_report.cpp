#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

std::vector<std::string> parseLine(const std::string& line) {
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    fields.push_back(cur);
    return fields;
}

int main() {
    const std::string csv =
        "date,region,product,units,unit_price\n"
        "2024-01-03,North,Widget,12,2.50\n"
        "2024-01-03,South,\"Gadget, large\",3,19.99\n"
        "2024-01-04,North,Gadget,5,12.00\n"
        "2024-01-05,East,Widget,20,2.50\n"
        "2024-01-05,South,\"The \"\"Best\"\" Widget\",1,99.00\n"
        "2024-01-06,East,Gizmo,7,7.25\n"
        "2024-01-06,North,Widget,8,2.50\n";
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    auto header = parseLine(line);
    std::printf("columns:");
    for (const auto& h : header) std::printf(" [%s]", h.c_str());
    std::printf("\n");
    std::map<std::string, double> byRegion;
    std::map<std::string, int> unitsByProduct;
    double grand = 0;
    int row = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto f = parseLine(line);
        int units = std::stoi(f[3]);
        double price = std::stod(f[4]);
        double revenue = units * price;
        grand += revenue;
        byRegion[f[1]] += revenue;
        unitsByProduct[f[2]] += units;
        std::printf("row %d: %-20s %3d x %6.2f = %7.2f\n", ++row, f[2].c_str(), units, price, revenue);
    }
    std::printf("revenue by region:\n");
    for (const auto& [r, v] : byRegion) std::printf("  %-6s %8.2f\n", r.c_str(), v);
    std::printf("units by product:\n");
    for (const auto& [p, u] : unitsByProduct) std::printf("  %-20s %d\n", p.c_str(), u);
    std::printf("grand total: %.2f\n", grand);
    return 0;
}
