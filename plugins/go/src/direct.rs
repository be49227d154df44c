//! Building a program without the go command, when nothing is lost by it.
//!
//! `go build` of a one-file program spends about a third of its time in the
//! go command itself (loading the module, planning the build, hashing)
//! before it runs the compiler and the linker. Images whose Go ships the
//! standard library precompiled (`$GOROOT/pkg/<os>_<arch>`, up to Go 1.19)
//! let the plugin run `compile` and `link` itself, with the flags and build
//! information `go build` would have used: the binary behaves the same
//! (`debug.ReadBuildInfo`, stack traces and file positions included) and a
//! compile error reads the same, header and relative paths included.
//!
//! The first program of a session always goes through `go build`, which
//! keeps its work dir that once: when it built from the precompiled
//! packages, the import configurations for the direct path are written
//! from it under `.cache/go-direct` in the work dir (every precompiled
//! package, plus the build information `go build` recorded), in a few
//! milliseconds. Later programs take the direct path when:
//!
//! - the plugin sees a plain `package main` file that imports only standard
//!   packages (no `import "C"`, no `//go:embed`, no build constraints, no
//!   `internal` or `cmd/` package, which only the go command refuses), and
//! - the configurations are ready, every import is a precompiled package,
//!   and no setting that changes what `go build` produces (`GOFLAGS` other
//!   than `-mod=mod`, `CGO_*`, `GOAMD64`, `GOEXPERIMENT`, `GOOS`, `GOARCH`,
//!   `GOROOT`, `GO111MODULE`) is set.
//!
//! Anything else goes through `go build`, as before.

use crate::imports;
use crate::lexer;

/// The compile step's script: `sh -c SCRIPT go-build CACHE SOURCE BINARY
/// MODE IMPORT…`, run in the work dir, with absolute paths. MODE is
/// `direct` when the plugin allows the direct path, else `build`.
pub const BUILD_SCRIPT: &str = r##"cache="$1" src="$2" bin="$3" mode="$4"; shift 4
plain() {
  [ -z "$CGO_ENABLED$CGO_CFLAGS$CGO_CPPFLAGS$CGO_CXXFLAGS$CGO_LDFLAGS$GOAMD64$GOEXPERIMENT$GOOS$GOARCH$GOROOT$GO111MODULE" ] &&
    [ "${GOFLAGS:--mod=mod}" = -mod=mod ]
}
[ "$mode" = direct ] && plain || exec go build -ldflags="-s -w" -o "$bin" "$src"
if [ -r "$cache/link.cfg" ] && read -r tools < "$cache/tools" &&
  awk -v want="$*" 'BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) need[w[i]] = 1 }
    /^packagefile / { p = substr($0, 13); sub(/=.*/, "", p); delete need[p] }
    END { for (p in need) exit 1 }' "$cache/compile.cfg"
then
  failed() {
    echo "# command-line-arguments" >&2
    awk -v from="${PWD%/}/" '{ while ((i = index($0, from)) > 0) $0 = substr($0, 1, i - 1) substr($0, i + length(from)); print }' "$bin.log" >&2
    rm -f "$bin.a" "$bin.log"
    exit 2
  }
  "$tools/compile" -p main -complete -importcfg "$cache/compile.cfg" -pack -o "$bin.a" "$src" > "$bin.log" 2>&1 || failed
  "$tools/link" -s -w -buildmode=exe -extld=gcc -importcfg "$cache/link.cfg" -o "$bin" "$bin.a" > "$bin.log" 2>&1 || failed
  rm -f "$bin.a" "$bin.log"
  exit 0
