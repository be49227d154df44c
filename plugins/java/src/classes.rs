//! Which class to run and what to call the source file.
//!
//! LLM-generated Java often puts a helper class first (`class Solution`) and
//! the class with `main` last, and may or may not make it `public`. This
//! module finds, on the masked source with brace matching:
//!
//! - the package (`package a.b;`);
//! - every type declaration (`class`, `interface`, `enum`, `record`,
//!   `@interface`) with its nesting, so a method belongs to the type whose
//!   body directly contains it;
//! - the types that declare `public static void main(String[] args)` (also
//!   `static public`, `final`, annotations, `String... args`, `String args[]`,
//!   `java.lang.String`; in an interface `public` is implicit).
//!
//! The class to run is a top-level type with `main` if there is one (the
//! public one first, then one named `Main`, then the first in the file), else
//! a member type with `main` (run by its binary name, `Outer$Inner`). The
//! source file is named after the public top-level type, as javac requires,
//! or `Main.java` when there is none.

use crate::lexer::{Tok, Token, normalize, tokenize};

/// Where to write the source and which class to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The source file's name, `Name.java`.
    pub file_name: String,
    /// The binary name of the class to run (`a.b.Main`, `Outer$Inner`).
    pub main_class: String,
}

/// A type declaration found in the source.
#[derive(Debug)]
struct TypeDecl {
    /// The simple name.
    name: String,
    /// The type whose body declares this one (a member type).
    outer: Option<usize>,
    /// Whether the launcher can name it: false for a local type (declared in
    /// a method or initializer) and the types inside it.
    launchable: bool,
    /// Declared `public`.
    public: bool,
    /// An interface or annotation type: its methods are implicitly public.
    interface: bool,
    /// Declared at the top level of the file.
    top_level: bool,
    /// Declares a launchable `main` method.
    has_main: bool,
}

/// The binary name of `types[index]`: `pkg.Outer$Inner`.
fn binary_name(types: &[TypeDecl], index: usize, package: Option<&str>) -> String {
    let mut names = Vec::new();
    let mut next = Some(index);
    while let Some(ty) = next.and_then(|i| types.get(i)) {
        names.push(ty.name.as_str());
        next = ty.outer;
    }
    names.reverse();
    let name = names.join("$");
    match package {
        Some(p) => format!("{p}.{name}"),
        None => name,
    }
}

/// What a `{` opened.
enum Scope {
    /// The body of `types[index]`.
    Type(usize),
    /// Any other block: a method body, an initializer, an array initializer,
    /// an anonymous class or enum constant body, a lambda.
    Block,
}

fn word<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    toks.get(i).and_then(Token::word)
}

fn is(toks: &[Token], i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| t.is(c))
}

/// How far back modifiers and annotations are looked for, and how long a
/// main method's parameter list may be: keeps hostile input linear.
const LOOKAROUND: usize = 256;

/// The words of the declaration that ends just before `end`: everything back
/// to the previous `;`, `{` or `}` (modifiers and annotations).
fn modifiers<'a>(toks: &[Token<'a>], end: usize) -> Vec<&'a str> {
    toks[..end.min(toks.len())]
        .iter()
        .rev()
        .take(LOOKAROUND)
        .take_while(|t| !(t.is(';') || t.is('{') || t.is('}')))
        .filter_map(Token::word)
        .collect()
}

