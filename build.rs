//! Windows builds only: the exe's version information (Explorer's Properties > Details, the
//! installer) and, when `QOLTANBA_ICON` names an .ico (scripts/build-windows makes one from
//! packaging/icon/qoltanba.svg), its icon. Other targets: nothing.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=QOLTANBA_ICON");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = env("CARGO_PKG_VERSION");
    let mut parts: Vec<u16> = version
        .split(['.', '-'])
        .map_while(|part| part.parse().ok())
        .collect();
    parts.resize(4, 0);
    let numeric = format!("{},{},{},{}", parts[0], parts[1], parts[2], parts[3]);
    let icon = std::env::var("QOLTANBA_ICON")
        .ok()
        .filter(|path| !path.is_empty())
        .map(|path| {
            println!("cargo:rerun-if-changed={path}");
            format!("1 ICON \"{}\"\n", path.replace('\\', "/"))
        })
        .unwrap_or_default();
    let description = env("CARGO_PKG_DESCRIPTION");
    let rc = format!(
        r#"#pragma code_page(65001)
{icon}1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "The Qoltanba developers"
      VALUE "FileDescription", "Qoltanba"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "qoltanba"
      VALUE "LegalCopyright", "MIT licence"
      VALUE "OriginalFilename", "qoltanba.exe"
      VALUE "ProductName", "Qoltanba"
      VALUE "ProductVersion", "{version}"
      VALUE "Comments", "{description}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
"#
    );
    let out = PathBuf::from(env("OUT_DIR")).join("qoltanba.rc");
    if let Err(error) = std::fs::write(&out, rc) {
        panic!("cannot write {}: {error}", out.display());
    }
    embed_resource::compile(&out, embed_resource::NONE)
        .manifest_required()
        .unwrap_or_else(|error| panic!("the Windows resource did not compile: {error}"));
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}
