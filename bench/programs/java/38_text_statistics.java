import java.util.Map;
import java.util.TreeMap;

public class Main {
    public static void main(String[] args) {
        String text = """
                It was the best of times, it was the worst of times, it was the age of wisdom,
                it was the age of foolishness, it was the epoch of belief, it was the epoch of
                incredulity, it was the season of Light, it was the season of Darkness.

                It was the spring of hope, it was the winter of despair. We had everything
                before us, we had nothing before us.
                """;
        String[] lines = text.split("\n");
        int nonEmpty = 0;
        for (String l : lines) if (!l.isBlank()) nonEmpty++;
        String[] words = text.trim().split("\\s+");
        int letters = 0, upper = 0, punctuation = 0;
        for (char c : text.toCharArray()) {
            if (Character.isLetter(c)) letters++;
            if (Character.isUpperCase(c)) upper++;
            if (",.;:!?".indexOf(c) >= 0) punctuation++;
        }
        int sentences = text.split("[.!?]+\\s*").length;
        String longest = "";
        Map<Integer, Integer> lengthHist = new TreeMap<>();
        int totalLen = 0;
        for (String w : words) {
            String clean = w.replaceAll("[^A-Za-z]", "");
            if (clean.length() > longest.length()) longest = clean;
            lengthHist.merge(clean.length(), 1, Integer::sum);
            totalLen += clean.length();
        }
        System.out.println("characters: " + text.length());
        System.out.println("lines: " + lines.length + " (non-empty " + nonEmpty + ")");
        System.out.println("words: " + words.length);
        System.out.println("sentences: " + sentences);
        System.out.println("letters: " + letters + ", uppercase: " + upper + ", punctuation: " + punctuation);
        System.out.printf("average word length: %.2f%n", (double) totalLen / words.length);
        System.out.println("longest word: " + longest);
        System.out.println("word length histogram:");
        for (Map.Entry<Integer, Integer> e : lengthHist.entrySet()) {
            System.out.printf("%2d | %s %d%n", e.getKey(), "#".repeat(e.getValue()), e.getValue());
        }
    }
}
