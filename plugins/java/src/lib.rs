//! The Java language plugin.
//!
//! - setup: none; the image's JDK (`javac` and `java` 17 or later on PATH)
//!   is all a run needs, so skipping setup changes nothing;
//! - install: refused: there is no package manager for Java in the sandbox,
//!   only the JDK's standard library;
//! - run: writes `.runs/<run-id>/<Name>.java` (named after the public
//!   top-level type, as javac requires, else `Main.java`), compiles it with
//!   `javac -d .runs/<run-id>/classes` and runs the class that declares
//!   `public static void main(String[] args)` whatever the order of the
//!   classes, qualified by the file's package;
//! - compile server: a session's compiles run in one JVM that stays up
//!   (`CompileServer.java`, started in the background when the session
//!   opens), through the JDK's own compiler API: the same class files,
//!   diagnostics and exit codes as the `javac` command, in 30–60 ms instead
//!   of about 250 (the host runs `javac` itself when the server is busy,
//!   not ready, or off). The program still runs in a fresh JVM;
//! - imports: `import a.b.C;`, `import static a.b.C.m;` and `import a.b.*;`,
//!   ignoring comments, strings and text blocks;
//! - strip-comments: `//` and `/* */` comments blanked, by the same lexer
//!   (`lexer.rs`); code whose Unicode escapes change what is a comment
//!   (`// \u000a code`) is returned as it is.

mod classes;
mod imports;
mod lexer;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ForkServerSpec, ImportedModule, LanguageInfo, LanguagePlugin,
    Plan, PlotRequest, PluginError, RunRequest, Step, StepKind, export_language,
};

