//! `qoltanba operator-code`: sets the kiosk operator code. Asked twice (hidden on a terminal;
//! read as two lines when piped, for deployment scripts), hashed, and written into the settings
//! file atomically. The code itself is never stored or printed.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use qoltanba_core::kiosk::code::{self, CodeError, CodeHash};
use zeroize::Zeroizing;

use crate::i18n::Language;
use crate::t;

/// Why the code was not set, in the operator's language.
pub fn run(settings: Option<&Path>, lang: Language) -> Result<String, String> {
    let (first, second) = read_twice(lang).map_err(|e| e.to_string())?;
    set(settings, &first, &second, lang)
}

/// Checks the two entries, hashes the code and writes it into the settings file.
pub fn set(
    settings: Option<&Path>,
    first: &str,
    second: &str,
    lang: Language,
) -> Result<String, String> {
    let explain = |error: CodeError| match error {
        CodeError::Format => t!(
            lang,
            "operator-code-format",
            min = code::MIN_DIGITS,
            max = code::MAX_DIGITS
        ),
        CodeError::Mismatch => t!(lang, "operator-code-mismatch"),
    };
    code::check_format(first).map_err(explain)?;
    if first != second {
        return Err(explain(CodeError::Mismatch));
    }
    let hash = CodeHash::new(first).map_err(explain)?;
    crate::config::settings_file(settings)
        .and_then(|path| {
            crate::config::edit_settings(path, |document| {
                document["operator_code"] = toml_edit::value(hash.to_string());
            })
        })
        .map_err(|error| {
            let reason = crate::app::explain::settings(lang, &error);
            t!(lang, "operator-code-not-saved", reason = reason)
        })?;
    let path = settings
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    Ok(t!(lang, "operator-code-saved", path = path))
}

fn read_twice(lang: Language) -> std::io::Result<(Zeroizing<String>, Zeroizing<String>)> {
    if std::io::stdin().is_terminal() {
        let first = Zeroizing::new(rpassword::prompt_password(t!(
            lang,
            "operator-code-prompt"
        ))?);
        let second = Zeroizing::new(rpassword::prompt_password(t!(
            lang,
            "operator-code-repeat"
        ))?);
        return Ok((first, second));
    }
    let mut lines = std::io::stdin().lock().lines();
    let mut next = || -> std::io::Result<Zeroizing<String>> {
        let line = Zeroizing::new(lines.next().transpose()?.unwrap_or_default());
        Ok(Zeroizing::new(line.trim().to_owned()))
    };
    let first = next()?;
    let second = next()?;
    Ok((first, second))
}
