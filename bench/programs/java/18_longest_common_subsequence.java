public class Main {
    static String lcs(String a, String b) {
        int[][] dp = new int[a.length() + 1][b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                if (a.charAt(i - 1) == b.charAt(j - 1)) dp[i][j] = dp[i - 1][j - 1] + 1;
                else dp[i][j] = Math.max(dp[i - 1][j], dp[i][j - 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = a.length(), j = b.length();
        while (i > 0 && j > 0) {
            if (a.charAt(i - 1) == b.charAt(j - 1)) {
                sb.append(a.charAt(i - 1));
                i--;
                j--;
            } else if (dp[i - 1][j] >= dp[i][j - 1]) {
                i--;
            } else {
                j--;
            }
        }
        return sb.reverse().toString();
    }

    public static void main(String[] args) {
        String[][] pairs = {
                {"ABCBDAB", "BDCABA"},
                {"AGGTAB", "GXTXAYB"},
                {"kitten", "sitting"},
                {"dynamic", "programming"},
                {"abc", "xyz"}
        };
        for (String[] p : pairs) {
            String r = lcs(p[0], p[1]);
            System.out.println("LCS(" + p[0] + ", " + p[1] + ") = \"" + r + "\" length " + r.length());
        }
    }
}
