//! A stand-in for the desktop's notification service on the test's private session bus: it
//! owns `org.freedesktop.Notifications`, records every `Notify`, and can emit `ActionInvoked`
//! as a click on a notification does.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use zbus::object_server::SignalEmitter;

const PATH: &str = "/org/freedesktop/Notifications";

/// One `Notify` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Action keys and labels, alternating, as the protocol sends them.
    pub actions: Vec<String>,
}

struct Service {
    received: Arc<Mutex<Vec<Received>>>,
    next_id: AtomicU32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Service {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Received {
                id,
                app_name,
                summary,
                body,
                actions,
            });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "helpline-test-notifications".into(),
            "helpline".into(),
            "1.0".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, _id: u32) {}

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

/// The running stand-in; it stops with the value.
pub struct NotificationServer {
    connection: zbus::blocking::Connection,
    received: Arc<Mutex<Vec<Received>>>,
}

impl NotificationServer {
    /// Owns `org.freedesktop.Notifications` on the bus at `bus_address`.
    pub fn start(bus_address: &str) -> anyhow::Result<Self> {
        let received = Arc::new(Mutex::new(Vec::new()));
        let service = Service {
            received: received.clone(),
            next_id: AtomicU32::new(0),
        };
        let connection = zbus::blocking::connection::Builder::address(bus_address)?
            .name("org.freedesktop.Notifications")?
            .serve_at(PATH, service)?
            .build()
            .context("cannot own org.freedesktop.Notifications on the test bus")?;
        Ok(Self {
            connection,
            received,
        })
    }

    /// Every notification shown so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Does what a click on notification `id` (or its button `action_key`) does.
    pub fn invoke_action(&self, id: u32, action_key: &str) -> anyhow::Result<()> {
        let interface = self
            .connection
            .object_server()
            .interface::<_, Service>(PATH)?;
        zbus::block_on(Service::action_invoked(
            interface.signal_emitter(),
            id,
            action_key,
        ))?;
        Ok(())
    }
}