/// The Java plugin.
pub struct Java;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap java` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "eclipse-temurin:17-jdk";

/// JVM options for javac: a short-lived compiler starts faster with only the
/// first JIT tier and the serial collector (ignored by JVMs that lack them).
const JAVAC_JVM_OPTIONS: [&str; 3] = [
    "-J-XX:+IgnoreUnrecognizedVMOptions",
    "-J-XX:TieredStopAtLevel=1",
    "-J-XX:+UseSerialGC",
];

/// The compile server: a JVM that runs the session's compiles in-process
/// (see the source's header), started in the background when the session
/// opens. Its class files are committed beside the source (javac's output
/// is the same on every JDK 17 here; `tests/fork_server.rs` checks it), so
/// that the server is ready in about 60 ms instead of compiling itself.
const COMPILE_SERVER_CLASSES: [(&str, &[u8]); 3] = [
    (
        "CompileServer.class",
        include_bytes!("compile_server/CompileServer.class"),
    ),
    (
        "CompileServer$Json.class",
        include_bytes!("compile_server/CompileServer$Json.class"),
    ),
    (
        "CompileServer$Unsupported.class",
        include_bytes!("compile_server/CompileServer$Unsupported.class"),
    ),
];

/// Where the compile server's class files go, relative to the work dir.
const COMPILE_SERVER_DIR: &str = ".cache/java/server";

/// Options that make the JVM read and write UTF-8 whatever the image's
/// locale: `file.encoding` (the default charset, and `System.out` up to
/// Java 17), `sun.std*.encoding` (Java 17) and `std*.encoding` (Java 19+).
const UTF8_OPTIONS: [&str; 5] = [
    "-Dfile.encoding=UTF-8",
    "-Dsun.stdout.encoding=UTF-8",
    "-Dsun.stderr.encoding=UTF-8",
    "-Dstdout.encoding=UTF-8",
    "-Dstderr.encoding=UTF-8",
];

impl LanguagePlugin for Java {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "java".into(),
            aliases: Vec::new(),
            extensions: vec!["java".into()],
            default_image: DEFAULT_IMAGE.into(),
            debian_packages: ["default-jdk-headless", "ca-certificates"]
                .map(String::from)
                .to_vec(),
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Java 17 (javac + java); runs the class with main, in any order".into(),
            capabilities: Capabilities {
                install_packages: false,
                environment_setup: false,
                interactive: false,
                plots: false,
            },
        }
    }

    fn install(_ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        Err(PluginError::Unsupported(format!(
            "the Java plugin cannot install packages ({}): there is no Java package manager in \
             the sandbox and programs run with the JDK's standard library only; write the \
             code without third-party libraries",
            packages.join(", ")
        )))
    }

    fn run(_ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let layout = classes::layout(&request.code).map_err(PluginError::InvalidInput)?;
        let source = format!("{dir}/{}", layout.file_name);
        let classes = format!("{dir}/classes");
        let mut javac: Vec<String> = vec!["javac".into()];
        javac.extend(JAVAC_JVM_OPTIONS.map(String::from));
        javac.extend(
            ["-encoding", "UTF-8", "-proc:none", "-d", &classes, &source].map(String::from),
        );
        let compile = Step::new(StepKind::Compile, javac);
        let mut argv: Vec<String> = vec!["java".into()];
        argv.extend(UTF8_OPTIONS.map(String::from));
        argv.extend(["-cp".into(), classes, layout.main_class]);
        argv.extend(request.args);
        Ok(Plan {
            files: vec![File::text(source, request.code)],
            steps: vec![compile, Step::new(StepKind::Run, argv)],
        })
    }

    fn fork_server(
        _ctx: Context,
        _plots: Option<PlotRequest>,
    ) -> Result<Option<ForkServerSpec>, PluginError> {
        // Only the first JIT tier: short compiles are faster without the
        // second tier's own compiles (20 corpus programs one after the
        // other: 520 ms against 877), and the first compile, which loads
        // javac, costs less CPU (it matters when sessions open at once).
        // The serial collector: one compile at a time needs no more, and it
        // keeps the server's memory small.
        let start = Step::new(
            StepKind::Run,
            [
                "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                COMPILE_SERVER_DIR,
                "CompileServer",
            ],
        );
        let files = COMPILE_SERVER_CLASSES
            .iter()
            .map(|(name, bytes)| File {
                path: format!("{COMPILE_SERVER_DIR}/{name}"),
                contents: bytes.to_vec(),
                mode: None,
            })
            .collect();
        Ok(Some(ForkServerSpec {
            files,
            start,
            program: "javac".into(),
        }))
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::scan(&code)
    }

    fn strip_comments(code: String) -> String {
        lexer::strip_comments(&code)
    }
}

export_language!(Java);

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(setup_done: bool) -> Context {
        Context {
            workdir: "/sandbox".into(),
            setup_done,
            managed_environment: false,
        }
    }

    fn request(code: &str, run_id: &str) -> RunRequest {
        RunRequest {
            code: code.into(),
            run_id: run_id.into(),
            args: vec!["a b".into(), "--flag".into()],
            plots: None,
        }
    }

    const TYPICAL: &str = "import java.util.*;\n\nclass Solution {\n    int twice(int x) { return 2 * x; }\n}\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println(new Solution().twice(21));\n    }\n}\n";

    #[test]
    fn describe_names_java_its_image_and_debian_packages() {
        let info = Java::describe();
        assert_eq!(info.name, "java");
        assert_eq!(info.extensions, ["java"]);
        assert_eq!(info.default_image, "eclipse-temurin:17-jdk");
        assert!(
            info.debian_packages
                .contains(&"default-jdk-headless".to_string())
        );
        assert!(
            info.debian_packages
                .contains(&"ca-certificates".to_string())
        );
        assert!(!info.capabilities.install_packages);
        assert!(!info.capabilities.environment_setup);
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn run_compiles_into_a_per_run_class_dir_then_runs_the_main_class_with_args() {
        let plan = Java::run(ctx(true), request(TYPICAL, "r7")).unwrap();
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[0].path, ".runs/r7/Main.java");
        assert_eq!(plan.files[0].contents, TYPICAL.as_bytes());
        assert_eq!(plan.files[0].mode, None);
        assert_eq!(plan.steps.len(), 2);
        assert_eq!(plan.steps[0].kind, StepKind::Compile);
        assert_eq!(
            plan.steps[0].argv,
            [
                "javac",
                "-J-XX:+IgnoreUnrecognizedVMOptions",
                "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC",
                "-encoding",
                "UTF-8",
                "-proc:none",
                "-d",
                ".runs/r7/classes",
                ".runs/r7/Main.java"
            ]
        );
        let run = &plan.steps[1];
        assert_eq!(run.kind, StepKind::Run);
        assert_eq!(run.argv[0], "java");
        assert!(run.argv.contains(&"-Dfile.encoding=UTF-8".to_string()));
        assert_eq!(
            run.argv[run.argv.len() - 5..],
            ["-cp", ".runs/r7/classes", "Main", "a b", "--flag"]
        );
    }

    #[test]
    fn run_is_the_same_whether_or_not_setup_was_done() {
        let with = Java::run(ctx(true), request(TYPICAL, "r1")).unwrap();
        let without = Java::run(ctx(false), request(TYPICAL, "r1")).unwrap();
        let argv = |plan: &Plan| {
            plan.steps
                .iter()
                .map(|s| s.argv.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(argv(&with), argv(&without));
        assert!(Java::setup(ctx(true)).unwrap().is_empty());
    }

    #[test]
    fn run_names_the_file_after_the_public_class_and_qualifies_the_package() {
        let code = "package app.tools;\nclass Helper { }\npublic class Tool {\n  public static void main(String... a) { }\n}";
        let plan = Java::run(ctx(true), request(code, "r2")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r2/Tool.java");
        assert_eq!(plan.steps[0].argv.last().unwrap(), ".runs/r2/Tool.java");
        assert!(plan.steps[1].argv.contains(&"app.tools.Tool".to_string()));
    }

    #[test]
    fn run_refuses_code_without_main_and_bad_run_ids() {
        let err = Java::run(ctx(true), request("class Solution { }", "r1")).unwrap_err();
        assert!(matches!(err, PluginError::InvalidInput(m) if m.contains("main")));
        for id in ["", "../x", "R1", "a/b", "a b"] {
            let err = Java::run(ctx(true), request(TYPICAL, id)).unwrap_err();
            assert!(matches!(err, PluginError::InvalidInput(_)), "{id:?}");
        }
    }

    #[test]
    fn install_is_unsupported_and_says_why() {
        let err = Java::install(ctx(true), vec!["com.google.guava:guava".into()]).unwrap_err();
        assert!(
            matches!(&err, PluginError::Unsupported(m) if m.contains("package manager")),
            "{err:?}"
        );
        let err = Java::install(ctx(false), vec!["x; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::Unsupported(_)));
        assert!(Java::install(ctx(true), Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn the_compile_server_serves_the_compile_steps_of_run_plans() {
        let spec = Java::fork_server(ctx(true), None).unwrap().unwrap();
        let plan = Java::run(ctx(true), request(TYPICAL, "r1")).unwrap();
        assert_eq!(spec.program, plan.steps[0].argv[0]);
        assert_ne!(spec.program, plan.steps[1].argv[0]);
        assert_eq!(spec.files.len(), 3);
        assert!(
            spec.files
                .iter()
                .all(|f| f.path.starts_with(".cache/java/server/")
                    && f.contents.starts_with(&[0xca, 0xfe, 0xba, 0xbe]))
        );
        assert_eq!(spec.start.argv.last().unwrap(), "CompileServer");
        // Every option of a compile step is one the server knows.
        let source = include_str!("compile_server/CompileServer.java");
        for option in plan.steps[0].argv[1..].iter() {
            if option.starts_with('-') && !option.starts_with("-J") {
                assert!(source.contains(&format!("\"{option}\"")), "{option}");
            }
        }
    }

    #[test]
    fn imports_are_reported_in_source_order() {
        let found = Java::imports(TYPICAL.into());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].module.as_str(), found[0].line, found[0].column),
            ("java.util.*", 1, 8)
        );
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_literals_lines_and_columns() {
        let code = "import java.io.*; // Runtime.exec\n/* ProcessBuilder\n */ class A { String s = \"// not\"; String t = \"\"\"\n /* nor */\n\"\"\"; }\n";
        let expected = code
            .replace("// Runtime.exec", &" ".repeat(15))
            .replace("/* ProcessBuilder\n */", "                 \n   ");
        assert_eq!(Java::strip_comments(code.into()), expected);
    }
}
