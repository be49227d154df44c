public class Main {
    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static void main(String[] args) {
        String[][] pairs = {{"kitten", "sitting"}, {"flaw", "lawn"}, {"intention", "execution"}, {"", "abc"}, {"same", "same"}};
        for (String[] p : pairs) {
            System.out.println(p[0] + " -> " + p[1] + ": " + levenshtein(p[0], p[1]));
        }
        String[] dictionary = {"apple", "apply", "ample", "maple", "angle", "appeal"};
        String typo = "appel";
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String w : dictionary) {
            int d = levenshtein(typo, w);
            System.out.println("  distance(" + typo + ", " + w + ") = " + d);
            if (d < bestDist) {
                bestDist = d;
                best = w;
            }
        }
        System.out.println("Did you mean: " + best + "?");
    }
}
