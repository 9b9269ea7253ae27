//! Where the vendors' PKCS#11 modules are installed, per operating system.
//!
//! Sources for every entry are listed in docs/tokens.md. Only modules whose file names are
//! published by their vendors (or by packages that install them) are here; Kaztoken, AKey and the
//! Kazakh ID card have no publicly documented PKCS#11 module, so a citizen with one of those adds
//! the vendor's module path in settings (or `--module PATH`).

use std::path::{Path, PathBuf};

/// Who ships a PKCS#11 module we know of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vendor {
    /// OpenSC, the open-source smart-card middleware (many cards, read/sign support).
    OpenSc,
    /// SafeNet (Thales) Authentication Client: eToken PRO, eToken PRO Java 72K, eToken 5110.
    SafeNet,
    /// Aladdin R.D. JaCarta (JaCarta PKI, JaCarta-2 PKI/ГОСТ) unified client.
    JaCarta,
    /// SoftHSM2, a software token for tests; never offered to citizens by default.
    SoftHsm,
}

/// An operating system the table has entries for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Os {
    /// Linux distributions (Debian/Ubuntu multiarch, Fedora/RHEL lib64, Arch plain lib).
    Linux,
    /// Windows; paths relative to `%SystemRoot%` or absolute.
    Windows,
    /// macOS.
    MacOs,
}

/// How a known module's location is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// An absolute path.
    Absolute(&'static str),
    /// A path under the Windows directory (`%SystemRoot%`, usually `C:\Windows`).
    WindowsDir(&'static str),
}

/// One entry of the known-modules table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownModule {
    /// Who ships the module.
    pub vendor: Vendor,
    /// Which operating system the location belongs to.
    pub os: Os,
    /// Where it is installed.
    pub location: Location,
}

const fn linux(vendor: Vendor, path: &'static str) -> KnownModule {
    KnownModule {
        vendor,
        os: Os::Linux,
        location: Location::Absolute(path),
    }
}

const fn windows_dir(vendor: Vendor, path: &'static str) -> KnownModule {
    KnownModule {
        vendor,
        os: Os::Windows,
        location: Location::WindowsDir(path),
    }
}

const fn windows(vendor: Vendor, path: &'static str) -> KnownModule {
    KnownModule {
        vendor,
        os: Os::Windows,
        location: Location::Absolute(path),
    }
}

const fn mac(vendor: Vendor, path: &'static str) -> KnownModule {
    KnownModule {
        vendor,
        os: Os::MacOs,
        location: Location::Absolute(path),
    }
}

/// Every known module location, all operating systems. Vendor modules come before OpenSC so a
/// device both support is listed first under its own vendor's module.
pub const KNOWN_MODULES: &[KnownModule] = &[
    // SafeNet Authentication Client (eToken).
    linux(Vendor::SafeNet, "/usr/lib/libeTPkcs11.so"),
    linux(Vendor::SafeNet, "/usr/lib64/libeTPkcs11.so"),
    linux(Vendor::SafeNet, "/usr/lib/libeToken.so"),
    linux(Vendor::SafeNet, "/usr/lib64/libeToken.so"),
    windows_dir(Vendor::SafeNet, r"System32\eTPKCS11.dll"),
    mac(Vendor::SafeNet, "/usr/local/lib/libeTPkcs11.dylib"),
    // JaCarta unified client (Aladdin R.D.).
    linux(Vendor::JaCarta, "/usr/lib/libjcPKCS11-2.so"),
    linux(Vendor::JaCarta, "/usr/lib64/libjcPKCS11-2.so"),
    linux(Vendor::JaCarta, "/usr/lib64/pkcs11/libjcPKCS11-2.so"),
    linux(Vendor::JaCarta, "/usr/lib/pkcs11/libjcPKCS11-2.so"),
    windows_dir(Vendor::JaCarta, r"System32\jcPKCS11-2.dll"),
    mac(
        Vendor::JaCarta,
        "/Library/Frameworks/jcPKCS11-2.framework/jcPKCS11-2",
    ),
    // OpenSC.
    linux(Vendor::OpenSc, "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
    linux(
        Vendor::OpenSc,
        "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
    ),
    linux(
        Vendor::OpenSc,
        "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
    ),
    linux(
        Vendor::OpenSc,
        "/usr/lib/aarch64-linux-gnu/pkcs11/opensc-pkcs11.so",
    ),
    linux(Vendor::OpenSc, "/usr/lib64/opensc-pkcs11.so"),
    linux(Vendor::OpenSc, "/usr/lib64/pkcs11/opensc-pkcs11.so"),
    linux(Vendor::OpenSc, "/usr/lib/opensc-pkcs11.so"),
    linux(Vendor::OpenSc, "/usr/lib/pkcs11/opensc-pkcs11.so"),
    windows_dir(Vendor::OpenSc, r"System32\opensc-pkcs11.dll"),
    windows(
        Vendor::OpenSc,
        r"C:\Program Files\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll",
    ),
    mac(Vendor::OpenSc, "/Library/OpenSC/lib/opensc-pkcs11.so"),
    mac(Vendor::OpenSc, "/usr/local/lib/opensc-pkcs11.so"),
    mac(Vendor::OpenSc, "/opt/homebrew/lib/opensc-pkcs11.so"),
    // SoftHSM2 (tests and demonstrations only: see `SOFTHSM_MODULES`).
    linux(Vendor::SoftHsm, "/usr/lib/softhsm/libsofthsm2.so"),
    linux(
        Vendor::SoftHsm,
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    ),
    linux(Vendor::SoftHsm, "/usr/lib64/pkcs11/libsofthsm2.so"),
    linux(Vendor::SoftHsm, "/usr/lib64/softhsm/libsofthsm2.so"),
    linux(Vendor::SoftHsm, "/usr/local/lib/softhsm/libsofthsm2.so"),
    windows(Vendor::SoftHsm, r"C:\SoftHSM2\lib\softhsm2-x64.dll"),
    mac(Vendor::SoftHsm, "/usr/local/lib/softhsm/libsofthsm2.so"),
    mac(Vendor::SoftHsm, "/opt/homebrew/lib/softhsm/libsofthsm2.so"),
];

/// The operating system this build runs on, if the table has entries for it.
pub const fn current_os() -> Option<Os> {
    if cfg!(target_os = "linux") {
        Some(Os::Linux)
    } else if cfg!(target_os = "windows") {
        Some(Os::Windows)
    } else if cfg!(target_os = "macos") {
        Some(Os::MacOs)
    } else {
        None
    }
}

impl KnownModule {
    /// The file this entry names on this machine (`%SystemRoot%` resolved on Windows).
    pub fn path(&self) -> PathBuf {
        match self.location {
            Location::Absolute(path) => PathBuf::from(path),
            Location::WindowsDir(relative) => {
                let root = std::env::var_os("SystemRoot")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
                root.join(relative)
            }
        }
    }
}

/// The known vendor modules for this operating system, SoftHSM2 excluded (a software token is
/// not a protected device; add it with `--module` for tests and demonstrations).
pub fn device_modules() -> impl Iterator<Item = &'static KnownModule> {
    KNOWN_MODULES
        .iter()
        .filter(|known| Some(known.os) == current_os() && known.vendor != Vendor::SoftHsm)
}

