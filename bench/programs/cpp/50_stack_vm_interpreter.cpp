#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

enum class Op { Push, Load, Store, Add, Sub, Mul, Div, Mod, Lt, Jmp, Jz, Print, Halt };

struct Instr {
    Op op;
    std::string arg;
};

class VM {
public:
    explicit VM(const std::string& source) { assemble(source); }

    void run() {
        size_t pc = 0;
        while (pc < program_.size()) {
            const Instr& in = program_[pc++];
            ++executed;
            switch (in.op) {
                case Op::Push: stack_.push_back(std::stoll(in.arg)); break;
                case Op::Load: stack_.push_back(vars_[in.arg]); break;
                case Op::Store: vars_[in.arg] = pop(); break;
                case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Mod: case Op::Lt: {
                    long long b = pop(), a = pop();
                    stack_.push_back(binary(in.op, a, b));
                    break;
                }
                case Op::Jmp: pc = labels_.at(in.arg); break;
                case Op::Jz: if (pop() == 0) pc = labels_.at(in.arg); break;
                case Op::Print:
                    if (in.arg.empty()) std::cout << pop() << '\n';
                    else std::cout << in.arg << " = " << vars_[in.arg] << '\n';
                    break;
                case Op::Halt: pc = program_.size(); break;
            }
        }
    }
    long executed = 0;

private:
    static long long binary(Op op, long long a, long long b) {
        switch (op) {
            case Op::Add: return a + b;
            case Op::Sub: return a - b;
            case Op::Mul: return a * b;
            case Op::Div: if (b == 0) throw std::runtime_error("division by zero"); return a / b;
            case Op::Mod: if (b == 0) throw std::runtime_error("division by zero"); return a % b;
            default: return a < b ? 1 : 0;
        }
    }
    long long pop() {
        if (stack_.empty()) throw std::runtime_error("stack underflow");
        long long v = stack_.back();
        stack_.pop_back();
        return v;
    }
    void assemble(const std::string& source) {
        static const std::map<std::string, Op> ops = {{"push", Op::Push}, {"load", Op::Load}, {"store", Op::Store}, {"add", Op::Add},
                                                      {"sub", Op::Sub},   {"mul", Op::Mul},   {"div", Op::Div},     {"mod", Op::Mod},
                                                      {"lt", Op::Lt},     {"jmp", Op::Jmp},   {"jz", Op::Jz},       {"print", Op::Print},
                                                      {"halt", Op::Halt}};
        std::istringstream in(source);
        std::string line;
        while (std::getline(in, line)) {
            if (auto semi = line.find(';'); semi != std::string::npos) line.erase(semi);
            std::istringstream ls(line);
            std::string word, arg;
            if (!(ls >> word)) continue;
            if (word.back() == ':') {
                labels_[word.substr(0, word.size() - 1)] = program_.size();
                continue;
            }
            ls >> arg;
            program_.push_back({ops.at(word), arg});
        }
    }

    std::vector<Instr> program_;
    std::map<std::string, size_t> labels_;
    std::vector<long long> stack_;
    std::map<std::string, long long> vars_;
};

int main() {
    VM factorials(R"(
        ; print n! for n = 1..10
        push 1
        store n
        push 1
        store acc
    loop:
        load n
        push 11
        lt
        jz end
        load acc
        load n
        mul
        store acc
        load acc
        print
        load n
        push 1
        add
        store n
        jmp loop
    end:
        print acc
        halt
    )");
    factorials.run();
    std::cout << "instructions executed: " << factorials.executed << '\n';

    VM gcd(R"(
        push 1071
        store a
        push 462
        store b
    top:
        load b
        jz done
        load a
        load b
        mod
        load b
        store a
        store b
        jmp top
    done:
        print a
    )");
    gcd.run();
    std::cout << "instructions executed: " << gcd.executed << '\n';

    VM broken("push 1\npush 0\ndiv\n");
    try {
        broken.run();
    } catch (const std::runtime_error& e) {
        std::cout << "runtime error: " << e.what() << '\n';
    }
    return 0;
}
