//! The map of modules in `src/lib.rs` is true: every module is on it, and each imports only
//! from modules listed before it, so there is no import cycle (doc links do not count).

use std::fs;
use std::path::Path;

/// The modules in the order `lib.rs`'s doc comment lists them.
fn listed() -> Vec<String> {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    lib.lines()
        .take_while(|l| l.starts_with("//!"))
        .filter_map(|l| l.strip_prefix("//! - "))
        .filter_map(|l| l.split('`').nth(1).map(String::from))
        .collect()
}

/// Every `crate::name` a module's code (not its comments) uses.
fn imports(module: &str) -> Vec<String> {
    let mut files = Vec::new();
    let file = format!("src/{module}.rs");
    if Path::new(&file).exists() {
        files.push(file);
    }
    // A module's directory, with its sub-modules' directories (src/chart/surface3d/...).
    let mut dirs = vec![format!("src/{module}")];
    while let Some(dir) = dirs.pop() {
        if !Path::new(&dir).is_dir() {
            continue;
        }
        for e in fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path.to_string_lossy().into_owned());
            } else {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    assert!(!files.is_empty(), "{module} is listed but has no source");
    let mut out = Vec::new();
    for f in files {
        for line in fs::read_to_string(&f).unwrap().lines() {
            let code = line.split("//").next().unwrap();
            for part in code.split("crate::").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name != module && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[test]
fn every_module_is_listed_in_lib_rs() {
    let listed = listed();
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ") {
            let name = name.trim_end_matches(';');
            assert!(
                listed.iter().any(|m| m == name),
                "{name} is not on lib.rs's map"
            );
        }
    }
}

#[test]
fn each_module_imports_only_from_modules_listed_before_it() {
    let listed = listed();
    for (i, module) in listed.iter().enumerate() {
        for used in imports(module) {
            let at = listed.iter().position(|m| *m == used);
            assert!(
                at.is_some_and(|k| k < i),
                "{module} imports crate::{used}, which lib.rs lists {}",
                if at.is_some() { "after it" } else { "nowhere" }
            );
        }
    }
}
