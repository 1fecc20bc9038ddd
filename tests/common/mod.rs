//! Helpers shared by the native chart tests (each test file is its own crate: `mod common;`).
#![allow(dead_code)]

pub mod svg;
