//! A component that exports nothing the host knows: loading it as a
//! language plugin must fail with a clear error.

/// Adds two numbers; exported only so the component is not empty.
#[unsafe(no_mangle)]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
