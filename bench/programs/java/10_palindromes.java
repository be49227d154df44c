public class Main {
    static boolean isPalindrome(String s) {
        String cleaned = s.toLowerCase().replaceAll("[^a-z0-9]", "");
        int i = 0, j = cleaned.length() - 1;
        while (i < j) {
            if (cleaned.charAt(i++) != cleaned.charAt(j--)) return false;
        }
        return true;
    }

    static String longestPalindrome(String s) {
        int bestStart = 0, bestLen = 0;
        for (int center = 0; center < s.length(); center++) {
            for (int odd = 0; odd < 2; odd++) {
                int l = center, r = center + odd;
                while (l >= 0 && r < s.length() && s.charAt(l) == s.charAt(r)) {
                    l--;
                    r++;
                }
                int len = r - l - 1;
                if (len > bestLen) {
                    bestLen = len;
                    bestStart = l + 1;
                }
            }
        }
        return s.substring(bestStart, bestStart + bestLen);
    }

    public static void main(String[] args) {
        String[] tests = {"racecar", "A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", "12321", ""};
        for (String t : tests) {
            System.out.println("\"" + t + "\" -> " + isPalindrome(t));
        }
        for (String t : new String[]{"babad", "forgeeksskeegfor", "abacdfgdcaba"}) {
            System.out.println("longest in " + t + ": " + longestPalindrome(t));
        }
        int count = 0;
        for (int n = 1; n <= 1000; n++) {
            if (isPalindrome(Integer.toString(n))) count++;
        }
        System.out.println("Palindromic numbers 1..1000: " + count);
    }
}
