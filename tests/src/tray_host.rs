//! A stand-in for the desktop's tray (a StatusNotifier host) on the test's private session
//! bus: it owns `org.kde.StatusNotifierWatcher`, records the items that register, and reads an
//! item's label (the text beside its icon: Helpline's unread count) as a panel would.

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use zbus::message::Header;

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
        let proxy = zbus::blocking::Proxy::new(
            &self.connection,
            item.bus_name.as_str(),
            item.path.as_str(),
            "org.kde.StatusNotifierItem",
        )?;
        Ok(proxy.get_property::<String>(name)?)
    }
}