fi
[ -r "$cache/link.cfg" ] && exec go build -ldflags="-s -w" -o "$bin" "$src"
go build -work -ldflags="-s -w" -o "$bin" "$src" 2> "$bin.log"
status=$?
work=$(sed -n '1s/^WORK=//p' "$bin.log")
sed '1{/^WORK=/d}' "$bin.log" >&2
if [ "$status" = 0 ] && [ -r "$work/b001/importcfg.link" ]; then
  (
    set -e
    link="$work/b001/importcfg.link"
    pkg=$(sed -n 's|^packagefile runtime=\(.*\)/runtime\.a$|\1|p' "$link")
    case "$pkg" in */pkg/*_*) ;; *) exit 1 ;; esac
    tools="${pkg%/*}/tool/${pkg##*/}"
    [ -x "$tools/compile" ] && [ -x "$tools/link" ]
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/prepare.XXXXXX")
    find "$pkg" -name '*.a' | awk -v dir="$pkg/" '{ p = substr($0, length(dir) + 1); sub(/\.a$/, "", p); print "packagefile " p "=" $0 }' > "$tmp/compile.cfg"
    { cat "$tmp/compile.cfg"; grep '^modinfo ' "$link"; } > "$tmp/link.cfg"
    printf '%s\n' "$tools" > "$tmp/tools"
    mv "$tmp/compile.cfg" "$tmp/tools" "$cache/"
    mv "$tmp/link.cfg" "$cache/link.cfg"
    rmdir "$tmp"
  ) > /dev/null 2>&1
fi
rm -rf "$work" "$bin.log"
exit "$status"
"##;

/// The standard packages `code` imports, when it is a program the direct
/// path may build; `None` when only `go build` may.
pub fn standard_imports(code: &str) -> Option<Vec<String>> {
    // Build constraints, embedded files and cgo directives need the go command.
    if ["go:build", "+build", "go:embed", "go:cgo_"]
        .iter()
        .any(|marker| code.contains(marker))
    {
        return None;
    }
    let stripped = lexer::strip_comments(code);
    let mut words = stripped.split_whitespace();
    let is_main = words.next() == Some("package")
        && words
            .next()
            .is_some_and(|w| w == "main" || w.starts_with("main;"));
    if !is_main {
        return None;
    }
    let mut packages: Vec<String> = Vec::new();
    for import in imports::scan(code) {
        let path = import.module;
        let first = path.split('/').next().unwrap_or_default();
        // Standard packages have no dot in their first element; "C" is cgo;
        // the go command refuses internal packages, the compiler would not.
        let standard = path != "C"
            && !first.contains('.')
            && !matches!(first, "cmd" | "vendor")
            && !path.split('/').any(|element| element == "internal")
            && path
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_-".contains(&b));
        if !standard {
            return None;
        }
        if !packages.contains(&path) {
            packages.push(path);
        }
    }
    Some(packages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_main_package_of_standard_imports_may_be_built_directly() {
        let code = "// Sum.\npackage main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\tm \"math/bits\"\n\t\"fmt\"\n)\n\nfunc main() {}\n";
        assert_eq!(
            standard_imports(code),
            Some(vec!["fmt".into(), "strings".into(), "math/bits".into()])
        );
        assert_eq!(
            standard_imports("package main; func main() {}"),
            Some(vec![])
        );
    }

    #[test]
    fn anything_the_go_command_must_see_goes_through_go_build() {
        for code in [
            "package main\nimport \"github.com/google/uuid\"\nfunc main() {}",
            "package main\n// #include <stdio.h>\nimport \"C\"\nfunc main() {}",
            "//go:build ignore\n\npackage main\nfunc main() {}",
            "// +build linux\n\npackage main\nfunc main() {}",
            "package main\nimport _ \"embed\"\n//go:embed x.txt\nvar s string\nfunc main() {}",
            "package tools\nfunc F() {}",
            "package mainly\nfunc main() {}",
            "/* package main */ package other\nfunc main() {}",
            "package main\nimport \"internal/cpu\"\nfunc main() {}",
            "package main\nimport \"cmd/go/internal/modinfo\"\nfunc main() {}",
        ] {
            assert_eq!(standard_imports(code), None, "{code}");
        }
        // A path of the session's own module has no dot either: the script
        // finds it is not a precompiled package and uses go build.
        assert_eq!(
            standard_imports("package main\nimport \"sandbox/util\"\nfunc main() {}"),
            Some(vec!["sandbox/util".into()])
        );
    }
}
