public class Main {
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i;
            while (j < s.length() && s.charAt(j) == c) j++;
            sb.append(j - i).append(c);
            i = j;
        }
        return sb.toString();
    }

    static String decode(String s) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                count = count * 10 + (c - '0');
            } else {
                sb.append(String.valueOf(c).repeat(count));
                count = 0;
            }
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        String[] inputs = {"AAAABBBCCDAA", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "abc", "", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"};
        for (String in : inputs) {
            String enc = encode(in);
            String dec = decode(enc);
            System.out.println("'" + in + "'");
            System.out.println("  encoded: " + enc);
            System.out.println("  round trip ok: " + dec.equals(in) + ", ratio " + (in.isEmpty() ? "n/a" : String.format("%.2f", (double) enc.length() / in.length())));
        }
    }
}
