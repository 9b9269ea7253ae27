//! Fluent translations: one loader per language, chosen per call so that views (and tests)
//! can render any language without global state. Message ids are checked at compile time by
//! the `t!` macro against the Russian file, which is the reference locale.

use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

/// The languages the interface speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Ru,
    Kk,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Ru, Language::Kk, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::En => "en",
        }
    }

    /// The language's own name, shown in the switcher whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Ru => "Русский",
            Language::Kk => "Қазақша",
            Language::En => "English",
        }
    }

    /// Short label for the compact switcher in the header.
    pub fn short_name(self) -> &'static str {
        match self {
            Language::Ru => "РУС",
            Language::Kk => "ҚАЗ",
            Language::En => "ENG",
        }
    }

    pub fn next(self) -> Language {
        match self {
            Language::Ru => Language::Kk,
            Language::Kk => Language::En,
            Language::En => Language::Ru,
        }
    }

    /// Picks a language from a BCP-47 tag such as `kk-KZ` or `ru_RU.UTF-8`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Language::Ru),
            "kk" | "kz" => Some(Language::Kk),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The operating system's preferred language, if it is one we speak.
    pub fn from_os() -> Option<Language> {
        sys_locale::get_locales().find_map(|tag| Language::from_tag(&tag))
    }

    pub fn loader(self) -> &'static FluentLanguageLoader {
        match self {
            Language::Ru => &RU,
            Language::Kk => &KK,
            Language::En => &EN,
        }
    }
}

static RU: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build_loader(Language::Ru));
static KK: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build_loader(Language::Kk));
static EN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build_loader(Language::En));

fn build_loader(language: Language) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let id: unic_langid::LanguageIdentifier = match language.code().parse() {
        Ok(id) => id,
        Err(_) => return loader,
    };
    if let Err(error) = loader.load_languages(&Localizations, &[id]) {
        // The files are embedded at build time, so this only happens if one fails to parse;
        // the completeness test catches that before a release.
        eprintln!(
            "qoltanba: could not load the {} translation: {error}",
            language.code()
        );
    }
    // Unicode isolation marks around arguments render as boxes in some fonts and confuse
    // screen readers; all our arguments are plain numbers, names and codes. The setting
    // applies to the bundles loaded so far, so it comes after loading.
    loader.set_use_isolating(false);
    loader
}

/// Looks up a message in the given language: `t!(lang, "iin-title")` or
/// `t!(lang, "otp-sent", phone = masked)`. The id (and argument names) are checked at compile
/// time against `i18n/ru/qoltanba.ftl`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {{
        i18n_embed_fl::fl!($crate::i18n::Language::loader($lang), $id)
    }};
    ($lang:expr, $id:literal, $($args:tt)*) => {{
        i18n_embed_fl::fl!($crate::i18n::Language::loader($lang), $id, $($args)*)
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Language::from_tag("kk-KZ"), Some(Language::Kk));
        assert_eq!(Language::from_tag("ru_RU.UTF-8"), Some(Language::Ru));
        assert_eq!(Language::from_tag("en"), Some(Language::En));
        assert_eq!(Language::from_tag("de-DE"), None);
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn each_language_loads_its_own_text() {
        assert_eq!(crate::t!(Language::Ru, "language-self"), "Русский");
        assert_eq!(crate::t!(Language::Kk, "language-self"), "Қазақша");
        assert_eq!(crate::t!(Language::En, "language-self"), "English");
    }
}
