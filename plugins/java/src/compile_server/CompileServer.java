// The compile server of the llm-sandbox Java plugin ("warm starts").
//
// Started once per session, in the work dir, from its class files (built
// from this file with `javac --release 11 -d . CompileServer.java` in this
// directory, and committed: a test checks that they are what javac makes of
// this source). Each request is a
// compile step of the plugin's plans (`javac -J... OPTIONS FILES`), run
// in-process by the JDK's own compiler (javax.tools), which is what the
// `javac` command runs too: same options, same class files, same
// diagnostics on standard error, same exit code. Only the JVM around the
// compiler is not started anew (the `-J` options are for that JVM, and
// are dropped).
//
// Requests arrive on descriptor 3 ("<id> <length>\n", then <length> bytes
// of JSON: {"argv": ["javac", ...], "env": [[k, v]...], "workdir": DIR});
// answers leave on descriptor 4, one JSON object per line:
// {"id":N,"status":"started"} then {"id":N,"status":"exited","code":C}, or
// {"id":N,"status":"unsupported","message":"..."}. A step this server cannot run exactly as a fresh
// `javac` would (another work dir, an option outside the plugin's own, a
// variable the compiler or its JVM reads set to another value) is answered
// `unsupported`, and the host runs the `javac` command instead.

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.Pattern;
import javax.tools.*;

public class CompileServer {
    /** Variables javac or its JVM reads when they start. */
    static final Pattern AT_START = Pattern.compile(
        "JDK_JAVAC_OPTIONS|JDK_JAVA_OPTIONS|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|CLASSPATH|JAVA_HOME"
        + "|LANG|LANGUAGE|LC_.*|TZ|HOME|TMPDIR|LD_.*|MALLOC_.*");

    /** javac options the plugin's plans use, with whether each takes a value. */
    static final Map<String, Boolean> OPTIONS = Map.of(
        "-encoding", true, "-d", true, "-proc:none", false, "-nowarn", false,
        "-g", false, "-parameters", false);

    static final class Unsupported extends Exception {
        Unsupported(String message) { super(message); }
    }

