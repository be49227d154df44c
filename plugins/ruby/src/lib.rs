//! The Ruby language plugin: the image's `ruby`, with gems installed into
//! the work dir.
//!
//! - setup: none. Gems go into `<workdir>/.gems`, which `gem install`
//!   creates on first use, so installing works the same whether or not
//!   setup was skipped;
//! - install: `gem install --no-document` with `GEM_HOME=<workdir>/.gems`
//!   (executables in `<workdir>/.gems/bin`, the spec cache in
//!   `<workdir>/.cache/gem`); a gem name, optionally with `:VERSION` or
//!   `:REQUIREMENT` (`rake:13.0.6`, `rack:~>2.2`), RubyGems' own per-gem
//!   version syntax. Gems the image already has satisfy dependencies (an
//!   `--install-dir` install would ignore them and download them again);
//! - run: writes `.runs/<run-id>/main.rb` and runs it with `ruby -E UTF-8`
//!   (UTF-8 I/O whatever the image's locale) and standard output flushed as
//!   it is written, as on a terminal;
//! - gem visibility: every step gets `GEM_PATH=<workdir>/.gems:/usr/local/bundle:`.
//!   The session's gems come first; the trailing `:` makes RubyGems append
//!   its default path (Debian's and Ruby's own gem directories); runs keep
//!   the image's `GEM_HOME`, which RubyGems always searches; and
//!   `/usr/local/bundle`, the `GEM_HOME` of the official Docker images, stays
//!   visible to `gem install`, whose `GEM_HOME` is the session's;
//! - imports: `require`, `require_relative` and `load` of a string literal,
//!   as written, ignoring comments, `=begin`/`=end`, strings, heredocs,
//!   percent literals and regular expressions;
//! - strip-comments: `#` comments and `=begin`/`=end` blocks blanked, by the
//!   same lexer (`lexer.rs`), so `"#{x}"`, heredoc bodies and the data after
//!   `__END__` stay.

