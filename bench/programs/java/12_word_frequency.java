import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    public static void main(String[] args) {
        String text = "The quick brown fox jumps over the lazy dog. The dog barks; the fox runs. "
                + "A quick brown dog? No, a quick red fox!";
        Map<String, Integer> counts = new TreeMap<>();
        for (String raw : text.toLowerCase().split("[^a-z]+")) {
            if (raw.isEmpty()) continue;
            counts.merge(raw, 1, Integer::sum);
        }
        System.out.println("Distinct words: " + counts.size());
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue() != a.getValue().intValue()
                ? b.getValue() - a.getValue()
                : a.getKey().compareTo(b.getKey()));
        System.out.println("Top 5:");
        for (int i = 0; i < 5 && i < entries.size(); i++) {
            Map.Entry<String, Integer> e = entries.get(i);
            System.out.printf("  %-6s %d%n", e.getKey(), e.getValue());
        }
        System.out.println("All: " + counts);
    }
}
