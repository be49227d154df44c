import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class Main {
    record Item(String name, int weight, int value) {}

    public static void main(String[] args) {
        List<Item> items = List.of(
                new Item("map", 9, 150), new Item("compass", 13, 35), new Item("water", 153, 200),
                new Item("sandwich", 50, 160), new Item("glucose", 15, 60), new Item("tin", 68, 45),
                new Item("banana", 27, 60), new Item("apple", 39, 40), new Item("cheese", 23, 30),
                new Item("beer", 52, 10), new Item("suntan", 11, 70), new Item("camera", 32, 30));
        int capacity = 200;
        int n = items.size();
        int[][] dp = new int[n + 1][capacity + 1];
        for (int i = 1; i <= n; i++) {
            Item it = items.get(i - 1);
            for (int w = 0; w <= capacity; w++) {
                dp[i][w] = dp[i - 1][w];
                if (it.weight() <= w) {
                    dp[i][w] = Math.max(dp[i][w], dp[i - 1][w - it.weight()] + it.value());
                }
            }
        }
        List<Item> chosen = new ArrayList<>();
        int w = capacity;
        for (int i = n; i > 0; i--) {
            if (dp[i][w] != dp[i - 1][w]) {
                Item it = items.get(i - 1);
                chosen.add(it);
                w -= it.weight();
            }
        }
        Collections.reverse(chosen);
        int totalWeight = 0;
        for (Item it : chosen) {
            System.out.println("take " + it.name() + " (w=" + it.weight() + ", v=" + it.value() + ")");
            totalWeight += it.weight();
        }
        System.out.println("Total value: " + dp[n][capacity] + ", total weight: " + totalWeight + "/" + capacity);
    }
}
