use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

// A crate's own `Result` whose shape is not std's: the attribute reads `Result<(), E>` as std's.
type Result<T, E> = std::result::Result<T, Box<E>>;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: PolicyUpdated) -> Result<(), String> {
    let _ = event;
    Ok(())
}

fn main() {}
