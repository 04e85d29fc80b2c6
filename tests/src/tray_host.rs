//! A stand-in for the desktop's tray (a StatusNotifier host) on the test's private session
//! bus: it owns `org.kde.StatusNotifierWatcher`, records the items that register, and reads an
//! item's label (the text beside its icon: Helpline's unread count) as a panel would, and
//! clicks its menu's entries (com.canonical.dbusmenu) as a user would.

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use zbus::message::Header;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Structure, Value};

const PATH: &str = "/StatusNotifierWatcher";

/// One registered item: the bus name that owns it and its object path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub bus_name: String,
    pub path: String,
}

struct Watcher {
    items: Arc<Mutex<Vec<Item>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    /// `service` is an object path (Ayatana's indicators) or a bus name (the item at
    /// `/StatusNotifierItem`).
    fn register_status_notifier_item(&self, service: String, #[zbus(header)] header: Header<'_>) {
        let sender = header
            .sender()
            .map(|name| name.to_string())
            .unwrap_or_default();
        let item = if service.starts_with('/') {
            Item {
                bus_name: sender,
                path: service,
            }
        } else {
            Item {
                bus_name: service,
                path: "/StatusNotifierItem".into(),
            }
        };
        self.items
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(item);
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|item| format!("{}{}", item.bus_name, item.path))
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// The running stand-in; it stops with the value.
pub struct TrayHost {
    connection: zbus::blocking::Connection,
    items: Arc<Mutex<Vec<Item>>>,
}

impl TrayHost {
    /// Owns `org.kde.StatusNotifierWatcher` on the bus at `bus_address`.
    pub fn start(bus_address: &str) -> anyhow::Result<Self> {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::blocking::connection::Builder::address(bus_address)?
            .name("org.kde.StatusNotifierWatcher")?
            .serve_at(
                PATH,
                Watcher {
                    items: items.clone(),
                },
            )?
            .build()
            .context("cannot own org.kde.StatusNotifierWatcher on the test bus")?;
        Ok(Self { connection, items })
    }

    /// The items registered so far.
    pub fn items(&self) -> Vec<Item> {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A string property of `item` (`XAyatanaLabel`, `Title`, `Status`…).
    pub fn property(&self, item: &Item, name: &str) -> anyhow::Result<String> {
        Ok(self.item_proxy(item)?.get_property::<String>(name)?)
    }

    fn item_proxy(&self, item: &Item) -> zbus::Result<zbus::blocking::Proxy<'_>> {
        zbus::blocking::Proxy::new(
            &self.connection,
            item.bus_name.clone(),
            item.path.clone(),
            "org.kde.StatusNotifierItem",
        )
    }

    /// Clicks the entry of `item`'s menu whose label is `label` ("Quit Helpline").
    pub fn click_menu_entry(&self, item: &Item, label: &str) -> anyhow::Result<()> {
        let menu_path: OwnedObjectPath = self.item_proxy(item)?.get_property("Menu")?;
        let menu = zbus::blocking::Proxy::new(
            &self.connection,
            item.bus_name.as_str(),
            menu_path.as_str(),
            "com.canonical.dbusmenu",
        )?;
        type Layout = (
            i32,
            std::collections::HashMap<String, OwnedValue>,
            Vec<OwnedValue>,
        );
        let (_revision, root): (u32, Layout) =
            menu.call("GetLayout", &(0i32, -1i32, Vec::<String>::new()))?;
        let mut labels = Vec::new();
        let id = find_entry(&Value::from(root_structure(root)?), label, &mut labels)
            .with_context(|| format!("no menu entry {label:?} among {labels:?}"))?;
        let _: () = menu.call("Event", &(id, "clicked", Value::from(0i32), 0u32))?;
        Ok(())
    }
}

/// The layout's root as a plain structure value, to walk like its children.
fn root_structure(
    (id, properties, children): (
        i32,
        std::collections::HashMap<String, OwnedValue>,
        Vec<OwnedValue>,
    ),
) -> anyhow::Result<Structure<'static>> {
    let properties: std::collections::HashMap<String, Value<'static>> = properties
        .into_iter()
        .map(|(key, value)| (key, Value::from(value)))
        .collect();
    let children: Vec<Value<'static>> = children.into_iter().map(Value::from).collect();
    Ok(zbus::zvariant::StructureBuilder::new()
        .add_field(id)
        .add_field(properties)
        .add_field(children)
        .build()?)
}

/// The id of the entry labelled `label` in a `(id, properties, children)` layout node, noting
/// every label seen.
fn find_entry(node: &Value<'_>, label: &str, seen: &mut Vec<String>) -> Option<i32> {
    let node = match node {
        Value::Value(inner) => return find_entry(inner, label, seen),
        Value::Structure(node) => node,
        _ => return None,
    };
    let [Value::I32(id), properties, Value::Array(children)] = node.fields() else {
        return None;
    };
    if let Value::Dict(properties) = properties {
        let text = properties
            .iter()
            .find_map(|(key, value)| (string_of(key)? == "label").then(|| string_of(value))?);
        if let Some(text) = text {
            // Underscores mark mnemonics in dbusmenu labels.
            let text = text.replace('_', "");
            if text == label {
                return Some(*id);
            }
            seen.push(text);
        }
    }
    children
        .iter()
        .find_map(|child| find_entry(child, label, seen))
}

/// The text in a string value, also when wrapped in a variant.
fn string_of(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Str(text) => Some(text.as_str().to_owned()),
        Value::Value(inner) => string_of(inner),
        _ => None,
    }
}
