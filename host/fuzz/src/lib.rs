//! What the fuzz targets share: hostile archives built from structured
//! input, the checker that nothing outside the destination changed, and the
//! properties every language plugin's scanners must keep.

pub mod archive;
pub mod language;
