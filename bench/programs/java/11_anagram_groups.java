import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    static String key(String word) {
        char[] chars = word.toLowerCase().toCharArray();
        Arrays.sort(chars);
        return new String(chars);
    }

    static boolean areAnagrams(String a, String b) {
        return key(a.replace(" ", "")).equals(key(b.replace(" ", "")));
    }

    public static void main(String[] args) {
        String[] words = {"listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog", "god", "bird"};
        Map<String, List<String>> groups = new TreeMap<>();
        for (String w : words) {
            groups.computeIfAbsent(key(w), k -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            System.out.println(e.getKey() + ": " + e.getValue());
        }
        System.out.println("Dormitory / Dirty room: " + areAnagrams("Dormitory", "Dirty room"));
        System.out.println("Hello / World: " + areAnagrams("Hello", "World"));
    }
}
