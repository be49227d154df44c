public class Main {
    static int moves = 0;

    static void hanoi(int n, char from, char to, char via, boolean print) {
        if (n == 0) return;
        hanoi(n - 1, from, via, to, print);
        moves++;
        if (print) System.out.println("Move disk " + n + " from " + from + " to " + to);
        hanoi(n - 1, via, to, from, print);
    }

    public static void main(String[] args) {
        hanoi(4, 'A', 'C', 'B', true);
        System.out.println("Total moves for 4 disks: " + moves);
        for (int n = 1; n <= 20; n += 5) {
            moves = 0;
            hanoi(n, 'A', 'C', 'B', false);
            System.out.println(n + " disks: " + moves + " moves (2^n - 1 = " + ((1 << n) - 1) + ")");
        }
    }
}
