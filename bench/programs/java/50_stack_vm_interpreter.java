import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Main {
    enum Op { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, JMP, JZ, PRINT, HALT }

    record Instr(Op op, String arg) {
        static Instr parse(String line) {
            String[] parts = line.trim().split("\\s+");
            return new Instr(Op.valueOf(parts[0].toUpperCase()), parts.length > 1 ? parts[1] : null);
        }
    }

    static class VM {
        private final List<Instr> program;
        private final Map<String, Integer> labels;
        private final Deque<Long> stack = new ArrayDeque<>();
        private final Map<String, Long> vars = new HashMap<>();
        int executed = 0;

        VM(List<Instr> program, Map<String, Integer> labels) {
            this.program = program;
            this.labels = labels;
        }

        void run() {
            int pc = 0;
            while (pc < program.size()) {
                Instr in = program.get(pc++);
                executed++;
                switch (in.op()) {
                    case PUSH -> stack.push(Long.parseLong(in.arg()));
                    case LOAD -> stack.push(vars.getOrDefault(in.arg(), 0L));
                    case STORE -> vars.put(in.arg(), stack.pop());
                    case ADD, SUB, MUL, DIV, MOD, LT -> {
                        long b = stack.pop(), a = stack.pop();
                        stack.push(switch (in.op()) {
                            case ADD -> a + b;
                            case SUB -> a - b;
                            case MUL -> a * b;
                            case DIV -> a / b;
                            case MOD -> a % b;
                            default -> a < b ? 1L : 0L;
                        });
                    }
                    case JMP -> pc = labels.get(in.arg());
                    case JZ -> { if (stack.pop() == 0) pc = labels.get(in.arg()); }
                    case PRINT -> System.out.println(in.arg() == null ? String.valueOf(stack.pop()) : in.arg() + " = " + vars.get(in.arg()));
                    case HALT -> pc = program.size();
                }
            }
        }
    }

    static VM assemble(String source) {
        List<Instr> program = new java.util.ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        for (String raw : source.split("\n")) {
            String line = raw.contains(";") ? raw.substring(0, raw.indexOf(';')) : raw;
            line = line.trim();
            if (line.isEmpty()) continue;
            if (line.endsWith(":")) labels.put(line.substring(0, line.length() - 1), program.size());
            else program.add(Instr.parse(line));
        }
        return new VM(program, labels);
    }

    public static void main(String[] args) {
        String factorials = """
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
                """;
        VM vm = assemble(factorials);
        vm.run();
        System.out.println("instructions executed: " + vm.executed);

        String gcd = """
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
                """;
        VM vm2 = assemble(gcd);
        vm2.run();
        System.out.println("instructions executed: " + vm2.executed);
    }
}
