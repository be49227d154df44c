public class Main {
    static String shift(String text, int key) {
        StringBuilder sb = new StringBuilder();
        int k = ((key % 26) + 26) % 26;
        for (char c : text.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append((char) ('A' + (c - 'A' + k) % 26));
            else if (Character.isLowerCase(c)) sb.append((char) ('a' + (c - 'a' + k) % 26));
            else sb.append(c);
        }
        return sb.toString();
    }

    static String vigenere(String text, String key, boolean encrypt) {
        StringBuilder sb = new StringBuilder();
        int j = 0;
        for (char c : text.toCharArray()) {
            if (Character.isLetter(c)) {
                int k = key.charAt(j % key.length()) - 'a';
                sb.append(shift(String.valueOf(c), encrypt ? k : -k));
                j++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static int crackCaesar(String cipher) {
        // choose the shift that makes 'e' the most common letter
        int[] freq = new int[26];
        for (char c : cipher.toLowerCase().toCharArray()) if (c >= 'a' && c <= 'z') freq[c - 'a']++;
        int best = 0;
        for (int i = 1; i < 26; i++) if (freq[i] > freq[best]) best = i;
        return ((best - ('e' - 'a')) + 26) % 26;
    }

    public static void main(String[] args) {
        String msg = "Meet me near the tree at seven, bring the secret letter!";
        String enc = shift(msg, 7);
        System.out.println("plain:    " + msg);
        System.out.println("caesar+7: " + enc);
        System.out.println("decrypt:  " + shift(enc, -7));
        int guess = crackCaesar(enc);
        System.out.println("cracked key: " + guess + " -> " + shift(enc, -guess));
        String v = vigenere("Attack at dawn", "lemon", true);
        System.out.println("vigenere: " + v + " -> " + vigenere(v, "lemon", false));
        System.out.println("rot13 twice: " + shift(shift("Hello, World", 13), 13));
    }
}
