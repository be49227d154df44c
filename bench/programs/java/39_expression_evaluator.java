import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

public class Main {
    // Recursive-descent parser: expr = term (('+'|'-') term)*, term = factor (('*'|'/') factor)*,
    // factor = number | '(' expr ')' | '-' factor, with '^' as right-associative power.
    static class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s.replace(" ", ""); }

        double parse() {
            double v = expr();
            if (pos != s.length()) throw new IllegalArgumentException("unexpected '" + s.charAt(pos) + "' at " + pos);
            return v;
        }

        private double expr() {
            double v = term();
            while (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                char op = s.charAt(pos++);
                double r = term();
                v = op == '+' ? v + r : v - r;
            }
            return v;
        }

        private double term() {
            double v = power();
            while (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                char op = s.charAt(pos++);
                double r = power();
                if (op == '/' && r == 0) throw new ArithmeticException("division by zero");
                v = op == '*' ? v * r : v / r;
            }
            return v;
        }

        private double power() {
            double base = factor();
            if (pos < s.length() && s.charAt(pos) == '^') {
                pos++;
                return Math.pow(base, power());
            }
            return base;
        }

        private double factor() {
            if (pos >= s.length()) throw new IllegalArgumentException("unexpected end");
            char c = s.charAt(pos);
            if (c == '-') { pos++; return -factor(); }
            if (c == '(') {
                pos++;
                double v = expr();
                if (pos >= s.length() || s.charAt(pos) != ')') throw new IllegalArgumentException("missing )");
                pos++;
                return v;
            }
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
            if (start == pos) throw new IllegalArgumentException("unexpected '" + c + "' at " + pos);
            return Double.parseDouble(s.substring(start, pos));
        }
    }

    static List<String> toRpn(String expr) {
        List<String> out = new ArrayList<>();
        Deque<Character> ops = new ArrayDeque<>();
        String prec = "+-*/";
        for (String tok : expr.split(" ")) {
            char c = tok.charAt(0);
            if (Character.isDigit(c)) out.add(tok);
            else if (c == '(') ops.push(c);
            else if (c == ')') {
                while (ops.peek() != '(') out.add(String.valueOf(ops.pop()));
                ops.pop();
            } else {
                while (!ops.isEmpty() && ops.peek() != '(' && prec.indexOf(ops.peek()) / 2 >= prec.indexOf(c) / 2) {
                    out.add(String.valueOf(ops.pop()));
                }
                ops.push(c);
            }
        }
        while (!ops.isEmpty()) out.add(String.valueOf(ops.pop()));
        return out;
    }

    public static void main(String[] args) {
        String[] exprs = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-(4 - 6) * 2.5", "10 / 4 - 1", "((7))", "1 / 0", "3 + * 4", "(2 + 3"};
        for (String e : exprs) {
            try {
                System.out.println(e + " = " + new Parser(e).parse());
            } catch (RuntimeException ex) {
                System.out.println(e + " -> error: " + ex.getMessage());
            }
        }
        System.out.println("RPN of '3 + 4 * 2 / ( 1 - 5 )': " + String.join(" ", toRpn("3 + 4 * 2 / ( 1 - 5 )")));
    }
}