    public static void main(String[] args) throws IOException {
        // Each of these makes the `javac` command print or do something of
        // its own at every start: such a sandbox compiles with the command.
        for (String name : List.of("JDK_JAVAC_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
            if (System.getenv(name) != null) {
                System.err.println(name + " is set: compiles run the javac command");
                System.exit(3);
            }
        }
        // The server stays resident (130-180 MB) beside the programs: a
        // sandbox with a small memory limit keeps it for them. The JVM's
        // default heap is a quarter of the limit: under 200 MB, the limit
        // is under about 800 MB.
        if (Runtime.getRuntime().maxMemory() < (200L << 20)) {
            System.err.println("the memory limit is too small for a compile server");
            System.exit(3);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.err.println("no Java compiler in this JVM");
            System.exit(3);
        }
        // The class path javac uses when none is given, as the `javac`
        // command sets it up: $CLASSPATH when set, else the work dir (not
        // this server's own class path).
        System.setProperty("application.home", System.getProperty("java.home"));
        if (System.getenv("CLASSPATH") != null) {
            System.setProperty("env.class.path", System.getenv("CLASSPATH"));
        }
        String here = Paths.get("").toAbsolutePath().toString();
        DataInputStream requests = new DataInputStream(
            new BufferedInputStream(new FileInputStream("/dev/fd/3")));
        OutputStream answers = new FileOutputStream("/dev/fd/4");
        answer(answers, "0", "ready", "");
        while (true) {
            String header = line(requests);
            if (header == null) System.exit(0);
            String[] parts = header.split(" ", -1);
            if (parts.length != 2 || !parts[0].matches("[0-9]{1,15}")
                    || !parts[1].matches("[0-9]{1,9}")) {
                System.exit(2);
            }
            byte[] body = new byte[Integer.parseInt(parts[1])];
            try {
                requests.readFully(body);
            } catch (EOFException e) {
                System.exit(2);
            }
            String id = parts[0];
            List<String> options;
            try {
                options = prepare(new String(body, StandardCharsets.UTF_8), here);
            } catch (Unsupported e) {
                answer(answers, id, "unsupported", ",\"message\":" + quote(e.getMessage()));
                continue;
            }
            answer(answers, id, "started", "");
            int code = javac.run(InputStream.nullInputStream(), System.out, System.err,
                options.toArray(new String[0]));
            System.out.flush();
            System.err.flush();
            answer(answers, id, "exited", ",\"code\":" + code);
        }
    }

    /** The compiler's arguments for a request, or why it cannot be served. */
    @SuppressWarnings("unchecked")
    static List<String> prepare(String body, String here) throws Unsupported {
        Object parsed;
        try {
            parsed = new Json(body).document();
        } catch (RuntimeException e) {
            throw new Unsupported("bad request: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) throw new Unsupported("bad request: not an object");
        Map<String, Object> request = (Map<String, Object>) parsed;
        List<String> argv = strings(request.get("argv"));
        Object workdir = request.get("workdir");
        if (!(workdir instanceof String) || !Paths.get((String) workdir).isAbsolute()) {
            throw new Unsupported("bad request: no absolute work dir");
        }
        if (!Paths.get((String) workdir).normalize().toString().equals(here)) {
            throw new Unsupported("the work dir is not the server's");
        }
        Object env = request.get("env");
        for (Object pair : env == null ? List.of() : (List<Object>) env) {
            List<String> kv = strings(pair);
            if (kv.size() != 2) throw new Unsupported("bad request: an environment entry is not a pair");
            if (AT_START.matcher(kv.get(0)).matches() && !kv.get(1).equals(System.getenv(kv.get(0)))) {
                throw new Unsupported("`" + kv.get(0) + "` differs from the server's");
            }
        }
        if (argv.isEmpty() || !argv.get(0).equals("javac")) throw new Unsupported("not `javac`");
        List<String> options = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("-J")) continue;
            if (a.startsWith("-")) {
                Boolean takesValue = OPTIONS.get(a);
                if (takesValue == null) throw new Unsupported("option " + a);
                options.add(a);
                if (takesValue) {
                    if (++i == argv.size()) throw new Unsupported("option " + a + " without its value");
                    options.add(argv.get(i));
                }
            } else if (a.endsWith(".java")) {
                options.add(a);
            } else {
                throw new Unsupported("argument " + a);
            }
        }
        return options;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) throws Unsupported {
        if (!(value instanceof List)) throw new Unsupported("bad request: a list of strings was expected");
        for (Object s : (List<Object>) value) {
            if (!(s instanceof String)) throw new Unsupported("bad request: a list of strings was expected");
        }
        return (List<String>) value;
    }

    /** One line of the control channel (ASCII), or null at its end. */
    static String line(DataInputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) return s.length() == 0 ? null : s.toString();
            if (b == '\n') return s.toString();
            if (s.length() > 64) System.exit(2);
            s.append((char) b);
        }
    }

    static void answer(OutputStream out, String id, String status, String extra) throws IOException {
        String line = "{\"id\":" + id + ",\"status\":\"" + status + "\"" + extra + "}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    /** A small JSON reader: objects, arrays, strings, numbers, literals. */
    static final class Json {
        final String text;
        int pos;

        Json(String text) { this.text = text; }

        Object document() {
            Object v = value(0);
            space();
            if (pos != text.length()) throw new IllegalArgumentException("trailing text");
            return v;
        }

        void space() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) pos++;
        }

        char next() {
            space();
            if (pos >= text.length()) throw new IllegalArgumentException("ends early");
            return text.charAt(pos);
        }

        void expect(char c) {
            if (next() != c) throw new IllegalArgumentException("expected " + c);
            pos++;
        }

        Object value(int depth) {
            if (depth > 16) throw new IllegalArgumentException("nested too deeply");
            char c = next();
            if (c == '{') {
                pos++;
                Map<String, Object> out = new HashMap<>();
                if (next() == '}') { pos++; return out; }
                while (true) {
                    if (next() != '"') throw new IllegalArgumentException("a key was expected");
                    String key = string();
                    expect(':');
                    out.put(key, value(depth + 1));
                    if (next() == '}') { pos++; return out; }
                    expect(',');
                }
            }
            if (c == '[') {
                pos++;
                List<Object> out = new ArrayList<>();
                if (next() == ']') { pos++; return out; }
                while (true) {
                    out.add(value(depth + 1));
                    if (next() == ']') { pos++; return out; }
                    expect(',');
                }
            }
            if (c == '"') return string();
            for (String literal : new String[] {"true", "false", "null"}) {
                if (text.startsWith(literal, pos)) {
                    pos += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = pos;
            while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) pos++;
            if (start == pos) throw new IllegalArgumentException("unexpected " + c);
            return Double.valueOf(text.substring(start, pos));
        }

        String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) throw new IllegalArgumentException("unterminated string");
                char c = text.charAt(pos++);
                if (c == '"') return out.toString();
                if (c != '\\') { out.append(c); continue; }
                if (pos >= text.length()) throw new IllegalArgumentException("unterminated string");
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case '/': case '\\': case '"': out.append(e); break;
                    case 'u':
                        if (pos + 4 > text.length()) throw new IllegalArgumentException("bad escape");
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default: throw new IllegalArgumentException("bad escape");
                }
            }
        }
    }
}
