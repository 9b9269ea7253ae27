//! Node ids that stay with what they stand for while other things come and go on the step (a
//! hint appears above a button, the camera starts): a screen reader keeps its place, and an
//! element does not turn into another under it. Numbering by position did exactly that — Orca
//! saw the Next button become a label and a bullet of the video prompts become a button.
//!
//! - a button: its name, and how many buttons of that name came before;
//! - a field: its focus id;
//! - a text: its words, and how many texts of those words came before;
//! - a live text (a camera hint, a countdown): its place among the live texts, because its
//!   words change and the change is what is announced.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use accesskit::NodeId;

use super::{Item, ROOT};

/// The node id of each item, in order; never the root's, never one twice.
pub fn node_ids(items: &[Item]) -> Vec<NodeId> {
    let mut seen: HashMap<(u8, String), u32> = HashMap::new();
    let mut taken = HashSet::from([ROOT.0]);
    let mut live = 0u32;
    items
        .iter()
        .map(|item| {
            let key = match item {
                Item::Text(text) => (0, text.clone()),
                Item::Live(_) => {
                    live += 1;
                    (1, live.to_string())
                }
                Item::Button { name, .. } => (2, name.clone()),
                Item::Field { id, .. } => (
                    3,
                    id.as_ref().map(|id| format!("{id:?}")).unwrap_or_default(),
                ),
            };
            let count = seen.entry(key.clone()).or_default();
            *count += 1;
            let mut hasher = DefaultHasher::new();
            (key, *count).hash(&mut hasher);
            let mut id = hasher.finish();
            while !taken.insert(id) {
                id = id.wrapping_add(1);
            }
            NodeId(id)
        })
        .collect()
}
