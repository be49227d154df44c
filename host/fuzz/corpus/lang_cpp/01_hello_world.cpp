#include <iostream>
#include <string>
#include <vector>

int main() {
    std::cout << "Hello, World!" << std::endl;
    std::vector<std::string> names = {"Alice", "Bob", "Carol"};
    for (const auto& name : names) {
        std::cout << "Hello, " << name << "!\n";
    }
    std::cout << "Greeted " << names.size() << " people.\n";
    return 0;
}
