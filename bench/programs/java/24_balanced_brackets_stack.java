import java.util.ArrayDeque;
import java.util.Deque;

public class Main {
    static class Stack<T> {
        private final Deque<T> items = new ArrayDeque<>();
        void push(T item) { items.push(item); }
        T pop() { return items.pop(); }
        T peek() { return items.peek(); }
        boolean isEmpty() { return items.isEmpty(); }
        int size() { return items.size(); }
    }

    static String check(String s) {
        Stack<Character> stack = new Stack<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                stack.push(c);
            } else if (c == ')' || c == ']' || c == '}') {
                if (stack.isEmpty()) return "unexpected '" + c + "' at " + i;
                char open = stack.pop();
                if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}')) {
                    return "mismatch '" + open + "' vs '" + c + "' at " + i;
                }
            }
        }
        return stack.isEmpty() ? "balanced" : stack.size() + " unclosed";
    }

    public static void main(String[] args) {
        String[] tests = {"()", "([]{})", "{[()()]}", "(]", "((())", "())", "int f(int[] a) { return a[0]; }", ""};
        for (String t : tests) {
            System.out.printf("%-35s %s%n", "\"" + t + "\"", check(t));
        }
    }
}