/// The first SoftHSM2 module installed on this machine, for tests and demonstrations.
pub fn softhsm_module() -> Option<PathBuf> {
    KNOWN_MODULES
        .iter()
        .filter(|known| Some(known.os) == current_os() && known.vendor == Vendor::SoftHsm)
        .map(KnownModule::path)
        .find(|path| path.is_file())
}

/// Which known vendor a module file belongs to, judged by its file name (for a module the user
/// added by path).
pub fn vendor_of(path: &Path) -> Option<Vendor> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.contains("etpkcs11") || name.contains("libetoken") {
        Some(Vendor::SafeNet)
    } else if name.contains("jcpkcs11") {
        Some(Vendor::JaCarta)
    } else if name.contains("opensc-pkcs11") {
        Some(Vendor::OpenSc)
    } else if name.contains("softhsm") {
        Some(Vendor::SoftHsm)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vendor_has_a_location_on_every_os() {
        for vendor in [
            Vendor::OpenSc,
            Vendor::SafeNet,
            Vendor::JaCarta,
            Vendor::SoftHsm,
        ] {
            for os in [Os::Linux, Os::Windows, Os::MacOs] {
                assert!(
                    KNOWN_MODULES
                        .iter()
                        .any(|k| k.vendor == vendor && k.os == os),
                    "{vendor:?} on {os:?}"
                );
            }
        }
    }

    #[test]
    fn device_modules_leave_out_softhsm() {
        assert!(device_modules().all(|k| k.vendor != Vendor::SoftHsm));
        assert!(device_modules().count() > 0);
    }

    #[test]
    fn vendors_are_told_by_file_name() {
        let cases = [
            ("/usr/lib/libeTPkcs11.so", Some(Vendor::SafeNet)),
            (r"C:\Windows\System32\eTPKCS11.dll", Some(Vendor::SafeNet)),
            ("/usr/lib/libjcPKCS11-2.so", Some(Vendor::JaCarta)),
            (
                "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
                Some(Vendor::OpenSc),
            ),
            ("/usr/lib/softhsm/libsofthsm2.so", Some(Vendor::SoftHsm)),
            ("/opt/vendor/libsomething.so", None),
        ];
        for (path, vendor) in cases {
            // Windows paths only split on `\` on Windows; test the file name alone there.
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            assert_eq!(vendor_of(Path::new(name)), vendor, "{path}");
        }
    }

    #[test]
    fn windows_entries_resolve_under_the_windows_directory() {
        let entry = windows_dir(Vendor::SafeNet, r"System32\eTPKCS11.dll");
        assert!(
            entry
                .path()
                .to_string_lossy()
                .ends_with(r"System32\eTPKCS11.dll")
        );
    }
}
