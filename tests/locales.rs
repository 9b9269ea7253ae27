//! Every locale has every message of the reference locale (Russian), with the same arguments,
//! and nothing the reference does not have. The checker is tested on a broken pair first, so
//! a pass means something.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

/// Message id → the variables it uses (attributes are counted as `id.attr`).
type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn catalogue(source: &str) -> Result<Catalogue, String> {
    let resource = parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut messages = Catalogue::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            if let Some(value) = &message.value {
                collect(value, &mut variables);
            }
            messages.insert(message.id.name.to_owned(), variables);
            for attribute in &message.attributes {
                let mut variables = BTreeSet::new();
                collect(&attribute.value, &mut variables);
                messages.insert(
                    format!("{}.{}", message.id.name, attribute.id.name),
                    variables,
                );
            }
        }
    }
    Ok(messages)
}

fn collect(pattern: &Pattern<&str>, variables: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, variables);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, variables: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            collect_inline(selector, variables);
            for variant in variants {
                collect(&variant.value, variables);
            }
        }
        Expression::Inline(inline) => collect_inline(inline, variables),
    }
}

fn collect_inline(inline: &InlineExpression<&str>, variables: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                collect_inline(argument, variables);
            }
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, variables),
        _ => {}
    }
}

/// Everything wrong with `other` measured against `reference`.
fn problems(reference: &str, other: &str) -> Vec<String> {
    let (reference, other) = match (catalogue(reference), catalogue(other)) {
        (Ok(r), Ok(o)) => (r, o),
        (Err(e), _) | (_, Err(e)) => return vec![format!("does not parse: {e}")],
    };
    let mut found = Vec::new();
    for (id, variables) in &reference {
        match other.get(id) {
            None => found.push(format!("missing message {id}")),
            Some(theirs) => {
                for missing in variables.difference(theirs) {
                    found.push(format!("{id}: missing argument ${missing}"));
                }
                for extra in theirs.difference(variables) {
                    found.push(format!("{id}: unknown argument ${extra}"));
                }
            }
        }
    }
    for id in other.keys().filter(|id| !reference.contains_key(*id)) {
        found.push(format!("message {id} is not in the reference locale"));
    }
    found
}

fn locale(code: &str) -> String {
    let path = format!("{}/i18n/{code}/qoltanba.ftl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn the_checker_finds_missing_messages_and_arguments() {
    let reference =
        "a = A { $n }\nb = B\nc = { $count ->\n    [one] one\n   *[other] { $count } many\n}\n";
    assert!(problems(reference, reference).is_empty());
    let broken = "a = A\nc = many\nd = D\n";
    let found = problems(reference, broken);
    assert!(found.contains(&"missing message b".to_owned()), "{found:?}");
    assert!(
        found.contains(&"a: missing argument $n".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"c: missing argument $count".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"message d is not in the reference locale".to_owned()),
        "{found:?}"
    );
    assert_eq!(
        problems(reference, "a = {"),
        vec![
            "does not parse: ".to_owned()
                + &format!(
                    "{:?}",
                    parser::parse("a = {")
                        .err()
                        .map(|(_, e)| e)
                        .unwrap_or_default()
                )
        ]
    );
}

#[test]
fn kazakh_and_english_are_complete() {
    let reference = locale("ru");
    assert!(
        catalogue(&reference).is_ok_and(|c| c.len() > 100),
        "the reference locale is suspiciously small"
    );
    for code in ["kk", "en"] {
        let found = problems(&reference, &locale(code));
        assert!(
            found.is_empty(),
            "{code} is incomplete:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn kazakh_uses_kazakh_letters() {
    let kk = locale("kk");
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
        assert!(
            kk.contains(letter),
            "no '{letter}' anywhere in the Kazakh text"
        );
    }
}

#[test]
fn the_bundled_font_has_every_letter_the_translations_use() {
    for font in [
        qoltanba::app::theme::FONT_REGULAR,
        qoltanba::app::theme::FONT_BOLD,
    ] {
        let face = ttf_parser::Face::parse(font, 0)
            .unwrap_or_else(|error| panic!("bundled font: {error}"));
        for code in ["ru", "kk", "en"] {
            let text = locale(code);
            let missing: BTreeSet<char> = text
                .chars()
                .filter(|c| !c.is_control() && face.glyph_index(*c).is_none())
                .collect();
            assert!(
                missing.is_empty(),
                "{code}: the bundled font has no glyph for {missing:?}"
            );
        }
        // Kazakh letters beyond Russian, upper and lower case, including һ.
        for letter in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
            assert!(face.glyph_index(letter).is_some(), "no glyph for {letter}");
        }
    }
}

#[test]
fn the_bundled_font_has_every_symbol_the_widgets_draw() {
    let face = ttf_parser::Face::parse(qoltanba::app::theme::FONT_REGULAR, 0)
        .unwrap_or_else(|error| panic!("{error}"));
    let missing: Vec<char> = qoltanba::app::theme::SYMBOLS
        .iter()
        .flat_map(|symbol| symbol.chars())
        .filter(|c| face.glyph_index(*c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "the bundled font has no glyph for {missing:?}"
    );
}
