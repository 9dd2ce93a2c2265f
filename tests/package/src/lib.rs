//! A library of handlers that also declares its own module of events, as a Velo package with
//! its own `events.js` would. Linked into a binary with `use backend_events_test_package as _;`.

#![forbid(unsafe_code)]

use std::sync::Mutex;

use backend_events::backend_event;
use backend_events::wix_events_guests::GuestCreated;
use serde::Deserialize;

/// What the package's `onLoyaltyPointsEarned` delivers.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointsEarned {
    /// The member who earned them.
    pub member_id: String,
    /// How many.
    pub points: u32,
}

backend_events::declare_module! {
    /// The package's own events.
    pub mod loyaltyPackage {
        /// A member earned loyalty points.
        onLoyaltyPointsEarned => PointsEarned;
        /// A member reached a new tier; has a webhook too.
        onTierReached => PointsEarned, webhook = "loyalty.package.v1.tier_reached";
    }
}

/// Every guest id the package's guest handler saw, in order.
pub static GUESTS_SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Every (member, points) the package's points handler saw, in order.
pub static POINTS_SEEN: Mutex<Vec<(String, u32)>> = Mutex::new(Vec::new());

/// The package handles a catalog event...
#[backend_event(wixEventsGuests, onGuestCreated)]
pub fn welcome_guest(event: GuestCreated) {
    GUESTS_SEEN.lock().unwrap().push(event.entity.id);
}

/// ...and its own event, named by path.
#[backend_event(crate::loyaltyPackage, onLoyaltyPointsEarned)]
pub async fn count_points(event: PointsEarned) -> Result<(), String> {
    if event.points == 0 {
        return Err(format!("{} earned no points", event.member_id));
    }
    POINTS_SEEN
        .lock()
        .unwrap()
        .push((event.member_id, event.points));
    Ok(())
}
