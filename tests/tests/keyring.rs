//! Sign-in tokens live in the OS keyring (the Secret Service), never in files: saved, read
//! back, replaced by a refresh, and forgotten on sign-out. Runs against GNOME Keyring on a
//! private session bus, so the user's own keyring is never touched.

use helpline_core::{KeyringTokens, OAuthTokens};
use helpline_e2e::{start_keyring, start_session_bus};

fn tokens(generation: u32) -> OAuthTokens {
    OAuthTokens {
        access_token: format!("access-{generation}"),
        refresh_token: format!("refresh-{generation}"),
    }
}

#[test]
fn tokens_round_trip_through_the_keyring_and_are_forgotten_on_sign_out() {
    let home = tempfile::tempdir().unwrap();
    let (bus_address, _bus) = start_session_bus().unwrap();
    let _keyring = start_keyring(&bus_address, home.path()).unwrap();
    // The only test in this binary, so no other thread reads the variable meanwhile; the
    // keyring library connects to the session bus it names on first use.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus_address);

    let acme = KeyringTokens::for_desk("https://acme.zendesk.com");
    let other = KeyringTokens::for_desk("https://other.zendesk.com");
    assert_eq!(acme.load().unwrap(), None);

    acme.save(&tokens(1)).unwrap();
    other.save(&tokens(9)).unwrap();
    assert_eq!(acme.load().unwrap(), Some(tokens(1)));

    // The client hands every refreshed pair to the sink; the old one is replaced.
    acme.sink().tokens_refreshed(&tokens(2));
    assert_eq!(acme.load().unwrap(), Some(tokens(2)));

    acme.delete().unwrap();
    acme.delete().unwrap();
    assert_eq!(acme.load().unwrap(), None);
    assert_eq!(
        other.load().unwrap(),
        Some(tokens(9)),
        "each desk has its own entry"
    );
}
