// `wixBlog` is large: each of its packages has a cargo feature of its own, and this build
// enables none of them. The error names the one that holds the event.
use backend_events::backend_event;

#[backend_event(wixBlog, onPostCreated)]
fn post_created(event: backend_events::wix_blog::PostCreated) {
    let _ = event;
}

fn main() {}
