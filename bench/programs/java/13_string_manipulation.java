public class Main {
    static String reverseWords(String s) {
        String[] parts = s.trim().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            sb.append(parts[i]);
            if (i > 0) sb.append(' ');
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == ' ';
        }
        return sb.toString();
    }

    static int countVowels(String s) {
        int n = 0;
        for (char c : s.toLowerCase().toCharArray()) {
            if ("aeiou".indexOf(c) >= 0) n++;
        }
        return n;
    }

    static String toSnakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    public static void main(String[] args) {
        String s = "  the Quick brown FOX   jumps  ";
        System.out.println("Original:   [" + s + "]");
        System.out.println("Trimmed:    [" + s.trim() + "]");
        System.out.println("Reversed:   [" + new StringBuilder(s.trim()).reverse() + "]");
        System.out.println("Word order: [" + reverseWords(s) + "]");
        System.out.println("Title case: [" + capitalize(s.trim().replaceAll("\\s+", " ")) + "]");
        System.out.println("Upper:      [" + s.trim().toUpperCase() + "]");
        System.out.println("Vowels:     " + countVowels(s));
        System.out.println("Contains 'brown': " + s.contains("brown"));
        System.out.println("Index of 'FOX': " + s.indexOf("FOX"));
        System.out.println("Snake case: " + toSnakeCase("parseHttpResponseCode2Xx"));
        System.out.println("Repeat:     " + "ab".repeat(4));
        System.out.println("Joined:     " + String.join("-", "2024", "01", "15"));
    }
}
