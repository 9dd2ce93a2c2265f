// `wixCrm` is a module of the catalog, but this build leaves its cargo feature out.
use backend_events::backend_event;

#[backend_event(wixCrm, onContactCreated)]
fn contact_created(event: backend_events::wix_crm::ContactCreated) {
    let _ = event;
}

fn main() {}
