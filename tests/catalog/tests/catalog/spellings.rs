//! A payload in the platform's spelling (webhooks: `id`, `createdDate`, `addressLine`) and the
//! same payload in Velo's (`_id`, `_createdDate`, `addressLine1`) parse to equal values, at every
//! depth, for events of several areas with addresses, images and money.

use std::collections::BTreeSet;
use std::fmt::Debug;

use backend_events::BackendEvent;
use serde_json::Value;

/// The keys the platform's SDK renames from the wire to Velo's spelling, wherever they are.
const RENAMED: &[(&str, &str)] = &[
    ("_id", "id"),
    ("_createdDate", "createdDate"),
    ("_updatedDate", "updatedDate"),
    ("addressLine1", "addressLine"),
];

/// `value` in the wire's spelling; the Velo keys met go into `met`.
fn wire_spelling(value: &Value, met: &mut BTreeSet<&'static str>) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, inner)| {
                    let key = match RENAMED.iter().find(|(velo, _)| velo == key) {
                        Some((velo, wire)) => {
                            met.insert(velo);
                            (*wire).to_owned()
                        }
                        None => key.clone(),
                    };
                    (key, wire_spelling(inner, met))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| wire_spelling(v, met)).collect()),
        other => other.clone(),
    }
}

/// Parses the event's sample in both spellings and checks the values are equal.
fn same_in_both_spellings<E: BackendEvent>(met: &mut BTreeSet<&'static str>)
where
    E::Payload: PartialEq + Debug,
{
    let velo = E::SAMPLE.unwrap_or_else(|| panic!("{} has no sample", E::NAME));
    let wire = wire_spelling(&serde_json::from_str(velo).unwrap(), met).to_string();
    let from_velo: E::Payload = serde_json::from_str(velo).unwrap();
    let from_wire: E::Payload = serde_json::from_str(&wire)
        .unwrap_or_else(|e| panic!("{}.{} in the wire's spelling: {e}", E::MODULE, E::NAME));
    assert_eq!(from_velo, from_wire, "{}.{}", E::MODULE, E::NAME);
}

#[test]
fn the_wire_spelling_and_velos_parse_to_equal_values() {
    use backend_events::*;
    let mut met = BTreeSet::new();
    same_in_both_spellings::<wix_ecom::wixEcom::onOrderCreated>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onOrderApproved>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onCheckoutCompleted>(&mut met);
    same_in_both_spellings::<wix_ecom::wixEcom::onCartUpdated>(&mut met);
    same_in_both_spellings::<wix_crm::wixCrm::onContactCreated>(&mut met);
    same_in_both_spellings::<wix_crm::wixCrm::onContactUpdated>(&mut met);
    same_in_both_spellings::<wix_members::wixMembers::onMemberCreated>(&mut met);
    same_in_both_spellings::<wix_bookings_services::wixBookingsServices::onServiceCreated>(
        &mut met,
    );
    same_in_both_spellings::<wix_bookings_v2::wixBookingsV2::onBookingConfirmed>(&mut met);
    same_in_both_spellings::<wix_payments::wixPayments::onPaymentCreated>(&mut met);
    same_in_both_spellings::<wix_restaurants::wixRestaurants::onOrderCreated>(&mut met);
    same_in_both_spellings::<wix_stores_catalog_v3::wixStoresCatalogV3::onProductCreated>(&mut met);
    same_in_both_spellings::<wix_events_v3::wixEventsV3::onTicketDefinitionCreated>(&mut met);
    same_in_both_spellings::<wix_blog::wixBlog::onPostCreated>(&mut met);
    // Every renamed key was met somewhere, so each spelling was tried.
    let all: BTreeSet<&str> = RENAMED.iter().map(|(velo, _)| *velo).collect();
    assert_eq!(met, all);
}