/// The index of the `)` matching the `(` at `open`.
fn matching_paren(toks: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.is('(') {
            depth += 1;
        } else if t.is(')') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Whether `params` (the tokens between the parentheses) are a single
/// `String[]` parameter: `String[] a`, `String... a`, `String a[]`, with
/// optional `final` and annotations, `String` optionally `java.lang.String`.
fn is_main_parameter(params: &[Token]) -> bool {
    let mut k = 0;
    loop {
        if word(params, k) == Some("final") {
            k += 1;
        } else if is(params, k, '@') {
            k += 2;
            while is(params, k, '.') && word(params, k + 1).is_some() {
                k += 2;
            }
            if is(params, k, '(') {
                match matching_paren(params, k) {
                    Some(close) => k = close + 1,
                    None => return false,
                }
            }
        } else {
            break;
        }
    }
    let qualified = ["java", ".", "lang", ".", "String"];
    let is_qualified = params.len() >= k + qualified.len()
        && params[k..k + qualified.len()]
            .iter()
            .zip(qualified)
            .all(|(t, want)| match t.tok {
                Tok::Word(w) => w == want,
                Tok::Punct(c) => want.starts_with(c) && want.len() == 1,
            });
    if is_qualified {
        k += qualified.len();
    } else if word(params, k) == Some("String") {
        k += 1;
    } else {
        return false;
    }
    let rest = &params[k..];
    let name = |i: usize| word(rest, i).is_some();
    match rest.len() {
        3 => {
            (is(rest, 0, '[') && is(rest, 1, ']') && name(2))
                || (name(0) && is(rest, 1, '[') && is(rest, 2, ']'))
        }
        4 => is(rest, 0, '.') && is(rest, 1, '.') && is(rest, 2, '.') && name(3),
        _ => false,
    }
}

/// Whether the word `main` at `i` starts a launchable main method of a type
/// whose methods are implicitly public when `interface` is true.
fn is_main_method(toks: &[Token], i: usize, interface: bool) -> bool {
    if i == 0 || word(toks, i - 1) != Some("void") || !is(toks, i + 1, '(') {
        return false;
    }
    let mods = modifiers(toks, i - 1);
    let public = mods.contains(&"public") || (interface && !mods.contains(&"private"));
    if !public || !mods.contains(&"static") {
        return false;
    }
    let window = &toks[..toks.len().min(i + 1 + LOOKAROUND)];
    matching_paren(window, i + 1).is_some_and(|close| is_main_parameter(&toks[i + 2..close]))
}

/// The dotted name starting at `i` (`a.b.c`) and the index after it.
fn dotted(toks: &[Token], mut i: usize) -> Option<(String, usize)> {
    let mut name = word(toks, i)?.to_string();
    i += 1;
    while is(toks, i, '.') {
        let Some(part) = word(toks, i + 1) else {
            break;
        };
        name.push('.');
        name.push_str(part);
        i += 2;
    }
    Some((name, i))
}

/// The type declared by the keyword at `i`, if it declares one: its name and
/// whether it is an interface.
fn declared_type(toks: &[Token], i: usize) -> Option<(String, bool)> {
    let keyword = word(toks, i)?;
    let after_dot = i > 0 && is(toks, i - 1, '.');
    let name = word(toks, i + 1)?;
    let declares = match keyword {
        "class" | "enum" | "interface" => !after_dot,
        // `record` is only a keyword before a name and its components.
        "record" => !after_dot && (is(toks, i + 2, '(') || is(toks, i + 2, '<')),
        _ => false,
    };
    declares.then(|| (name.to_string(), keyword == "interface"))
}

/// Find the class to run and the file name for `code`.
///
/// Errors with a message for the user when no class has a `main` method.
pub fn layout(code: &str) -> Result<Layout, String> {
    let code = normalize(code);
    let toks = tokenize(&code);
    let mut package: Option<String> = None;
    let mut types: Vec<TypeDecl> = Vec::new();
    let mut scopes: Vec<Scope> = Vec::new();
    let mut pending: Option<usize> = None;
    let mut parens = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Punct('{') => scopes.push(pending.take().map_or(Scope::Block, Scope::Type)),
            Tok::Punct('}') => {
                scopes.pop();
            }
            Tok::Punct('(') => parens += 1,
            Tok::Punct(')') => parens = parens.saturating_sub(1),
            Tok::Punct(';') if parens == 0 => pending = None,
            Tok::Punct(_) => {}
            Tok::Word(w) if w == "package" && scopes.is_empty() && types.is_empty() => {
                if package.is_none()
                    && let Some((name, next)) = dotted(&toks, i + 1)
                    && is(&toks, next, ';')
                {
                    package = Some(name);
                }
            }
            Tok::Word("main") => {
                if let Some(Scope::Type(index)) = scopes.last()
                    && let Some(ty) = types.get_mut(*index)
                    && ty.launchable
                    && !ty.has_main
                    && is_main_method(&toks, i, ty.interface)
                {
                    ty.has_main = true;
                }
            }
            Tok::Word(_) => {
                let Some((name, interface)) = declared_type(&toks, i) else {
                    continue;
                };
                let (outer, launchable) = match scopes.last() {
                    None => (None, true),
                    Some(Scope::Type(outer)) => (
                        Some(*outer),
                        types.get(*outer).is_some_and(|o| o.launchable),
                    ),
                    Some(Scope::Block) => (None, false),
                };
                types.push(TypeDecl {
                    public: modifiers(&toks, i).contains(&"public"),
                    name,
                    outer,
                    launchable,
                    interface,
                    top_level: scopes.is_empty(),
                    has_main: false,
                });
                pending = Some(types.len() - 1);
            }
        }
    }
    let pick = |top_level: bool| {
        let candidates: Vec<(usize, &TypeDecl)> = types
            .iter()
            .enumerate()
            .filter(|(_, t)| t.has_main && t.top_level == top_level)
            .collect();
        candidates
            .iter()
            .find(|(_, t)| t.public)
            .or_else(|| candidates.iter().find(|(_, t)| t.name == "Main"))
            .or_else(|| candidates.first())
            .map(|(index, _)| binary_name(&types, *index, package.as_deref()))
    };
    let main_class = pick(true).or_else(|| pick(false)).ok_or_else(|| {
        "no class declares `public static void main(String[] args)`, so there is nothing \
         to run: add a main method to the class that should start the program"
            .to_string()
    })?;
    let file_name = types
        .iter()
        .find(|t| t.top_level && t.public)
        .map_or_else(|| "Main.java".to_string(), |t| format!("{}.java", t.name));
    Ok(Layout {
        file_name,
        main_class,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main_class(code: &str) -> String {
        layout(code).map(|l| l.main_class).unwrap_or_else(|e| e)
    }

    fn file_name(code: &str) -> String {
        layout(code).map(|l| l.file_name).unwrap_or_else(|e| e)
    }

    const MAIN: &str = "public static void main(String[] args) { }";

    #[test]
    fn a_helper_class_before_the_main_class_does_not_hide_it() {
        let code = format!(
            "import java.util.*;\n\nclass Solution {{\n  int solve(int[] a) {{ return a.length; }}\n}}\n\npublic class Main {{\n  {MAIN}\n}}\n"
        );
        assert_eq!(main_class(&code), "Main");
        assert_eq!(file_name(&code), "Main.java");
    }

    #[test]
    fn the_class_with_main_runs_whatever_its_name_and_position() {
        let code = format!("class Helper {{ }}\nclass App {{ {MAIN} }}\nclass After {{ }}");
        assert_eq!(main_class(&code), "App");
        assert_eq!(file_name(&code), "Main.java");
    }

    #[test]
    fn the_file_is_named_after_the_public_top_level_type() {
        let code = format!("public class Calculator {{ {MAIN} }}\nclass Other {{ }}");
        assert_eq!(file_name(&code), "Calculator.java");
        assert_eq!(main_class(&code), "Calculator");
        let code = format!("class Runner {{ {MAIN} }}\npublic interface Shape {{ }}");
        assert_eq!(file_name(&code), "Shape.java");
        assert_eq!(main_class(&code), "Runner");
    }

    #[test]
    fn a_package_declaration_qualifies_the_main_class() {
        let code = format!("package com.example.app;\n\npublic class Main {{ {MAIN} }}");
        assert_eq!(main_class(&code), "com.example.app.Main");
        assert_eq!(file_name(&code), "Main.java");
    }

    #[test]
    fn accepts_every_spelling_of_the_main_signature() {
        for signature in [
            "public static void main(String[] args)",
            "static public void main(String[] args)",
            "public final static void main(final String[] args)",
            "public static void main(String... args)",
            "public static void main(String args[])",
            "public static void main(String []argv)",
            "@SuppressWarnings(\"x\") public static synchronized void main(@Deprecated String[] a)",
            "public static void main(java.lang.String[] args) throws Exception",
            "public static void main(/* the args */ String[] args)",
        ] {
            let code = format!("class Helper {{ }}\nclass App {{ {signature} {{ }} }}");
            assert_eq!(main_class(&code), "App", "{signature}");
        }
    }

    #[test]
    fn methods_that_are_not_a_launchable_main_do_not_count() {
        for signature in [
            "static void main(String[] args)",
            "public void main(String[] args)",
            "public static int main(String[] args)",
            "public static void main()",
            "public static void main(String args)",
            "public static void main(int[] args)",
            "public static void main(String[]... args)",
            "public static void main(String[] args, int x)",
            "private static void main(String[] args)",
            "public static void mainly(String[] args)",
        ] {
            let code = format!("class App {{ {signature} {{ }} }}");
            assert!(layout(&code).is_err(), "{signature}");
        }
    }

    #[test]
    fn no_main_anywhere_is_a_clear_error() {
        let err = layout("class Solution { int f() { return 1; } }").unwrap_err();
        assert!(
            err.contains("public static void main(String[] args)"),
            "{err}"
        );
        assert!(layout("").is_err());
    }

    #[test]
    fn a_top_level_main_wins_over_a_nested_one() {
        let code = format!(
            "class Outer {{\n  static class Inner {{ {MAIN} }}\n}}\nclass App {{ {MAIN} }}"
        );
        assert_eq!(main_class(&code), "App");
    }

    #[test]
    fn a_nested_main_runs_by_its_binary_name_when_it_is_the_only_one() {
        let code = format!(
            "package p;\npublic class Outer {{\n  public static class Inner {{ {MAIN} }}\n}}"
        );
        assert_eq!(main_class(&code), "p.Outer$Inner");
        assert_eq!(file_name(&code), "Outer.java");
    }

    #[test]
    fn main_in_a_method_body_anonymous_or_local_class_does_not_count() {
        let code = format!(
            "class App {{\n  void f() {{\n    Runnable r = new Runnable() {{ {MAIN} public void run() {{ }} }};\n    class Local {{ {MAIN} }}\n  }}\n}}"
        );
        assert!(layout(&code).is_err());
    }

    #[test]
    fn several_mains_prefer_the_public_class_then_one_named_main() {
        let code = format!("class A {{ {MAIN} }}\npublic class B {{ {MAIN} }}");
        assert_eq!(main_class(&code), "B");
        let code = format!("class A {{ {MAIN} }}\nclass Main {{ {MAIN} }}");
        assert_eq!(main_class(&code), "Main");
        let code = format!("class A {{ {MAIN} }}\nclass C {{ {MAIN} }}");
        assert_eq!(main_class(&code), "A");
    }

    #[test]
    fn interfaces_enums_and_records_can_hold_main_and_sit_anywhere() {
        let code = format!(
            "interface Shape {{ double area(); }}\nrecord Circle(double r) implements Shape {{\n  public double area() {{ return Math.PI * r * r; }}\n}}\nenum Color {{ RED {{ }}, GREEN; Color next() {{ return GREEN; }} }}\n@interface Note {{ String value(); }}\npublic class Shapes {{ {MAIN} }}"
        );
        assert_eq!(main_class(&code), "Shapes");
        assert_eq!(file_name(&code), "Shapes.java");
        let code = "interface Tool { static void main(String[] a) { } }";
        assert_eq!(main_class(code), "Tool");
        let code = format!("enum E {{ A, B; {MAIN} }}");
        assert_eq!(main_class(&code), "E");
        let code = format!("record R(int x) {{ {MAIN} }}");
        assert_eq!(main_class(&code), "R");
    }

    #[test]
    fn class_literals_and_records_used_as_names_are_not_declarations() {
        let code = format!(
            "class App {{\n  Object o = String.class;\n  int record = 1;\n  void record(int x) {{ }}\n  {MAIN}\n}}"
        );
        assert_eq!(main_class(&code), "App");
    }

    #[test]
    fn mains_in_comments_and_strings_do_not_count() {
        let code = format!(
            "// public class Fake {{ {MAIN} }}\n/* class Other {{ {MAIN} }} */\nclass App {{\n  String s = \"public class X {{ public static void main(String[] a) {{}} }}\";\n  String t = \"\"\"\n    }} }} class Y {{ {MAIN} }}\n    \"\"\";\n  {MAIN}\n}}"
        );
        assert_eq!(main_class(&code), "App");
        assert_eq!(file_name(&code), "Main.java");
    }

    #[test]
    fn braces_in_char_literals_do_not_break_nesting() {
        let code = format!("class A {{ char c = '{{'; char d = '\\''; }}\nclass B {{ {MAIN} }}");
        assert_eq!(main_class(&code), "B");
    }

    #[test]
    fn generics_and_sealed_hierarchies_are_understood() {
        let code = format!(
            "sealed interface Expr permits Num, Add {{ }}\nfinal class Num implements Expr {{ }}\nnon-sealed class Add implements Expr {{ }}\npublic final class Eval<T extends Comparable<T>> extends Object {{ {MAIN} }}"
        );
        assert_eq!(main_class(&code), "Eval");
        assert_eq!(file_name(&code), "Eval.java");
    }

    #[test]
    fn hostile_input_stays_fast() {
        let started = std::time::Instant::now();
        for unit in [
            "class A ",
            "class A { ",
            "class A { public static void main(String[] a) {} class B { ",
            "public static void main(",
            "@ public ",
            "{ class B ",
        ] {
            let _ = layout(&unit.repeat(50_000));
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "}}}}}",
            "{{{{",
            "class",
            "public class",
            "class X { public static void main(",
            "class X { public static void main(String",
            "class X { void main",
            "main",
            "package",
            "package a.",
            "record",
            "@",
            "class X { public static void main(@A( String[] a) {} }",
            "\"unterminated",
            "/* unterminated",
            "é class ü { public static void main(String[] ä) {} }",
        ] {
            let _ = layout(code);
        }
    }
}
