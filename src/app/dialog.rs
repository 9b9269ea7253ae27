//! Whether the system can show a file or folder dialog at all. On Linux the dialog comes from
//! the desktop portal's file chooser (over the session bus), or from zenity when the portal
//! fails (rfd falls back to it); a bare X session often has neither, and the dialog then
//! silently never opens. The steps ask first and, when nothing can show a dialog, say so and
//! point to the path field instead. Windows and macOS always have their own dialogs.

#[cfg(any(test, all(unix, not(target_os = "macos"))))]
use std::path::{Path, PathBuf};

/// What the machine offers for a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Environment {
    /// A D-Bus session bus to reach the portal through.
    pub session_bus: bool,
    /// An installed portal backend with a file chooser.
    pub portal_file_chooser: bool,
    /// zenity on the PATH.
    pub zenity: bool,
}

impl Environment {
    /// Whether some dialog can be shown.
    pub fn can_show_dialog(&self) -> bool {
        self.session_bus && self.portal_file_chooser || self.zenity
    }

    /// This machine now (Linux and the BSDs; elsewhere the OS dialog is always there).
    #[cfg(all(unix, not(target_os = "macos")))]
    pub fn current() -> Self {
        let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS")
            .is_some_and(|a| !a.is_empty())
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| Path::new(&dir).join("bus").exists());
        Environment {
            session_bus,
            portal_file_chooser: data_dirs().iter().any(|dir| has_file_chooser(dir)),
            zenity: on_path("zenity"),
        }
    }

    #[cfg(not(all(unix, not(target_os = "macos"))))]
    pub fn current() -> Self {
        Environment {
            session_bus: true,
            portal_file_chooser: true,
            zenity: false,
        }
    }
}

/// Whether a dialog can be shown on this machine.
pub fn available() -> bool {
    Environment::current().can_show_dialog()
}

#[cfg(any(test, all(unix, not(target_os = "macos"))))]
/// `$XDG_DATA_DIRS`, or its default.
fn data_dirs() -> Vec<PathBuf> {
    let dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    dirs.split(':').map(PathBuf::from).collect()
}

#[cfg(any(test, all(unix, not(target_os = "macos"))))]
/// Whether a portal backend in `data_dir` (`xdg-desktop-portal/portals/*.portal`) offers the
/// file chooser, and the portal service itself is installed there.
fn has_file_chooser(data_dir: &Path) -> bool {
    let service = data_dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service");
    let Ok(backends) = std::fs::read_dir(data_dir.join("xdg-desktop-portal/portals")) else {
        return false;
    };
    service.exists()
        && backends.flatten().any(|entry| {
            std::fs::read_to_string(entry.path())
                .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
        })
}

#[cfg(any(test, all(unix, not(target_os = "macos"))))]
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_x_session_has_no_dialog() {
        let bare = Environment::default();
        assert!(!bare.can_show_dialog());
        // A portal without a bus to reach it through is no better.
        let no_bus = Environment {
            portal_file_chooser: true,
            ..bare
        };
        assert!(!no_bus.can_show_dialog());
    }

    #[test]
    fn the_portal_or_zenity_each_give_a_dialog() {
        let portal = Environment {
            session_bus: true,
            portal_file_chooser: true,
            zenity: false,
        };
        assert!(portal.can_show_dialog());
        let zenity = Environment {
            zenity: true,
            ..Environment::default()
        };
        assert!(zenity.can_show_dialog());
    }

    #[test]
    fn a_portal_backend_counts_only_with_a_file_chooser() {
        let dir = tempfile::tempdir().unwrap();
        let services = dir.path().join("dbus-1/services");
        let portals = dir.path().join("xdg-desktop-portal/portals");
        std::fs::create_dir_all(&services).unwrap();
        std::fs::create_dir_all(&portals).unwrap();
        std::fs::write(services.join("org.freedesktop.portal.Desktop.service"), "").unwrap();
        std::fs::write(
            portals.join("wlr.portal"),
            "[portal]\nInterfaces=org.freedesktop.impl.portal.Screenshot\n",
        )
        .unwrap();
        assert!(!has_file_chooser(dir.path()));
        std::fs::write(
            portals.join("gtk.portal"),
            "[portal]\nInterfaces=org.freedesktop.impl.portal.FileChooser;\n",
        )
        .unwrap();
        assert!(has_file_chooser(dir.path()));
    }
}
