//! `qoltanba tokens`: the PKCS#11 modules loaded (and those that could not be), and every
//! device they see with its label, maker, model, serial, kind and PIN state — what support
//! asks for when a citizen's device does not show up in the wizard.

use std::path::PathBuf;

use qoltanba_core::token::{
    ModuleInfo, ModuleOrigin, ModuleProblem, TokenInfo, TokenRegistry, Vendor,
};

use crate::app::explain;
use crate::i18n::Language;
use crate::t;

/// Loads the modules, lists the devices and renders the report (blocking).
pub fn run(modules: &[PathBuf], lang: Language) -> String {
    let (registry, mut problems) = TokenRegistry::load(modules);
    let (tokens, list_problems) = registry.scan();
    problems.extend(list_problems);
    render(&registry.modules(), &problems, &tokens, lang)
}

/// The report: modules, problems, then one block per device; labels in the user's language.
pub fn render(
    modules: &[ModuleInfo],
    problems: &[ModuleProblem],
    tokens: &[TokenInfo],
    lang: Language,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", t!(lang, "tokens-modules")));
    if modules.is_empty() {
        out.push_str(&format!("  {}\n", t!(lang, "tokens-modules-none")));
    }
    for module in modules {
        let origin = match module.origin {
            ModuleOrigin::Known(vendor) => {
                t!(lang, "tokens-module-known", vendor = vendor_name(vendor))
            }
            ModuleOrigin::Added => t!(lang, "tokens-module-added"),
        };
        let library = &module.library;
        out.push_str(&format!(
            "  {} — {} ({}), {} {}, PKCS#11 {}; {origin}\n",
            module.path.display(),
            library.description,
            library.manufacturer,
            t!(lang, "tokens-version"),
            library.version,
            library.cryptoki_version,
        ));
    }
    if !problems.is_empty() {
        out.push_str(&format!("\n{}\n", t!(lang, "tokens-problems")));
        for problem in problems {
            out.push_str(&format!("  {}\n", explain::module_problem(lang, problem)));
        }
    }
    out.push_str(&format!("\n{}\n", t!(lang, "tokens-devices")));
    if tokens.is_empty() {
        out.push_str(&format!("  {}\n", t!(lang, "tokens-devices-none")));
    }
    for token in tokens {
        out.push_str(&format!(
            "  {}\n",
            t!(
                lang,
                "tokens-slot",
                slot = token.slot_id.to_string(),
                description = token.slot_description.as_str()
            )
        ));
        let mut lines = vec![
            (t!(lang, "tokens-label"), token.label.clone()),
            (t!(lang, "tokens-manufacturer"), token.manufacturer.clone()),
            (t!(lang, "tokens-model"), token.model.clone()),
            (t!(lang, "tokens-serial"), token.serial.clone()),
            (
                t!(lang, "tokens-kind"),
                explain::device_kind(lang, token.kind),
            ),
            (
                t!(lang, "tokens-pin"),
                explain::pin_state(lang, token.pin_state),
            ),
            (
                t!(lang, "tokens-pin-length"),
                format!("{}–{}", token.pin_length.min, token.pin_length.max),
            ),
            (
                t!(lang, "tokens-module"),
                token.module.display().to_string(),
            ),
        ];
        if let Some(advice) = explain::pin_advice(lang, token.pin_state) {
            lines.push((t!(lang, "tokens-advice"), advice));
        }
        let width = lines
            .iter()
            .map(|(label, _)| label.chars().count())
            .max()
            .unwrap_or(0);
        for (label, value) in lines {
            let pad = width - label.chars().count();
            out.push_str(&format!("    {label}:{} {value}\n", " ".repeat(pad)));
        }
    }
    out
}

/// The vendor's own spelling.
fn vendor_name(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::OpenSc => "OpenSC",
        Vendor::SafeNet => "SafeNet",
        Vendor::JaCarta => "JaCarta",
        Vendor::SoftHsm => "SoftHSM2",
    }
}