mod gem;
mod imports;
mod lexer;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The Ruby plugin.
pub struct Ruby;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap ruby` builds an equivalent from Debian packages
/// (bookworm ships Ruby 3.1).
pub const DEFAULT_IMAGE: &str = "ruby:3.1-slim-bookworm";

/// The session's gem directory.
fn gems(ctx: &Context) -> String {
    format!("{}/.gems", ctx.workdir.trim_end_matches('/'))
}

/// `GEM_PATH` that puts the session's gems first and keeps the image's visible.
fn gem_path(ctx: &Context) -> String {
    format!("{}:{OFFICIAL_IMAGE_GEM_HOME}:", gems(ctx))
}

/// Where the official Docker Ruby images install gems (their `GEM_HOME`).
const OFFICIAL_IMAGE_GEM_HOME: &str = "/usr/local/bundle";

impl LanguagePlugin for Ruby {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "ruby".into(),
            aliases: vec!["rb".into()],
            extensions: vec!["rb".into()],
            default_image: DEFAULT_IMAGE.into(),
            debian_packages: ["ruby", "ca-certificates"].map(String::from).to_vec(),
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Ruby with gems installed into the work dir".into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: false,
                interactive: false,
                plots: false,
            },
        }
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        // No setup is needed: `gem install` creates the gem directory, so
        // installing works with setup skipped too.
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            gem::check(p)?;
        }
        let gems = gems(&ctx);
        let mut argv: Vec<String> = [
            "gem",
            "install",
            "--no-document",
            "--bindir",
            &format!("{gems}/bin"),
        ]
        .map(String::from)
        .to_vec();
        argv.extend(packages);
        let spec_cache = format!("{}/.cache/gem/specs", ctx.workdir.trim_end_matches('/'));
        Ok(vec![
            Step::new(StepKind::Install, argv)
                .env("GEM_HOME", gems)
                .env("GEM_PATH", gem_path(&ctx))
                .env("GEM_SPEC_CACHE", spec_cache),
        ])
    }

    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let script = format!("{dir}/main.rb");
        let prelude = format!("{dir}/sync_stdout.rb");
        let mut argv = vec![
            "ruby".to_string(),
            "-E".to_string(),
            "UTF-8".to_string(),
            "-r".to_string(),
            format!("{}/{prelude}", ctx.workdir.trim_end_matches('/')),
            script.clone(),
        ];
        argv.extend(request.args);
        Ok(Plan {
            files: vec![
                File::text(script, request.code),
                File::text(prelude, "$stdout.sync = true\n"),
            ],
            steps: vec![Step::new(StepKind::Run, argv).env("GEM_PATH", gem_path(&ctx))],
        })
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::scan(&code)
    }

    fn strip_comments(code: String) -> String {
        lexer::strip_comments(&code)
    }
}

export_language!(Ruby);

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

    fn req(id: &str) -> RunRequest {
        RunRequest {
            code: "puts 1".into(),
            run_id: id.into(),
            args: vec!["a".into(), "b c".into()],
            plots: None,
        }
    }

    #[test]
    fn describe_names_the_language_its_image_and_bootstrap_packages() {
        let info = Ruby::describe();
        assert_eq!(info.name, "ruby");
        assert_eq!(info.aliases, ["rb"]);
        assert_eq!(info.extensions, ["rb"]);
        assert_eq!(info.default_image, "ruby:3.1-slim-bookworm");
        assert!(info.debian_packages.iter().any(|p| p == "ruby"));
        assert!(info.debian_packages.iter().any(|p| p == "ca-certificates"));
        assert!(info.capabilities.install_packages);
        assert!(!info.capabilities.environment_setup);
        assert!(Ruby::setup(ctx(true)).unwrap().is_empty());
    }

    #[test]
    fn run_writes_the_script_and_runs_it_with_utf8_io_and_session_gems() {
        let plan = Ruby::run(ctx(true), req("r1")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r1/main.rb");
        assert_eq!(plan.files[0].contents, b"puts 1");
        assert_eq!(plan.files[1].path, ".runs/r1/sync_stdout.rb");
        assert_eq!(plan.steps.len(), 1);
        assert!(matches!(plan.steps[0].kind, StepKind::Run));
        assert_eq!(
            plan.steps[0].argv,
            [
                "ruby",
                "-E",
                "UTF-8",
                "-r",
                "/sandbox/.runs/r1/sync_stdout.rb",
                ".runs/r1/main.rb",
                "a",
                "b c"
            ]
        );
        assert_eq!(
            plan.steps[0].env,
            [(
                "GEM_PATH".to_string(),
                "/sandbox/.gems:/usr/local/bundle:".to_string()
            )]
        );
    }

    #[test]
    fn run_ids_that_are_not_lower_case_alphanumeric_are_refused() {
        for id in ["", "../x", "R1", "a/b"] {
            let err = Ruby::run(ctx(true), req(id)).unwrap_err();
            assert!(matches!(err, PluginError::InvalidInput(_)), "{id}");
        }
    }

    #[test]
    fn install_puts_gems_in_the_work_dir_even_without_setup() {
        for setup_done in [true, false] {
            let steps =
                Ruby::install(ctx(setup_done), vec!["rake".into(), "rack:~>2.2".into()]).unwrap();
            assert_eq!(steps.len(), 1);
            assert!(matches!(steps[0].kind, StepKind::Install));
            assert_eq!(
                steps[0].argv,
                [
                    "gem",
                    "install",
                    "--no-document",
                    "--bindir",
                    "/sandbox/.gems/bin",
                    "rake",
                    "rack:~>2.2"
                ]
            );
            assert_eq!(
                steps[0].env,
                [
                    ("GEM_HOME".to_string(), "/sandbox/.gems".to_string()),
                    (
                        "GEM_PATH".to_string(),
                        "/sandbox/.gems:/usr/local/bundle:".to_string()
                    ),
                    (
                        "GEM_SPEC_CACHE".to_string(),
                        "/sandbox/.cache/gem/specs".to_string()
                    )
                ]
            );
        }
    }

    #[test]
    fn install_of_nothing_has_no_steps() {
        assert!(Ruby::install(ctx(true), vec![]).unwrap().is_empty());
    }

    #[test]
    fn install_refuses_injection_and_names_the_offending_gem() {
        let err = Ruby::install(ctx(true), vec!["rake".into(), "x; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "x; rm -rf /"));
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_literals_lines_and_columns() {
        let code = "require 'open3' # system('ls')\n=begin\n`rm -rf /`\n=end\nputs \"#{1} # not a comment\", <<~EOS\n  # nor this\nEOS\n";
        let expected = code
            .replace("# system('ls')", &" ".repeat(14))
            .replace("=begin\n`rm -rf /`\n=end", "      \n          \n    ");
        assert_eq!(Ruby::strip_comments(code.into()), expected);
    }
}
