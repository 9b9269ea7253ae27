use super::*;

fn field(value: &str) -> Item {
    Item::Field {
        id: Some(Id::new("iin-input")),
        value: value.into(),
        secure: false,
        focused: true,
        bounds: [0.0, 0.0, 100.0, 40.0],
    }
}

fn next(enabled: bool) -> Item {
    Item::Button {
        id: enabled.then(|| Id::new("press:Next")),
        name: "Далее".into(),
        enabled,
        checked: None,
        selected: None,
        focused: false,
        bounds: [0.0, 50.0, 100.0, 90.0],
    }
}

fn node(update: &TreeUpdate, index: usize) -> &Node {
    &update.nodes[index + 1].1
}

#[test]
fn a_field_is_labelled_by_the_text_before_and_described_by_the_message_after() {
    let items = vec![
        Item::Text("ИИН".into()),
        field("900101300124"),
        Item::Text("Неверная контрольная цифра".into()),
        next(false),
    ];
    let update = tree("Qoltanba — Ваш ИИН", &items, 1.0);
    let input = node(&update, 1);
    assert_eq!(input.role(), Role::TextInput);
    assert_eq!(input.label(), Some("ИИН"));
    assert_eq!(input.value(), Some("900101300124"));
    assert_eq!(input.described_by(), &[node_ids(&items)[2]]);
    assert_eq!(node(&update, 2).live(), Some(Live::Polite));
    assert_eq!(update.focus, node_ids(&items)[1]);
    let button = node(&update, 3);
    assert_eq!(button.role(), Role::Button);
    assert!(button.is_disabled());
    assert_eq!(update.nodes[0].1.label(), Some("Qoltanba — Ваш ИИН"));
}

#[test]
fn an_enabled_button_can_be_clicked_and_maps_back_to_its_element() {
    let items = vec![field(""), next(true)];
    let update = tree("t", &items, 2.0);
    let button = node(&update, 1);
    assert!(!button.is_disabled());
    assert!(button.supports_action(accesskit::Action::Click));
    assert_eq!(button.bounds().map(|b| b.y1), Some(180.0));
    assert_eq!(
        element(&items, node_ids(&items)[1]),
        Some(Id::new("press:Next"))
    );
    assert_eq!(element(&items, ROOT), None);
}

#[test]
fn a_secret_is_a_password_input_and_a_checkbox_says_whether_it_is_ticked() {
    let items = vec![
        Item::Field {
            id: None,
            value: "••••".into(),
            secure: true,
            focused: false,
            bounds: [0.0; 4],
        },
        Item::Button {
            id: Some(Id::new("agreement-accept")),
            name: "Принимаю".into(),
            enabled: true,
            checked: Some(true),
            selected: None,
            focused: false,
            bounds: [0.0; 4],
        },
    ];
    let update = tree("t", &items, 1.0);
    assert_eq!(node(&update, 0).role(), Role::PasswordInput);
    assert_eq!(node(&update, 0).value(), Some("••••"));
    assert_eq!(node(&update, 1).role(), Role::CheckBox);
    assert_eq!(node(&update, 1).toggled(), Some(Toggled::True));
}

#[test]
fn a_choice_card_is_a_radio_button_that_says_whether_it_is_chosen() {
    let card = |name: &str, selected| Item::Button {
        id: Some(Id::from(name.to_owned())),
        name: name.into(),
        enabled: true,
        checked: None,
        selected: Some(selected),
        focused: false,
        bounds: [0.0; 4],
    };
    let update = tree("t", &[card("ГОСТ", true), card("RSA", false)], 1.0);
    assert_eq!(node(&update, 0).role(), Role::RadioButton);
    assert_eq!(node(&update, 0).toggled(), Some(Toggled::True));
    assert_eq!(node(&update, 1).role(), Role::RadioButton);
    assert_eq!(node(&update, 1).toggled(), Some(Toggled::False));
}

/// A hint appearing above the button leaves the button its node (numbered by position, the
/// button's node became the hint's, and Orca saw a button turn into a label).
#[test]
fn an_element_keeps_its_node_when_a_text_appears_before_it() {
    let before = vec![field("9001"), next(true)];
    let after = vec![
        field("9001"),
        Item::Text("Неверная контрольная цифра".into()),
        next(true),
    ];
    let (before, after) = (node_ids(&before), node_ids(&after));
    assert_eq!(before[0], after[0], "the field");
    assert_eq!(before[1], after[2], "the Next button");
    assert_ne!(after[1], after[2]);
    assert!(!after.contains(&ROOT));
}

/// A live text keeps its node while its words change (the change is what is announced), and
/// two texts with the same words get two nodes.
#[test]
fn a_live_text_keeps_its_node_and_equal_texts_get_their_own() {
    let prompt = |words: &str| {
        vec![
            Item::Live(words.into()),
            Item::Text("•".into()),
            Item::Text("•".into()),
        ]
    };
    let (first, second) = (
        node_ids(&prompt("Посмотрите прямо")),
        node_ids(&prompt("Поверните голову влево")),
    );
    assert_eq!(first[0], second[0]);
    assert_ne!(first[1], first[2]);
}
